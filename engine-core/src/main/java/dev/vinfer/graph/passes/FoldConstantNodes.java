package dev.vinfer.graph.passes;

import dev.vinfer.graph.Graph;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.tensor.NdArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns Constant nodes into graph constants, so later passes see weights as constants whatever their origin. */
public final class FoldConstantNodes implements GraphPass {
    @Override
    public String name() {
        return "fold-constant-nodes";
    }

    @Override
    public Graph apply(Graph graph) {
        Map<String, NdArray> constants = new LinkedHashMap<>(graph.constants());
        List<Node> nodes = new ArrayList<>();
        for (Node node : graph.nodes()) {
            NdArray value = node.op().equals(Ops.CONSTANT) ? node.attributes().getTensor("value") : null;
            if (value != null && !graph.isGraphOutput(node.output())) {
                constants.put(node.output(), value);
            } else {
                nodes.add(node);
            }
        }
        return nodes.size() == graph.nodes().size() ? graph : graph.withNodes(nodes, constants);
    }
}
