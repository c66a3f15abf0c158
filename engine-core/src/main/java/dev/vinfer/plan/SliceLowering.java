package dev.vinfer.plan;

import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.scalar.ops.Gather;
import dev.vinfer.scalar.ops.Shapes;
import dev.vinfer.scalar.ops.Slice;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.tensor.NdArray;

import java.util.List;

/**
 * Slice, Split and Gather of a value computed at run time (ShuffleNet's channel split), with bounds,
 * sizes and indices known while planning. Slice and Split keep an NHWC value NHWC, slicing the
 * physical axes that hold the logical ones, so a channel split between convolutions converts
 * nothing; Gather works in plain layout.
 */
final class SliceLowering {
    /** Logical NCHW axis stored at each physical NHWC position. */
    private static final int[] NHWC_ORDER = {0, 2, 3, 1};

    private SliceLowering() {
    }

    static void lower(PlanBuilder plan, Node node) {
        switch (node.op()) {
            case Ops.SLICE -> slice(plan, node);
            case Ops.SPLIT -> split(plan, node);
            case Ops.GATHER -> gather(plan, node);
            default -> throw new PlanException(node, "not a slicing operator");
        }
    }

    private static void slice(PlanBuilder plan, Node node) {
        PlannedValue x = plan.input(node, 0);
        long[] starts = ConstantEvaluator.longs(plan.constant(node, 1, "starts"));
        long[] ends = ConstantEvaluator.longs(plan.constant(node, 2, "ends"));
        int[] axes = node.hasInput(3) ? ConstantEvaluator.ints(plan.constant(node, 3, "axes")) : null;
        long[] steps = node.hasInput(4) ? ConstantEvaluator.longs(plan.constant(node, 4, "steps")) : null;
        addSliceStep(plan, node.name(), x, Slice.of(x.logical(), starts, ends, axes, steps), node.output());
    }

    private static void split(PlanBuilder plan, Node node) {
        PlannedValue x = plan.input(node, 0);
        int axis = Shapes.normalizeAxis(node.attributes().getInt("axis", 0), x.rank(), "Split");
        int[] sizes = node.hasInput(1) ? ConstantEvaluator.ints(plan.constant(node, 1, "split")) : null;
        int[][] parts = ConstantEvaluator.splitRanges(x.logical(), axis, sizes, node.outputs().size());
        for (int i = 0; i < parts.length; i++) {
            Slice part = Slice.of(x.logical(), new long[] {parts[i][0]}, new long[] {parts[i][1]}, new int[] {axis}, null);
            addSliceStep(plan, node.name() + (i == 0 ? "" : "#" + i), x, part, node.outputs().get(i));
        }
    }

    /** One step copying {@code logical} of {@code x} into a new graph value, in x's layout. */
    private static void addSliceStep(PlanBuilder plan, String stepName, PlannedValue x, Slice logical, String outName) {
        Slice kernel = x.layout() == Layout.NHWC ? logical.permuted(NHWC_ORDER) : logical;
        PlannedValue out = plan.newValue(outName, logical.outputShape(), x.layout());
        int count = kernel.taskCount();
        plan.addStep(new Step(stepName, "slice", Step.ENGINE, 0, List.of(x), List.of(out), (inputs, outputs, workers) ->
                BoundLayer.of(ElementwiseLowering.chunks(count), 1024, (from, to, w) -> kernel.run(inputs[0], outputs[0],
                        ElementwiseLowering.chunkStart(from, count), ElementwiseLowering.chunkStart(to, count)))));
    }

    private static void gather(PlanBuilder plan, Node node) {
        PlannedValue x = plan.plain(plan.input(node, 0));
        NdArray indices = plan.constant(node, 1, "indices");
        Gather g = Gather.of(x.logical(), node.attributes().getInt("axis", 0), indices.data(), indices.shape());
        PlannedValue out = plan.newValue(node.output(), g.outputShape(), Layout.PLAIN);
        plan.addStep(new Step(node.name(), "gather", Step.ENGINE, 0, List.of(x), List.of(out), (inputs, outputs, workers) ->
                BoundLayer.of(g.taskCount(), 64, (from, to, w) -> g.run(inputs[0], outputs[0], from, to))));
    }
}
