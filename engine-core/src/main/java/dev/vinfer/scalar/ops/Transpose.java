package dev.vinfer.scalar.ops;

/**
 * ONNX Transpose: output axis {@code i} is input axis {@code perm[i]}; with no perm the axes are
 * reversed. Axes that stay neighbours in the same order are merged once in the factory, so an
 * NCHW-to-NHWC transpose runs as a 3-D gather and a no-op permutation as one copy.
 *
 * <p>{@link #run} covers output elements {@code [from, to)} (any split, same result). The output
 * must not alias the input.
 */
public final class Transpose {
    private final int[] outputShape;
    private final int size;
    private final CollapsedLayout layout;

    private Transpose(int[] outputShape, CollapsedLayout layout) {
        this.outputShape = outputShape;
        this.size = Shapes.size(outputShape);
        this.layout = layout;
    }

    /** Plans the transpose of a tensor of shape {@code inputShape}; {@code perm} null or empty means reverse. */
    public static Transpose of(int[] inputShape, int[] perm) {
        int[] p = resolvePerm(inputShape, perm);
        int[] out = outputShape(inputShape, p);
        int[] inStrides = Shapes.strides(inputShape);
        int[] readStrides = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            readStrides[i] = inStrides[p[i]];
        }
        return new Transpose(out, new CollapsedLayout(out, readStrides));
    }

    /** {@code out[i] = in[perm[i]]}; perm null or empty means reverse; rejects anything but a permutation of the axes. */
    public static int[] outputShape(int[] inputShape, int[] perm) {
        int[] p = resolvePerm(inputShape, perm);
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = inputShape[p[i]];
        }
        return out;
    }

    public int[] outputShape() {
        return outputShape.clone();
    }

    /** Number of output elements: the exclusive upper bound of a {@link #run} range. */
    public int taskCount() {
        return size;
    }

    /** Output elements {@code [from, to)} of the transpose of {@code in}. */
    public void run(float[] in, float[] out, int from, int to) {
        layout.gather(in, 0, out, from, to);
    }

    private static int[] resolvePerm(int[] inputShape, int[] perm) {
        int rank = Shapes.requireValid(inputShape, "Transpose input shape").length;
        if (perm == null || perm.length == 0) {
            int[] reverse = new int[rank];
            for (int i = 0; i < rank; i++) {
                reverse[i] = rank - 1 - i;
            }
            return reverse;
        }
        if (perm.length != rank) {
            throw new IllegalArgumentException("Transpose: perm " + Shapes.format(perm) + " has " + perm.length
                    + " entries but the input " + Shapes.format(inputShape) + " has rank " + rank);
        }
        boolean[] seen = new boolean[rank];
        for (int axis : perm) {
            if (axis < 0 || axis >= rank || seen[axis]) {
                throw new IllegalArgumentException("Transpose: perm " + Shapes.format(perm)
                        + " is not a permutation of 0.." + (rank - 1));
            }
            seen[axis] = true;
        }
        return perm.clone();
    }
}
