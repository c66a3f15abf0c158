package dev.vinfer.plan;

import dev.vinfer.graph.Attributes;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.scalar.ScalarBackend;
import dev.vinfer.scalar.ops.BroadcastBinary;
import dev.vinfer.scalar.ops.Unary;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.tensor.NdArray;

import java.util.Arrays;
import java.util.List;

/**
 * Activations and broadcasting arithmetic. Both work in whatever layout their operands have: an
 * activation keeps its input's layout, and a broadcast over NHWC operands is the same broadcast over
 * their physical shapes, since every operand's axes are permuted alike (lower-rank operands are first
 * extended to rank 4 with leading ones, as NumPy does).
 */
final class ElementwiseLowering {
    private ElementwiseLowering() {
    }

    static void unary(PlanBuilder plan, Node node) {
        PlannedValue x = plan.input(node, 0);
        Unary op = unaryOf(plan, node, node.op(), node.attributes(), true);
        PlannedValue out = plan.newValue(node.output(), x.logical(), x.layout());
        addUnaryStep(plan, node.name(), op, x, out);
    }

    /** A split-out fused activation of {@code node}, from {@code in} to the graph value {@code outName}. */
    static void activation(PlanBuilder plan, Node node, Epilogue epilogue, PlannedValue in, String outName) {
        Unary op = unaryOf(plan, node, epilogue.op(), epilogue.standaloneAttributes(), false);
        PlannedValue out = plan.newValue(outName, in.logical(), in.layout());
        addUnaryStep(plan, node.name() + "#" + epilogue.op(), op, in, out);
    }

    private static void addUnaryStep(PlanBuilder plan, String name, Unary op, PlannedValue in, PlannedValue out) {
        int count = in.size();
        plan.addStep(new Step(name, op.toString(), ScalarBackend.NAME, 0, List.of(in), List.of(out),
                (inputs, outputs, workers) -> BoundLayer.of(chunks(count), 1024, (from, to, worker) ->
                        op.run(inputs[0], outputs[0], chunkStart(from, count), chunkStart(to, count)))));
    }

    private static Unary unaryOf(PlanBuilder plan, Node node, String opName, Attributes a, boolean clipFromInputs) {
        return switch (opName) {
            case Ops.RELU -> Unary.relu();
            case Ops.SIGMOID -> Unary.sigmoid();
            case Ops.TANH -> Unary.tanh();
            case Ops.HARD_SWISH -> Unary.hardSwish();
            case Ops.LEAKY_RELU -> Unary.leakyRelu(a.getFloat("alpha", 0.01f));
            case Ops.HARD_SIGMOID -> Unary.hardSigmoid(a.getFloat("alpha", 0.2f), a.getFloat("beta", 0.5f));
            case Ops.CLIP -> clipFromInputs
                    ? Unary.clip(bound(plan, node, 1, Float.NEGATIVE_INFINITY), bound(plan, node, 2, Float.POSITIVE_INFINITY))
                    : Unary.clip(a.getFloat("min", Float.NEGATIVE_INFINITY), a.getFloat("max", Float.POSITIVE_INFINITY));
            default -> throw new PlanException(node, "not an activation: " + opName);
        };
    }

    private static float bound(PlanBuilder plan, Node node, int input, float absent) {
        if (!node.hasInput(input)) {
            return absent;
        }
        NdArray b = plan.constant(node, input, input == 1 ? "min" : "max");
        if (b.size() != 1) {
            throw new PlanException(node, "Clip bounds must be scalars, got " + b.shapeText());
        }
        return b.data()[0];
    }

    static void binary(PlanBuilder plan, Node node) {
        BroadcastBinary.Op op = switch (node.op()) {
            case Ops.ADD -> BroadcastBinary.Op.ADD;
            case Ops.SUB -> BroadcastBinary.Op.SUB;
            case Ops.MUL -> BroadcastBinary.Op.MUL;
            case Ops.DIV -> ConstantEvaluator.binaryOp(node);
            case Ops.PRELU -> BroadcastBinary.Op.PRELU;
            default -> throw new PlanException(node, "not a binary operator");
        };
        binaryStep(plan, node.name(), op, plan.input(node, 0), plan.input(node, 1), node.output(), true);
    }

    /**
     * {@code activation(a + b)} in one pass, for a residual and the activation after it that could
     * not stay in a convolution's epilogue (ResNet's Add + Relu): the same rounding as an add step
     * and an activation step, one pass over memory instead of two. Only for operands of the same
     * shape and layout; {@return false, adding nothing, otherwise}
     */
    static boolean addThenActivation(PlanBuilder plan, Node node, Epilogue epilogue, PlannedValue a, PlannedValue b, String outName) {
        if (!Arrays.equals(a.logical(), b.logical()) || a.layout() != b.layout()) {
            return false;
        }
        Unary op = unaryOf(plan, node, epilogue.op(), epilogue.standaloneAttributes(), false);
        PlannedValue out = plan.newValue(outName, a.logical(), a.layout());
        int count = a.size();
        plan.addStep(new Step(node.name() + "#add+" + epilogue.op(), "add, " + op, ScalarBackend.NAME, 0, List.of(a, b), List.of(out),
                (inputs, outputs, workers) -> BoundLayer.of(chunks(count), 1024, (from, to, worker) -> {
                    int first = chunkStart(from, count);
                    op.runOfSums(inputs[0], inputs[1], outputs[0], first, chunkStart(to, count) - first);
                })));
        return true;
    }

    /** {@code a + b} for a residual that could not stay in a convolution's epilogue. */
    static PlannedValue add(PlanBuilder plan, Node node, PlannedValue a, PlannedValue b, String outName, boolean temporary) {
        return binaryStep(plan, node.name() + "#add", BroadcastBinary.Op.ADD, a, b, outName, !temporary);
    }

    private static PlannedValue binaryStep(PlanBuilder plan, String name, BroadcastBinary.Op op, PlannedValue a,
                                           PlannedValue b, String outName, boolean graphValue) {
        int[] logicalOut = BroadcastBinary.outputShape(op, a.logical(), b.logical());
        boolean nhwc = logicalOut.length == 4 && (a.layout() == Layout.NHWC || b.layout() == Layout.NHWC);
        int[] aShape;
        int[] bShape;
        if (nhwc) {
            a = toNhwcOperand(plan, a);
            b = toNhwcOperand(plan, b);
            aShape = Layout.NHWC.physical(extend(a.logical()));
            bShape = Layout.NHWC.physical(extend(b.logical()));
        } else {
            a = plan.plain(a);
            b = plan.plain(b);
            aShape = a.logical();
            bShape = b.logical();
        }
        BroadcastBinary kernel = BroadcastBinary.of(op, aShape, bShape);
        Layout layout = nhwc ? Layout.NHWC : Layout.PLAIN;
        PlannedValue out = graphValue ? plan.newValue(outName, logicalOut, layout) : plan.temporary(outName, logicalOut, layout);
        int count = kernel.taskCount();
        plan.addStep(new Step(name, op.name().toLowerCase(java.util.Locale.ROOT), ScalarBackend.NAME, 0, List.of(a, b), List.of(out),
                (inputs, outputs, workers) -> BoundLayer.of(chunks(count), 1024, (from, to, worker) ->
                        kernel.run(inputs[0], inputs[1], outputs[0], chunkStart(from, count), chunkStart(to, count)))));
        return out;
    }

    /**
     * An operand of an NHWC broadcast: rank-4 values in NHWC (converted if needed); a lower-rank or
     * plain operand whose memory order is the same in both layouts (a per-channel vector, a scalar)
     * is used as it is, viewed with its extended shape.
     */
    private static PlannedValue toNhwcOperand(PlanBuilder plan, PlannedValue v) {
        if (v.layout() == Layout.NHWC) {
            return v;
        }
        int[] extended = extend(v.logical());
        if (Layout.sameInBoth(extended)) {
            return v;
        }
        if (v.rank() == 4) {
            return plan.nhwc(v);
        }
        return plan.nhwcOfExtended(v, extended);
    }

    /** A shape extended to rank 4 with leading ones (NumPy's alignment of trailing axes). */
    static int[] extend(int[] shape) {
        if (shape.length >= 4) {
            return shape;
        }
        int[] out = new int[] {1, 1, 1, 1};
        System.arraycopy(shape, 0, out, 4 - shape.length, shape.length);
        return out;
    }

    /** Elementwise work is cut into chunks of about 4096 elements; tasks are chunk indices. */
    static int chunks(int count) {
        return Math.max(1, (count + 4095) / 4096);
    }

    static int chunkStart(int chunk, int count) {
        return (int) Math.min((long) chunk * 4096, count);
    }
}
