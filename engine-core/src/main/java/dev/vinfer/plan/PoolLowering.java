package dev.vinfer.plan;

import dev.vinfer.graph.Attributes;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.ops.GlobalAveragePool;
import dev.vinfer.ops.Padding;
import dev.vinfer.ops.Pooling;
import dev.vinfer.tensor.TensorShape;

import java.util.Arrays;
import java.util.List;

/**
 * Pooling over NHWC images, as layers the backends accelerate: a global average pool, or a windowed
 * max or average pool ({@link Pooling}) with its padding mode resolved for this input size.
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
        if (node.outputs().size() > 1) {
            throw new PlanException(node, "the Indices output of MaxPool is not supported");
        }
        boolean max = node.op().equals(Ops.MAX_POOL);
        Pooling spec;
        TensorShape out;
        try {
            spec = new Pooling(node.name(), max ? Pooling.Kind.MAX : Pooling.Kind.AVERAGE, kernel[0], kernel[1], strides[0],
                    strides[1], dilations[0], dilations[1], p, a.getLong("ceil_mode", 0) != 0,
                    !max && a.getLong("count_include_pad", 0) != 0);
            out = spec.outputShape(in);
        } catch (IllegalArgumentException e) {
            throw new PlanException(node, e.getMessage());
        }
        var prepared = plan.prepare(node, spec, in.withBatch(1));
        PlannedValue y = plan.newValue(node.output(), new int[] {out.n(), out.c(), out.h(), out.w()}, Layout.NHWC);
        plan.addStep(new Step(node.name(), spec.describe(), prepared.backendName(), 0, List.of(x), List.of(y),
                PlanBuilder.bindNhwc(prepared.layer(), in, out)));
    }
}
