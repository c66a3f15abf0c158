package dev.vinfer.plan;

import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.scalar.ScalarBackend;
import dev.vinfer.scalar.ops.Softmax;
import dev.vinfer.spi.BoundLayer;

import java.util.List;

/** Softmax (plain layout) and a BatchNormalization that no convolution absorbed. */
final class NormalizationLowering {
    private NormalizationLowering() {
    }

    static void softmax(PlanBuilder plan, Node node) {
        PlannedValue x = plan.plain(plan.input(node, 0));
        boolean legacy = node.attributes().getLong(Ops.LEGACY_SOFTMAX, 0) != 0;
        int opset = legacy ? 12 : 13;
        int axis = node.attributes().getInt("axis", Softmax.defaultAxis(opset));
        Softmax s = Softmax.of(x.logical(), axis, opset);
        PlannedValue out = plan.newValue(node.output(), s.outputShape(), Layout.PLAIN);
        plan.addStep(new Step(node.name(), "softmax", ScalarBackend.NAME, 0, List.of(x), List.of(out), (inputs, outputs, workers) ->
                BoundLayer.of(s.taskCount(), 64, (from, to, w) -> s.run(inputs[0], outputs[0], from, to))));
    }

    static void batchNorm(PlanBuilder plan, Node node) {
        throw new PlanException(node, "standalone BatchNormalization is not wired yet");
    }
}
