package dev.vinfer.onnx;

import java.util.HashSet;
import java.util.Set;

/**
 * New value and node names for what the importer adds (constants made from legacy attributes, the
 * second node of a translation), guaranteed not to collide with any name in the file.
 */
final class FreshNames {
    private final Set<String> values;
    private final Set<String> nodes;

    /** @param values every value name of the file; @param nodes every node name assigned so far */
    FreshNames(Set<String> values, Set<String> nodes) {
        this.values = new HashSet<>(values);
        this.nodes = new HashSet<>(nodes);
    }

    String value(String base) {
        return fresh(values, base);
    }

    String node(String base) {
        return fresh(nodes, base);
    }

    private static String fresh(Set<String> taken, String base) {
        String name = base;
        for (int k = 2; !taken.add(name); k++) {
            name = base + "_" + k;
        }
        return name;
    }
}
