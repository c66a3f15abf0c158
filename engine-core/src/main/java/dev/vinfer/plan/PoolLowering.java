package dev.vinfer.plan;

import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.ops.GlobalAveragePool;
import dev.vinfer.tensor.TensorShape;

import java.util.List;

/** Pooling over NHWC images; the global average pool uses the backends' layer kernel. */
final class PoolLowering {
    private PoolLowering() {
    }

    static void lower(PlanBuilder plan, Node node) {
        if (node.op().equals(Ops.GLOBAL_AVERAGE_POOL)) {
            PlannedValue x = plan.nhwc(plan.input(node, 0));
            GlobalAveragePool spec = new GlobalAveragePool(node.name());
            TensorShape in = PlanBuilder.nhwcShape(x);
            TensorShape out = spec.outputShape(in);
            var prepared = plan.prepare(node, spec, in.withBatch(1));
            PlannedValue y = plan.newValue(node.output(), new int[] {out.n(), out.c(), 1, 1}, Layout.NHWC);
            plan.addStep(new Step(node.name(), spec.describe(), prepared.backendName(), 0, List.of(x), List.of(y),
                    PlanBuilder.bindNhwc(prepared.layer(), in, out)));
            return;
        }
        throw new PlanException(node, "windowed pooling is not wired yet");
    }
}
