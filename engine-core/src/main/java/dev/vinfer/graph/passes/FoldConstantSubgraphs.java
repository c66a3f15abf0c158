package dev.vinfer.graph.passes;

import dev.vinfer.graph.Graph;
import dev.vinfer.graph.Node;
import dev.vinfer.plan.ConstantEvaluator;
import dev.vinfer.tensor.NdArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes, once, every node whose inputs are all constants and whose operator
 * {@link ConstantEvaluator} knows, and makes its outputs constants: the int64 chain PyTorch exports
 * for the pads of {@code nn.ZeroPad2d} becomes a constant {@code pads}, so {@link FoldPadIntoConv}
 * can fold the Pad into the Conv. Shape arithmetic that reads a Shape stays for the planner, which
 * knows the input shapes. A node that cannot be computed (inputs that do not fit) is left for the
 * planner to report with its name; a node whose output is a graph output stays.
 */
public final class FoldConstantSubgraphs implements GraphPass {
    /** The pass; it holds no state. */
    public FoldConstantSubgraphs() {
    }

    @Override
    public String name() {
        return "fold-constant-subgraphs";
    }

    @Override
    public Graph apply(Graph graph) {
        Map<String, NdArray> constants = new LinkedHashMap<>(graph.constants());
        List<Node> nodes = new ArrayList<>();
        for (Node node : graph.nodes()) {
            List<NdArray> outputs = evaluate(graph, node, constants);
            if (outputs == null) {
                nodes.add(node);
                continue;
            }
            for (int i = 0; i < outputs.size(); i++) {
                constants.put(node.outputs().get(i), outputs.get(i));
            }
        }
        if (nodes.size() == graph.nodes().size()) {
            return graph;
        }
        Graph folded = graph.withNodes(nodes, constants);
        return folded.withNodes(nodes, UnusedConstants.drop(folded));
    }

    /** The node's outputs when it can be computed now, else null. */
    private static List<NdArray> evaluate(Graph graph, Node node, Map<String, NdArray> constants) {
        if (!ConstantEvaluator.evaluates(node.op()) || node.outputs().stream().anyMatch(graph::isGraphOutput)) {
            return null;
        }
        List<NdArray> inputs = new ArrayList<>();
        for (int i = 0; i < node.inputs().size(); i++) {
            NdArray value = node.hasInput(i) ? constants.get(node.input(i)) : null;
            if (node.hasInput(i) && value == null) {
                return null;
            }
            inputs.add(value);
        }
        try {
            return ConstantEvaluator.evaluate(node, inputs);
        } catch (IllegalArgumentException e) {
            return null; // the planner names the node and the problem
        }
    }
}
