package dev.vinfer.scalar.ops;

/**
 * ONNX Concat along one axis (negative counts from the end) of any number of inputs. Row-major,
 * the output is a sequence of "outer" blocks (one per index of the axes before {@code axis}); each
 * block is the inputs' matching blocks laid end to end, so the kernel is one
 * {@link System#arraycopy} per input per block.
 *
 * <p>{@link #run} covers outer blocks {@code [from, to)}; blocks are disjoint, so any split gives
 * the same result.
 */
public final class Concat {
    private final int[] outputShape;
    private final int outer;
    /** Elements of input {@code k} in one outer block. */
    private final int[] blockSizes;
    private final int outBlock;

    private Concat(int[] outputShape, int outer, int[] blockSizes, int outBlock) {
        this.outputShape = outputShape;
        this.outer = outer;
        this.blockSizes = blockSizes;
        this.outBlock = outBlock;
    }

    public static Concat of(int[][] inputShapes, int axis) {
        int[] out = outputShape(inputShapes, axis);
        int a = Shapes.normalizeAxis(axis, out.length, "Concat");
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= out[i];
        }
        int innerSize = 1;
        for (int i = a + 1; i < out.length; i++) {
            innerSize *= out[i];
        }
        int[] blocks = new int[inputShapes.length];
        for (int k = 0; k < inputShapes.length; k++) {
            blocks[k] = inputShapes[k][a] * innerSize;
        }
        return new Concat(out, outer, blocks, out[a] * innerSize);
    }

    /** Inputs must have the same rank (at least 1) and equal dims except along {@code axis}. */
    public static int[] outputShape(int[][] inputShapes, int axis) {
        if (inputShapes == null || inputShapes.length == 0) {
            throw new IllegalArgumentException("Concat: needs at least one input");
        }
        int[] first = Shapes.requireValid(inputShapes[0], "Concat input 0 shape");
        if (first.length == 0) {
            throw new IllegalArgumentException("Concat: inputs must have rank at least 1, input 0 is a scalar");
        }
        int a = Shapes.normalizeAxis(axis, first.length, "Concat");
        int[] out = first.clone();
        long total = first[a];
        for (int k = 1; k < inputShapes.length; k++) {
            int[] s = Shapes.requireValid(inputShapes[k], "Concat input " + k + " shape");
            if (s.length != first.length) {
                throw new IllegalArgumentException("Concat: input " + k + " " + Shapes.format(s)
                        + " has rank " + s.length + ", input 0 " + Shapes.format(first) + " has rank " + first.length);
            }
            for (int i = 0; i < s.length; i++) {
                if (i != a && s[i] != first[i]) {
                    throw new IllegalArgumentException("Concat: input " + k + " " + Shapes.format(s)
                            + " differs from input 0 " + Shapes.format(first) + " on axis " + i
                            + ", which is not the concatenation axis " + a);
                }
            }
            total += s[a];
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Concat: the output axis " + a + " would be too long");
        }
        out[a] = (int) total;
        Shapes.size(out);
        return out;
    }

    public int[] outputShape() {
        return outputShape.clone();
    }

    /** Number of outer blocks: the exclusive upper bound of a {@link #run} range. */
    public int taskCount() {
        return outer;
    }

    /** Outer blocks {@code [from, to)}; {@code inputs[k]} holds input k. */
    public void run(float[][] inputs, float[] out, int from, int to) {
        if (inputs.length != blockSizes.length) {
            throw new IllegalArgumentException("Concat: planned for " + blockSizes.length + " inputs, got " + inputs.length);
        }
        for (int o = from; o < to; o++) {
            int dst = o * outBlock;
            for (int k = 0; k < blockSizes.length; k++) {
                int n = blockSizes[k];
                System.arraycopy(inputs[k], o * n, out, dst, n);
                dst += n;
            }
        }
    }
}
