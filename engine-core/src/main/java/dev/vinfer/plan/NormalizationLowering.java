package dev.vinfer.plan;

import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.scalar.ScalarBackend;
import dev.vinfer.scalar.ops.BatchNormalization;
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

    /** A BatchNormalization no convolution absorbed: NHWC for images, plain {@code [N, C, ...]} otherwise. */
    static void batchNorm(PlanBuilder plan, Node node) {
        if (node.outputs().size() > 1) {
            throw new PlanException(node, "training-mode outputs (running mean and variance) are not supported");
        }
        PlannedValue x = plan.input(node, 0);
        float[][] params = new float[4][];
        String[] roles = {"scale", "B", "mean", "var"};
        for (int i = 0; i < 4; i++) {
            params[i] = plan.constant(node, i + 1, roles[i]).data();
        }
        float eps = node.attributes().getFloat("epsilon", 1e-5f);
        if (x.rank() == 4) {
            x = plan.nhwc(x);
        }
        BatchNormalization bn = x.layout() == Layout.NHWC
                ? BatchNormalization.nhwc(x.physical(), params[0], params[1], params[2], params[3], eps)
                : BatchNormalization.plain(x.logical(), params[0], params[1], params[2], params[3], eps);
        PlannedValue out = plan.newValue(node.output(), x.logical(), x.layout());
        plan.addStep(new Step(node.name(), "batchnorm", ScalarBackend.NAME, 0, List.of(x), List.of(out), (inputs, outputs, workers) ->
                BoundLayer.of(bn.taskCount(), 64, (from, to, w) -> bn.run(inputs[0], outputs[0], from, to))));
    }
}
