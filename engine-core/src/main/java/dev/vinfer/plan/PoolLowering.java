package dev.vinfer.plan;

import dev.vinfer.graph.Attributes;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.ops.GlobalAveragePool;
import dev.vinfer.ops.Padding;
import dev.vinfer.scalar.ScalarBackend;
import dev.vinfer.scalar.ops.Pool2d;
import dev.vinfer.scalar.ops.Window2d;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.tensor.TensorShape;

import java.util.Arrays;
import java.util.List;

/**
 * Pooling over NHWC images. The global average pool is a layer the backends accelerate; max and
 * average pools with windows run the reference kernel, their padding mode resolved for this size.
 */
final class PoolLowering {
    private PoolLowering() {
    }

    /**
     * An unpadded average pool whose window is the whole image (PyTorch's {@code AvgPool2d(7)} on a 7x7
     * map) is a global average pool, and runs the backends' kernel for one.
     */
    private static boolean coversWholeImage(Node node, TensorShape in) {
        Attributes a = node.attributes();
        int[] kernel = a.getInts("kernel_shape");
        int[] pads = a.getInts("pads");
        boolean unpadded = pads == null || java.util.Arrays.stream(pads).allMatch(p -> p == 0);
        return node.op().equals(Ops.AVERAGE_POOL) && kernel != null && kernel.length == 2 && kernel[0] == in.h()
                && kernel[1] == in.w() && unpadded && a.getString("auto_pad", "NOTSET").equals("NOTSET")
                && (a.getInts("dilations") == null || java.util.Arrays.stream(a.getInts("dilations")).allMatch(d -> d == 1));
    }

    static void lower(PlanBuilder plan, Node node) {
        PlannedValue x = plan.nhwc(plan.input(node, 0));
        TensorShape in = PlanBuilder.nhwcShape(x);
        if (node.op().equals(Ops.GLOBAL_AVERAGE_POOL) || coversWholeImage(node, in)) {
            GlobalAveragePool spec = new GlobalAveragePool(node.name());
            TensorShape out = spec.outputShape(in);
            var prepared = plan.prepare(node, spec, in.withBatch(1));
            PlannedValue y = plan.newValue(node.output(), new int[] {out.n(), out.c(), 1, 1}, Layout.NHWC);
            plan.addStep(new Step(node.name(), spec.describe(), prepared.backendName(), 0, List.of(x), List.of(y),
                    PlanBuilder.bindNhwc(prepared.layer(), in, out)));
            return;
        }
        Attributes a = node.attributes();
        int[] kernel = a.getInts("kernel_shape");
        if (kernel == null || kernel.length != 2) {
            throw new PlanException(node, "kernel_shape " + Arrays.toString(kernel) + " must give two sizes (2-D pooling)");
        }
        int[] strides = ConvLowering.pair(node, a, "strides");
        int[] dilations = ConvLowering.pair(node, a, "dilations");
        Padding p = ConvLowering.resolvePadding(node, a, in.h(), in.w(), kernel[0], kernel[1], strides, dilations);
        Window2d window = Window2d.of(kernel[0], kernel[1]).withStrides(strides[0], strides[1])
                .withDilations(dilations[0], dilations[1]).withPads(p.top(), p.left(), p.bottom(), p.right());
        boolean ceil = a.getLong("ceil_mode", 0) != 0;
        Pool2d pool = node.op().equals(Ops.MAX_POOL)
                ? Pool2d.maxPool(in.n(), in.h(), in.w(), in.c(), window, ceil)
                : Pool2d.averagePool(in.n(), in.h(), in.w(), in.c(), window, ceil, a.getLong("count_include_pad", 0) != 0);
        if (node.outputs().size() > 1) {
            throw new PlanException(node, "the Indices output of MaxPool is not supported");
        }
        int[] o = Pool2d.outputShape(in.n(), in.h(), in.w(), in.c(), window, ceil);
        PlannedValue y = plan.newValue(node.output(), new int[] {o[0], o[3], o[1], o[2]}, Layout.NHWC);
        long costPerRow = (long) o[2] * o[3] * kernel[0] * kernel[1];
        plan.addStep(new Step(node.name(), (node.op().equals(Ops.MAX_POOL) ? "max pool " : "avg pool ") + kernel[0] + "x" + kernel[1]
                + "/" + strides[0], ScalarBackend.NAME, 0, List.of(x), List.of(y), (inputs, outputs, workers) ->
                BoundLayer.of(pool.taskCount(), costPerRow, (from, to, w) -> pool.run(inputs[0], outputs[0], from, to))));
    }
}
