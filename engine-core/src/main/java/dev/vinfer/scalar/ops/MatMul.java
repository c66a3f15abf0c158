package dev.vinfer.scalar.ops;

/**
 * ONNX MatMul, NumPy's matmul: {@code [..., M, K] x [..., K, N] -> [..., M, N]} with the batch
 * dims broadcast; a 1-D first operand is treated as {@code [1, K]} and a 1-D second operand as
 * {@code [K, 1]}, and that dimension is removed from the result. Products are {@code fma}-accumulated
 * over k in order, as in {@link Gemm}. The factory tabulates each output matrix's offsets in A and B.
 *
 * <p>{@link #run} covers output rows {@code [from, to)} of {@code batch * M}; any split is
 * bit-identical. The output must not alias an input.
 */
public final class MatMul {
    private final int[] outputShape;
    private final int m;
    private final int n;
    private final int k;
    private final int[] aOffsets;
    private final int[] bOffsets;

    private MatMul(int[] outputShape, int m, int n, int k, int[] aOffsets, int[] bOffsets) {
        this.outputShape = outputShape;
        this.m = m;
        this.n = n;
        this.k = k;
        this.aOffsets = aOffsets;
        this.bOffsets = bOffsets;
    }

    public static MatMul of(int[] aShape, int[] bShape) {
        int[] out = outputShape(aShape, bShape);
        int[] a = asMatrices(aShape, true);
        int[] b = asMatrices(bShape, false);
        int mm = a[a.length - 2];
        int kk = a[a.length - 1];
        int nn = b[b.length - 1];
        int[] batch = Shapes.broadcast(batchDims(a), batchDims(b), "MatMul");
        int batches = Shapes.size(batch);
        int[] aStrides = Shapes.broadcastStrides(batchDims(a), batch);
        int[] bStrides = Shapes.broadcastStrides(batchDims(b), batch);
        int[] aOffsets = new int[batches];
        int[] bOffsets = new int[batches];
        for (int i = 0; i < batches; i++) {
            int rest = i;
            for (int d = batch.length - 1; d >= 0; d--) {
                int coordinate = rest % batch[d];
                rest /= batch[d];
                aOffsets[i] += coordinate * aStrides[d] * mm * kk;
                bOffsets[i] += coordinate * bStrides[d] * kk * nn;
            }
        }
        return new MatMul(out, mm, nn, kk, aOffsets, bOffsets);
    }

    /** NumPy matmul's result shape; rejects scalars, unequal K and batch dims that do not broadcast. */
    public static int[] outputShape(int[] aShape, int[] bShape) {
        Shapes.size(aShape);
        Shapes.size(bShape);
        if (aShape.length == 0 || bShape.length == 0) {
            throw new IllegalArgumentException("MatMul: operands must have rank at least 1, got "
                    + Shapes.format(aShape) + " and " + Shapes.format(bShape));
        }
        int[] a = asMatrices(aShape, true);
        int[] b = asMatrices(bShape, false);
        int ka = a[a.length - 1];
        int kb = b[b.length - 2];
        if (ka != kb) {
            throw new IllegalArgumentException("MatMul: inner dimensions differ: " + Shapes.format(aShape) + " has K=" + ka
                    + ", " + Shapes.format(bShape) + " has K=" + kb);
        }
        int[] batch = Shapes.broadcast(batchDims(a), batchDims(b), "MatMul (batch dimensions)");
        int rank = batch.length + (aShape.length > 1 ? 1 : 0) + (bShape.length > 1 ? 1 : 0);
        int[] out = java.util.Arrays.copyOf(batch, rank);
        int i = batch.length;
        if (aShape.length > 1) {
            out[i++] = a[a.length - 2];
        }
        if (bShape.length > 1) {
            out[i] = b[b.length - 1];
        }
        Shapes.size(out);
        return out;
    }

    public int[] outputShape() {
        return outputShape.clone();
    }

    /** {@code batch * M}: the exclusive upper bound of a {@link #run} range. */
    public int taskCount() {
        return aOffsets.length * m;
    }

    /** Output rows {@code [from, to)} (row {@code r} is row {@code r % M} of matrix {@code r / M}). */
    public void run(float[] a, float[] b, float[] out, int from, int to) {
        for (int r = from; r < to; r++) {
            int matrix = r / m;
            int row = r % m;
            MatrixRows.multiplyRow(a, aOffsets[matrix] + row * k, 1, b, bOffsets[matrix], n, 1, out, r * n, k, n);
        }
    }

    /** The shape with a 1-D operand promoted to a matrix: {@code [1, K]} for A, {@code [K, 1]} for B. */
    private static int[] asMatrices(int[] shape, boolean first) {
        if (shape.length != 1) {
            return shape;
        }
        return first ? new int[] {1, shape[0]} : new int[] {shape[0], 1};
    }

    private static int[] batchDims(int[] matrices) {
        return java.util.Arrays.copyOf(matrices, matrices.length - 2);
    }
}
