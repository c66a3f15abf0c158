package dev.vinfer.scalar.ops;

/**
 * ONNX Softmax in both of its meanings. Opset 13 and later: softmax along {@code axis} (default
 * -1). Before opset 13: the input is "coerced to 2-D", dims {@code [0, axis)} are rows and dims
 * {@code [axis, rank)} one long row (default axis 1). Both reduce to: {@code outer} x
 * {@code inner} independent vectors of {@code length} elements at stride {@code inner}.
 *
 * <p>Numerically stable: the row maximum is subtracted before {@code exp}, which then runs in
 * double with a double sum, so large inputs cannot overflow and long rows keep their precision.
 * A row whose maximum is +Infinity or NaN gives NaN, as in ONNX's NumPy reference.
 *
 * <p>{@link #run} covers vectors {@code [from, to)} of {@link #taskCount()}; each is computed alone
 * in a fixed order, so any split is bit-identical. In place ({@code in == out}) is allowed.
 */
public final class Softmax {
    private final int[] shape;
    private final int inner;
    private final int length;
    private final int vectors;

    private Softmax(int[] shape, int outer, int length, int inner) {
        this.shape = shape;
        this.inner = inner;
        this.length = length;
        this.vectors = outer * inner;
    }

    /** ONNX's default axis for {@code opset}: 1 before opset 13, -1 from 13 on. */
    public static int defaultAxis(int opset) {
        return opset < 13 ? 1 : -1;
    }

    /** Plans a softmax over a tensor of {@code shape} with ONNX {@code axis} under {@code opset}'s semantics. */
    public static Softmax of(int[] shape, int axis, int opset) {
        int[] out = outputShape(shape, axis, opset);
        int rank = out.length;
        int a = Shapes.normalizeAxis(axis, rank, "Softmax");
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= shape[i];
        }
        int length = 1;
        int inner = 1;
        if (opset < 13) {
            for (int i = a; i < rank; i++) {
                length *= shape[i];
            }
        } else {
            length = shape[a];
            for (int i = a + 1; i < rank; i++) {
                inner *= shape[i];
            }
        }
        return new Softmax(out, outer, length, inner);
    }

    /** The input shape, after checking the axis is in {@code [-rank, rank)} of a tensor of rank at least 1. */
    public static int[] outputShape(int[] shape, int axis, int opset) {
        Shapes.size(shape);
        if (shape.length == 0) {
            throw new IllegalArgumentException("Softmax: the input must have rank at least 1, got a scalar");
        }
        Shapes.normalizeAxis(axis, shape.length, "Softmax");
        return shape.clone();
    }

    public int[] outputShape() {
        return shape.clone();
    }

    /** Number of independent softmax vectors: the exclusive upper bound of a {@link #run} range. */
    public int taskCount() {
        return vectors;
    }

    /** Softmax vectors {@code [from, to)} of {@code in} into the same positions of {@code out}. */
    public void run(float[] in, float[] out, int from, int to) {
        for (int v = from; v < to; v++) {
            int base = (v / inner) * length * inner + v % inner;
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < length; k++) {
                // Math.max propagates NaN, so a NaN anywhere makes the whole row NaN, as in NumPy.
                max = Math.max(max, in[base + k * inner]);
            }
            double sum = 0;
            for (int k = 0; k < length; k++) {
                sum += Math.exp((double) in[base + k * inner] - max);
            }
            for (int k = 0; k < length; k++) {
                int i = base + k * inner;
                out[i] = (float) (Math.exp((double) in[i] - max) / sum);
            }
        }
    }
}
