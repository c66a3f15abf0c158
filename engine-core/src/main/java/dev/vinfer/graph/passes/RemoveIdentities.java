package dev.vinfer.graph.passes;

import dev.vinfer.graph.Graph;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;

import java.util.ArrayList;
import java.util.List;

/**
 * Drops Identity and inference-mode Dropout: their readers read the input directly. A node whose
 * output is a graph output stays, since that name must exist.
 */
public final class RemoveIdentities implements GraphPass {
    @Override
    public String name() {
        return "remove-identities";
    }

    @Override
    public Graph apply(Graph graph) {
        List<Node> nodes = new ArrayList<>(graph.nodes());
        // Walk the current list: rewiring replaces nodes, so the original objects go stale.
        for (int i = 0; i < nodes.size(); ) {
            Node node = nodes.get(i);
            boolean passThrough = node.op().equals(Ops.IDENTITY) || node.op().equals(Ops.DROPOUT);
            if (!passThrough || graph.isGraphOutput(node.output()) || node.outputs().size() != 1) {
                i++;
                continue;
            }
            nodes.remove(i);
            nodes = Rewiring.replaceUses(nodes, node.output(), node.input(0));
        }
        return nodes.size() == graph.nodes().size() ? graph : graph.withNodes(nodes, graph.constants());
    }
}
