package dev.vinfer.onnx;

import dev.vinfer.onnx.proto.NodeProto;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Unique node names: the file's own where it has one, else {@code <op>_<index in the file>}
 * (plus {@code _2}, {@code _3}... if that is taken). A later duplicate of a name is renamed the
 * same way; the first keeps it. The file's names are reserved first, so an invented name never
 * takes one the file uses.
 */
final class NodeNames {
    private NodeNames() {
    }

    static List<String> assign(List<NodeProto> nodes) {
        Set<String> taken = new HashSet<>();
        boolean[] keeps = new boolean[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            String name = nodes.get(i).name();
            keeps[i] = !name.isEmpty() && taken.add(name);
        }
        List<String> names = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            if (keeps[i]) {
                names.add(nodes.get(i).name());
                continue;
            }
            String op = nodes.get(i).opType().isEmpty() ? "node" : nodes.get(i).opType();
            String base = op + "_" + i;
            String candidate = base;
            for (int k = 2; !taken.add(candidate); k++) {
                candidate = base + "_" + k;
            }
            names.add(candidate);
        }
        return names;
    }
}
