package dev.vinfer.graph.passes;

import dev.vinfer.graph.Attributes;
import dev.vinfer.graph.Graph;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.tensor.NdArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Marks a depthwise convolution whose only reader is a pointwise (1x1) convolution, MobileNet's
 * separable block, with {@link Ops#FUSE_WITH_NEXT} naming that reader. The planner then offers the
 * pair to the backend as one step ({@code Backend.prepareChain}): computed tile by tile, the depthwise
 * output stays in cache instead of making a round trip through memory. A backend that declines gets
 * the two convolutions one by one, so the mark never changes a result.
 */
public final class PairDepthwisePointwise implements GraphPass {
    /** Activations a fused pair can apply in its store (a clamp); others keep the layers apart. */
    private static final Set<String> CLAMPS = Set.of(Ops.RELU, Ops.CLIP);

    @Override
    public String name() {
        return "pair-depthwise-pointwise";
    }

    @Override
    public Graph apply(Graph graph) {
        List<Node> nodes = new ArrayList<>(graph.nodes());
        boolean changed = false;
        for (int i = 0; i < nodes.size(); i++) {
            Node dw = nodes.get(i);
            if (!isDepthwise(graph, dw)) {
                continue;
            }
            Node pw = Rewiring.soleConsumer(graph, dw.output());
            if (pw != null && isPointwise(graph, pw) && pw.input(0).equals(dw.output())) {
                nodes.set(i, dw.withAttributes(dw.attributes().toBuilder().set(Ops.FUSE_WITH_NEXT, pw.name()).build()));
                changed = true;
            }
        }
        return changed ? graph.withNodes(nodes, graph.constants()) : graph;
    }

    private static boolean plainEpilogue(Node conv) {
        String activation = conv.attributes().getString(Ops.ACTIVATION, null);
        return conv.inputs().size() <= 3 && (activation == null || CLAMPS.contains(activation))
                && conv.outputs().size() == 1;
    }

    private static boolean isDepthwise(Graph graph, Node node) {
        NdArray w = node.op().equals(Ops.CONV) && node.inputs().size() > 1 ? graph.constants().get(node.input(1)) : null;
        long group = node.attributes().getLong("group", 1);
        return w != null && w.rank() == 4 && w.dim(1) == 1 && group > 1 && w.dim(0) == group && plainEpilogue(node);
    }

    private static boolean isPointwise(Graph graph, Node node) {
        NdArray w = node.op().equals(Ops.CONV) && node.inputs().size() > 1 ? graph.constants().get(node.input(1)) : null;
        Attributes a = node.attributes();
        return w != null && w.rank() == 4 && w.dim(2) == 1 && w.dim(3) == 1 && a.getLong("group", 1) == 1
                && allOnes(a.getInts("strides")) && allZeros(a.getInts("pads"))
                && a.getString("auto_pad", "NOTSET").matches("NOTSET|VALID") && plainEpilogue(node);
    }

    private static boolean allOnes(int[] v) {
        return v == null || java.util.Arrays.stream(v).allMatch(x -> x == 1);
    }

    private static boolean allZeros(int[] v) {
        return v == null || java.util.Arrays.stream(v).allMatch(x -> x == 0);
    }
}
