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
 * Moves an activation into the epilogue of the Conv or Gemm that produces its input, so the kernel
 * applies it while the result is still in registers. The producer gets the attribute
 * {@link Ops#ACTIVATION} (the activation's operator) and its parameters; Clip qualifies only with
 * constant bounds. The planner splits the activation out again for a kernel that cannot apply it.
 */
public final class FuseActivation implements GraphPass {
    static final Set<String> FUSABLE = Set.of(Ops.RELU, Ops.CLIP, Ops.LEAKY_RELU, Ops.HARD_SWISH,
            Ops.HARD_SIGMOID, Ops.SIGMOID, Ops.TANH);

    @Override
    public String name() {
        return "fuse-activation";
    }

    @Override
    public Graph apply(Graph graph) {
        List<Node> nodes = new ArrayList<>(graph.nodes());
        boolean changed = false;
        for (Node act : graph.nodes()) {
            if (!FUSABLE.contains(act.op())) {
                continue;
            }
            Node producer = graph.producer(act.input(0));
            if (producer == null || !(producer.op().equals(Ops.CONV) || producer.op().equals(Ops.GEMM))
                    || producer.attributes().has(Ops.ACTIVATION) || producer.outputs().size() != 1
                    || Rewiring.soleConsumer(graph, producer.output()) != act) {
                continue;
            }
            Attributes.Builder attrs = producer.attributes().toBuilder().set(Ops.ACTIVATION, act.op());
            if (!describe(graph, act, attrs)) {
                continue;
            }
            int at = nodes.indexOf(producer);
            nodes.set(at, producer.withOutputs(act.outputs()).withAttributes(attrs.build()));
            nodes.remove(act);
            changed = true;
        }
        return changed ? graph.withNodes(nodes, graph.constants()) : graph;
    }

    /** Copies the activation's parameters into {@code attrs}; false when they are not known at load. */
    private static boolean describe(Graph graph, Node act, Attributes.Builder attrs) {
        switch (act.op()) {
            case Ops.CLIP -> {
                Float min = bound(graph, act, 1, Float.NEGATIVE_INFINITY);
                Float max = bound(graph, act, 2, Float.POSITIVE_INFINITY);
                if (min == null || max == null) {
                    return false;
                }
                attrs.set("activation_min", min).set("activation_max", max);
            }
            case Ops.LEAKY_RELU -> attrs.set("activation_alpha", act.attributes().getFloat("alpha", 0.01f));
            case Ops.HARD_SIGMOID -> attrs.set("activation_alpha", act.attributes().getFloat("alpha", 0.2f))
                    .set("activation_beta", act.attributes().getFloat("beta", 0.5f));
            default -> {
            }
        }
        return true;
    }

    private static Float bound(Graph graph, Node clip, int input, float absent) {
        if (!clip.hasInput(input)) {
            return absent;
        }
        NdArray value = graph.constants().get(clip.input(input));
        return value != null && value.size() == 1 ? value.data()[0] : null;
    }
}
