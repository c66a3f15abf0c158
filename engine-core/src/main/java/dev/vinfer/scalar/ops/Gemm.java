package dev.vinfer.scalar.ops;

/**
 * ONNX Gemm: {@code Y = alpha * A' * B' + beta * C}, where {@code A'} is A or its transpose
 * ({@code transA}), likewise B, and the optional C broadcasts unidirectionally to {@code [M, N]}
 * (a scalar, {@code [N]}, {@code [1, N]}, {@code [M, 1]}, {@code [M, N]}, ...). The product is
 * {@code fma}-accumulated over k in order in float; alpha and beta are applied after, in float.
 *
 * <p>{@link #run} covers output rows {@code [from, to)} of {@code M}; rows are independent, so any
 * split is bit-identical. The output must not alias an input.
 */
public final class Gemm {
    private final int m;
    private final int n;
    private final int k;
    private final float alpha;
    private final float beta;
    private final boolean transA;
    private final boolean transB;
    private final boolean hasC;
    private final int cRowStride;
    private final int cColStride;

    private Gemm(int m, int n, int k, float alpha, float beta, boolean transA, boolean transB, int[] cShape) {
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        this.transA = transA;
        this.transB = transB;
        this.hasC = cShape != null;
        int[] cStrides = hasC ? Shapes.broadcastStrides(cShape, new int[] {m, n}) : new int[2];
        this.cRowStride = cStrides[0];
        this.cColStride = cStrides[1];
    }

    /** Plans Gemm for A and B of rank 2 and an optional C ({@code cShape} null when absent). */
    public static Gemm of(int[] aShape, int[] bShape, int[] cShape, float alpha, float beta, boolean transA, boolean transB) {
        int[] out = outputShape(aShape, bShape, cShape, transA, transB);
        int depth = transA ? aShape[0] : aShape[1];
        return new Gemm(out[0], out[1], depth, alpha, beta, transA, transB, cShape == null ? null : cShape.clone());
    }

    /** {@code [M, N]}; rejects ranks other than 2, unequal inner dimensions and a C that does not broadcast. */
    public static int[] outputShape(int[] aShape, int[] bShape, int[] cShape, boolean transA, boolean transB) {
        Shapes.size(aShape);
        Shapes.size(bShape);
        if (aShape.length != 2 || bShape.length != 2) {
            throw new IllegalArgumentException("Gemm: A " + Shapes.format(aShape) + " and B " + Shapes.format(bShape)
                    + " must both have rank 2");
        }
        int mm = transA ? aShape[1] : aShape[0];
        int ka = transA ? aShape[0] : aShape[1];
        int kb = transB ? bShape[1] : bShape[0];
        int nn = transB ? bShape[0] : bShape[1];
        if (ka != kb) {
            throw new IllegalArgumentException("Gemm: inner dimensions differ: A" + (transA ? "^T" : "") + " "
                    + Shapes.format(aShape) + " has K=" + ka + ", B" + (transB ? "^T" : "") + " " + Shapes.format(bShape)
                    + " has K=" + kb);
        }
        int[] out = {mm, nn};
        Shapes.size(out);
        if (cShape != null) {
            Shapes.requireValid(cShape, "Gemm C shape");
            if (!Shapes.broadcastsTo(cShape, out)) {
                throw new IllegalArgumentException("Gemm: C " + Shapes.format(cShape) + " does not broadcast to the output "
                        + Shapes.format(out));
            }
        }
        return out;
    }

    public int[] outputShape() {
        return new int[] {m, n};
    }

    /** M: the exclusive upper bound of a {@link #run} range. */
    public int taskCount() {
        return m;
    }

    /** Output rows {@code [from, to)}; {@code c} is ignored when the plan has no C (may be null then). */
    public void run(float[] a, float[] b, float[] c, float[] out, int from, int to) {
        int aStrideK = transA ? m : 1;
        int aStrideM = transA ? 1 : k;
        int bStrideK = transB ? 1 : n;
        int bStrideN = transB ? k : 1;
        for (int row = from; row < to; row++) {
            int o = row * n;
            MatrixRows.multiplyRow(a, row * aStrideM, aStrideK, b, 0, bStrideK, bStrideN, out, o, k, n);
            if (hasC) {
                int ci = row * cRowStride;
                for (int col = 0; col < n; col++) {
                    out[o + col] = alpha * out[o + col] + beta * c[ci + col * cColStride];
                }
            } else {
                for (int col = 0; col < n; col++) {
                    out[o + col] = alpha * out[o + col];
                }
            }
        }
    }
}
