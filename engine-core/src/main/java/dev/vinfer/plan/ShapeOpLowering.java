package dev.vinfer.plan;

import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.scalar.ScalarBackend;
import dev.vinfer.scalar.ops.BroadcastBinary;
import dev.vinfer.scalar.ops.Cast;
import dev.vinfer.scalar.ops.ConstantOfShape;
import dev.vinfer.scalar.ops.Squeeze;
import dev.vinfer.scalar.ops.Unsqueeze;
import dev.vinfer.scalar.ops.Where;
import dev.vinfer.spi.BoundLayer;

import java.util.List;

/**
 * The shape-arithmetic operators that can also meet a value computed at run time: Unsqueeze and
 * Squeeze (a copy with a new shape), Cast (a copy, or truncation to integers), Expand and Where
 * (broadcasts, in plain layout). Their shape-like inputs (axes, the target shape) must be known
 * while planning. When every input is known the planner evaluates them instead
 * ({@link ConstantEvaluation}).
 */
final class ShapeOpLowering {
    private ShapeOpLowering() {
    }

    static void lower(PlanBuilder plan, Node node) {
        switch (node.op()) {
            case Ops.UNSQUEEZE -> {
                PlannedValue x = plan.plain(plan.input(node, 0));
                int[] axes = ConstantEvaluator.ints(plan.constant(node, 1, "axes"));
                copy(plan, node, x, Unsqueeze.outputShape(x.logical(), axes));
            }
            case Ops.SQUEEZE -> {
                PlannedValue x = plan.plain(plan.input(node, 0));
                int[] axes = node.hasInput(1) ? ConstantEvaluator.ints(plan.constant(node, 1, "axes")) : null;
                copy(plan, node, x, Squeeze.outputShape(x.logical(), axes));
            }
            case Ops.CAST -> cast(plan, node);
            case Ops.EXPAND -> expand(plan, node);
            case Ops.WHERE -> where(plan, node);
            default -> throw new PlanException(node, "not a shape operator");
        }
    }

    private static void copy(PlanBuilder plan, Node node, PlannedValue x, int[] shape) {
        PlannedValue out = plan.newValue(node.output(), shape, Layout.PLAIN);
        int count = x.size();
        plan.addStep(new Step(node.name(), node.op().toLowerCase(java.util.Locale.ROOT), Step.ENGINE, 0, List.of(x), List.of(out),
                (inputs, outputs, workers) -> BoundLayer.of(1, count, (a, b, w) -> System.arraycopy(inputs[0], 0, outputs[0], 0, count))));
    }

    /** Element-wise, so any layout: the output keeps the input's. */
    private static void cast(PlanBuilder plan, Node node) {
        PlannedValue x = plan.input(node, 0);
        Cast cast = Cast.to(node.attributes().getInt("to", 1));
        PlannedValue out = plan.newValue(node.output(), x.logical(), x.layout());
        int count = x.size();
        plan.addStep(new Step(node.name(), cast.keepsValues() ? "cast" : "cast (truncate)", cast.keepsValues() ? Step.ENGINE : ScalarBackend.NAME, 0, List.of(x), List.of(out),
                (inputs, outputs, workers) -> BoundLayer.of(ElementwiseLowering.chunks(count), 1024, (from, to, w) -> cast.run(inputs[0],
                        outputs[0], ElementwiseLowering.chunkStart(from, count), ElementwiseLowering.chunkStart(to, count)))));
    }

    /** x times ones of the requested shape: the broadcast ONNX Expand means, exact for every value. */
    private static void expand(PlanBuilder plan, Node node) {
        PlannedValue x = plan.plain(plan.input(node, 0));
        int[] shape = ConstantEvaluator.madeShape("Expand", ConstantEvaluator.ints(plan.constant(node, 1, "shape")));
        PlannedValue ones = new PlannedValue(node.name() + "#ones", shape, Layout.PLAIN, ConstantOfShape.fill(shape, 1f));
        BroadcastBinary k = BroadcastBinary.of(BroadcastBinary.Op.MUL, x.logical(), shape);
        PlannedValue out = plan.newValue(node.output(), k.outputShape(), Layout.PLAIN);
        int count = k.taskCount();
        plan.addStep(new Step(node.name(), "expand", Step.ENGINE, 0, List.of(x, ones), List.of(out), (inputs, outputs, workers) ->
                BoundLayer.of(ElementwiseLowering.chunks(count), 1024, (from, to, w) -> k.run(inputs[0], inputs[1], outputs[0],
                        ElementwiseLowering.chunkStart(from, count), ElementwiseLowering.chunkStart(to, count)))));
    }

    private static void where(PlanBuilder plan, Node node) {
        PlannedValue c = plan.plain(plan.input(node, 0));
        PlannedValue x = plan.plain(plan.input(node, 1));
        PlannedValue y = plan.plain(plan.input(node, 2));
        Where k = Where.of(c.logical(), x.logical(), y.logical());
        PlannedValue out = plan.newValue(node.output(), k.outputShape(), Layout.PLAIN);
        int count = k.taskCount();
        plan.addStep(new Step(node.name(), "where", Step.ENGINE, 0, List.of(c, x, y), List.of(out), (inputs, outputs, workers) ->
                BoundLayer.of(ElementwiseLowering.chunks(count), 1024, (from, to, w) -> k.run(inputs[0], inputs[1], inputs[2], outputs[0],
                        ElementwiseLowering.chunkStart(from, count), ElementwiseLowering.chunkStart(to, count)))));
    }
}
