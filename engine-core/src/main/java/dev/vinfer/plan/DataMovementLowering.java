package dev.vinfer.plan;

import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.scalar.ops.Concat;
import dev.vinfer.scalar.ops.Transpose;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.tensor.NdArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Operators that move data without arithmetic: Reshape, Flatten, Identity, Dropout and Constant
 * (a copy in plain layout), Transpose, Concat. Concat of images stays NHWC, with the axis mapped to
 * the physical one; the others work on the logical order.
 */
final class DataMovementLowering {
    /** Where each logical NCHW axis lies in NHWC memory. */
    private static final int[] NHWC_AXIS = {0, 3, 1, 2};

    private DataMovementLowering() {
    }

    static void copyLike(PlanBuilder plan, Node node) {
        if (node.op().equals(Ops.CONSTANT)) {
            NdArray value = node.attributes().getTensor("value");
            if (value == null) {
                throw new PlanException(node, "a Constant needs a tensor 'value' attribute");
            }
            PlannedValue source = new PlannedValue(node.name() + "#value", value.shape(), Layout.PLAIN, value.data());
            copy(plan, node, source, value.shape(), Layout.PLAIN);
            return;
        }
        PlannedValue x = plan.input(node, 0);
        switch (node.op()) {
            case Ops.IDENTITY, Ops.DROPOUT -> copy(plan, node, x, x.logical(), x.layout());
            case Ops.FLATTEN -> copy(plan, node, plan.plain(x),
                    dev.vinfer.scalar.ops.Flatten.outputShape(x.logical(), node.attributes().getInt("axis", 1)), Layout.PLAIN);
            case Ops.RESHAPE -> {
                NdArray target = plan.constant(node, 1, "the shape");
                int[] requested = new int[target.size()];
                for (int i = 0; i < requested.length; i++) {
                    requested[i] = (int) target.data()[i];
                }
                boolean allowZero = node.attributes().getLong("allowzero", 0) != 0;
                copy(plan, node, plan.plain(x), dev.vinfer.scalar.ops.Reshape.outputShape(x.logical(), requested, allowZero), Layout.PLAIN);
            }
            default -> throw new PlanException(node, "not a copy");
        }
    }

    private static void copy(PlanBuilder plan, Node node, PlannedValue source, int[] shape, Layout layout) {
        PlannedValue out = plan.newValue(node.output(), shape, layout);
        int count = source.size();
        plan.addStep(new Step(node.name(), node.op().toLowerCase(java.util.Locale.ROOT), Step.ENGINE, 0, List.of(source), List.of(out),
                (inputs, outputs, workers) -> BoundLayer.of(1, count, (a, b, w) -> System.arraycopy(inputs[0], 0, outputs[0], 0, count))));
    }

    static void transpose(PlanBuilder plan, Node node) {
        PlannedValue x = plan.plain(plan.input(node, 0));
        int[] perm = node.attributes().getInts("perm");
        if (perm == null) {
            perm = new int[x.rank()];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = perm.length - 1 - i;
            }
        }
        Transpose t = Transpose.of(x.logical(), perm);
        PlannedValue out = plan.newValue(node.output(), t.outputShape(), Layout.PLAIN);
        plan.addStep(new Step(node.name(), "transpose", Step.ENGINE, 0, List.of(x), List.of(out), (inputs, outputs, workers) ->
                BoundLayer.of(t.taskCount(), 64, (from, to, w) -> t.run(inputs[0], outputs[0], from, to))));
    }

    static void concat(PlanBuilder plan, Node node) {
        List<PlannedValue> ins = new ArrayList<>();
        for (int i = 0; i < node.inputs().size(); i++) {
            ins.add(plan.input(node, i));
        }
        if (ins.isEmpty()) {
            throw new PlanException(node, "Concat needs at least one input");
        }
        int rank = ins.getFirst().rank();
        int axis = node.attributes().getInt("axis", Integer.MIN_VALUE);
        if (axis == Integer.MIN_VALUE) {
            throw new PlanException(node, "Concat needs an 'axis' attribute");
        }
        if (axis < -rank || axis >= rank) {
            throw new PlanException(node, "axis " + axis + " is out of range for rank " + rank);
        }
        int logicalAxis = axis < 0 ? axis + rank : axis;
        boolean nhwc = rank == 4 && ins.stream().anyMatch(v -> v.layout() == Layout.NHWC);
        int[][] shapes = new int[ins.size()][];
        int[][] logicalShapes = new int[ins.size()][];
        for (int i = 0; i < ins.size(); i++) {
            PlannedValue v = nhwc ? plan.nhwc(ins.get(i)) : plan.plain(ins.get(i));
            ins.set(i, v);
            shapes[i] = v.physical();
            logicalShapes[i] = v.logical();
        }
        int[] logicalOut = Concat.outputShape(logicalShapes, logicalAxis);
        Concat c = Concat.of(shapes, nhwc ? NHWC_AXIS[logicalAxis] : logicalAxis);
        PlannedValue out = plan.newValue(node.output(), logicalOut, nhwc ? Layout.NHWC : Layout.PLAIN);
        plan.addStep(new Step(node.name(), "concat", Step.ENGINE, 0, ins, List.of(out), (inputs, outputs, workers) ->
                BoundLayer.of(c.taskCount(), 64, (from, to, w) -> c.run(inputs, outputs[0], from, to))));
    }
}
