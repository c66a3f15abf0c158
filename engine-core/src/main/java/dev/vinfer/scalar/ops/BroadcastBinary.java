package dev.vinfer.scalar.ops;

/**
 * Add, Sub, Mul, Div with NumPy multidirectional broadcasting, and PRelu, whose slope broadcasts
 * unidirectionally to x. The factory works out, once, the output shape and the strides at which
 * each operand is read (0 along a broadcast axis), merged into as few dimensions as possible; so
 * same-shape operands run as one flat loop, a scalar operand as a loop with stride 0, and a
 * per-channel vector as rows of the channel length (NHWC) or rows with stride 0 (NCHW, [C,1,1]).
 *
 * <p>{@link #run} covers output elements {@code [from, to)}: each element depends only on its own
 * inputs, so any split gives bit-identical results. The output may alias an input of the same shape.
 */
public final class BroadcastBinary {
    public enum Op {
        ADD, SUB, MUL, DIV,
        /** {@code a < 0 ? b * a : a}: a is x, b is the slope. */
        PRELU,
        /**
         * Integer division truncated toward zero, ONNX Div of integer tensors (int64: {@code 7 / -2
         * = -3}); computed in double, so exact for the integers a float32 holds exactly.
         */
        INTEGER_DIV,
        /** ONNX Equal: 1 where {@code a == b}, else 0 (a BOOL tensor). */
        EQUAL
    }

    private final Op op;
    private final int[] outputShape;
    private final int size;
    private final CollapsedLayout layout;

    private BroadcastBinary(Op op, int[] outputShape, CollapsedLayout layout) {
        this.op = op;
        this.outputShape = outputShape;
        this.size = Shapes.size(outputShape);
        this.layout = layout;
    }

    /** Plans {@code op(a, b)} for operands of shapes {@code aShape} and {@code bShape}. */
    public static BroadcastBinary of(Op op, int[] aShape, int[] bShape) {
        int[] out = outputShape(op, aShape, bShape);
        CollapsedLayout layout = new CollapsedLayout(out,
                Shapes.broadcastStrides(aShape, out), Shapes.broadcastStrides(bShape, out));
        return new BroadcastBinary(op, out, layout);
    }

    /**
     * The broadcast shape of {@code a} and {@code b}. For PRelu the slope {@code b} must broadcast
     * to {@code a} itself, so the output has a's shape.
     */
    public static int[] outputShape(Op op, int[] aShape, int[] bShape) {
        String name = name(op);
        int[] out = Shapes.broadcast(aShape, bShape, name);
        if (op == Op.PRELU && !java.util.Arrays.equals(out, aShape)) {
            throw new IllegalArgumentException("PRelu: slope shape " + Shapes.format(bShape)
                    + " does not broadcast to the input shape " + Shapes.format(aShape));
        }
        return out;
    }

    public Op op() {
        return op;
    }

    public int[] outputShape() {
        return outputShape.clone();
    }

    /** Number of output elements: the exclusive upper bound of a {@link #run} range. */
    public int taskCount() {
        return size;
    }

    /** Output elements {@code [from, to)} of {@code out = op(a, b)}. */
    public void run(float[] a, float[] b, float[] out, int from, int to) {
        int inner = layout.inner;
        int sa = layout.innerStride(0);
        int sb = layout.innerStride(1);
        int i = from;
        while (i < to) {
            int column = i % inner;
            int rowStart = i - column;
            int n = Math.min(inner - column, to - i);
            int ai = layout.offset(0, rowStart) + column * sa;
            int bi = layout.offset(1, rowStart) + column * sb;
            combine(a, ai, sa, b, bi, sb, out, i, n);
            i += n;
        }
    }

    /** {@code n} elements of a row: the operation's loop is chosen once per row, not per element. */
    private void combine(float[] a, int ai, int sa, float[] b, int bi, int sb, float[] out, int oi, int n) {
        if (sa == 1 && sb == 1 && (op == Op.ADD || op == Op.MUL)) {
            // Operands of the same shape (a residual addition, a scale): unit strides the JIT turns into
            // SIMD code, which it does not for the strided loops below (a ResNet residual: 6x faster).
            sameShape(a, ai, b, bi, out, oi, n);
            return;
        }
        switch (op) {
            case ADD -> {
                for (int k = 0; k < n; k++) {
                    out[oi + k] = a[ai + k * sa] + b[bi + k * sb];
                }
            }
            case SUB -> {
                for (int k = 0; k < n; k++) {
                    out[oi + k] = a[ai + k * sa] - b[bi + k * sb];
                }
            }
            case MUL -> {
                for (int k = 0; k < n; k++) {
                    out[oi + k] = a[ai + k * sa] * b[bi + k * sb];
                }
            }
            case DIV -> {
                for (int k = 0; k < n; k++) {
                    out[oi + k] = a[ai + k * sa] / b[bi + k * sb];
                }
            }
            case PRELU -> {
                for (int k = 0; k < n; k++) {
                    float x = a[ai + k * sa];
                    out[oi + k] = x < 0f ? b[bi + k * sb] * x : x;
                }
            }
            case INTEGER_DIV -> {
                for (int k = 0; k < n; k++) {
                    double q = (double) a[ai + k * sa] / b[bi + k * sb];
                    out[oi + k] = (float) (q < 0 ? Math.ceil(q) : Math.floor(q)) + 0f; // + 0: an integer has no -0
                }
            }
            case EQUAL -> {
                for (int k = 0; k < n; k++) {
                    out[oi + k] = a[ai + k * sa] == b[bi + k * sb] ? 1f : 0f;
                }
            }
        }
    }

    private void sameShape(float[] a, int ai, float[] b, int bi, float[] out, int oi, int n) {
        if (op == Op.ADD) {
            for (int k = 0; k < n; k++) {
                out[oi + k] = a[ai + k] + b[bi + k];
            }
        } else {
            for (int k = 0; k < n; k++) {
                out[oi + k] = a[ai + k] * b[bi + k];
            }
        }
    }

    private static String name(Op op) {
        return switch (op) {
            case ADD -> "Add";
            case SUB -> "Sub";
            case MUL -> "Mul";
            case DIV -> "Div";
            case PRELU -> "PRelu";
            case INTEGER_DIV -> "Div (integer)";
            case EQUAL -> "Equal";
        };
    }
}
