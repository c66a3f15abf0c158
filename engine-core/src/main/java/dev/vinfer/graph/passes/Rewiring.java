package dev.vinfer.graph.passes;

import dev.vinfer.graph.Graph;
import dev.vinfer.graph.Node;

import java.util.ArrayList;
import java.util.List;

/** Small graph-editing steps the passes share. */
final class Rewiring {
    private Rewiring() {
    }

    /** Every node with each use of value {@code from} replaced by {@code to}. */
    static List<Node> replaceUses(List<Node> nodes, String from, String to) {
        List<Node> out = new ArrayList<>(nodes.size());
        for (Node node : nodes) {
            if (node.inputs().contains(from)) {
                List<String> inputs = new ArrayList<>(node.inputs());
                inputs.replaceAll(v -> v.equals(from) ? to : v);
                node = node.withInputs(inputs);
            }
            out.add(node);
        }
        return out;
    }

    /**
     * The single node reading {@code value}, or {@code null} when it has several readers, none, or is a
     * graph output (a value the caller sees must keep existing, so it cannot be fused away).
     */
    static Node soleConsumer(Graph graph, String value) {
        if (graph.isGraphOutput(value)) {
            return null;
        }
        Node only = null;
        for (Node node : graph.nodes()) {
            long uses = node.inputs().stream().filter(value::equals).count();
            if (uses == 0) {
                continue;
            }
            if (only != null || uses > 1) {
                return null;
            }
            only = node;
        }
        return only;
    }
}
