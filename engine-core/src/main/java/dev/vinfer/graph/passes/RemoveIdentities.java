package dev.vinfer.graph.passes;

import dev.vinfer.graph.Graph;
import dev.vinfer.tensor.NdArray;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;

import java.util.ArrayList;
import java.util.List;

/**
 * Drops Identity, inference-mode Dropout and a Pad that pads nothing (all pads zero, whatever its
 * mode: PyTorch exports {@code F.pad} and some pooling layers with zero pads this way): their
 * readers read the input directly. A node whose output is a graph output stays, since that name
 * must exist.
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
            boolean passThrough = node.op().equals(Ops.IDENTITY) || node.op().equals(Ops.DROPOUT) || padsNothing(graph, node);
            if (!passThrough || graph.isGraphOutput(node.output()) || node.outputs().size() != 1) {
                i++;
                continue;
            }
            nodes.remove(i);
            nodes = Rewiring.replaceUses(nodes, node.output(), node.input(0));
        }
        return nodes.size() == graph.nodes().size() ? graph : graph.withNodes(nodes, graph.constants());
    }

    /** A Pad whose pads (a constant input in the core operator set) are all zero. */
    private static boolean padsNothing(Graph graph, Node node) {
        if (!node.op().equals(Ops.PAD)) {
            return false;
        }
        NdArray pads = graph.constants().get(node.input(1));
        if (pads == null) {
            return false; // pads computed at run time: not known to be zero here
        }
        for (float p : pads.data()) {
            if (p != 0) {
                return false;
            }
        }
        return true;
    }
}
