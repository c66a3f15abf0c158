package dev.vinfer.scalar.ops;

/**
 * The inner product kernel shared by {@link Gemm} and {@link MatMul}: one output row of a matrix
 * product. Every output element is {@code fma}-accumulated over k in increasing order starting
 * from +0, so the loop order below (k outer, n inner, reading B's rows contiguously) gives the same
 * bits as a dot product per element would.
 */
final class MatrixRows {
    private MatrixRows() {
    }

    /**
     * {@code out[outOff + n] = sum_k a[aOff + k*aStrideK] * b[bOff + k*bStrideK + n*bStrideN]}
     * for {@code n} in {@code [0, cols)}.
     */
    static void multiplyRow(float[] a, int aOff, int aStrideK, float[] b, int bOff, int bStrideK, int bStrideN,
            float[] out, int outOff, int depth, int cols) {
        java.util.Arrays.fill(out, outOff, outOff + cols, 0f);
        for (int k = 0; k < depth; k++) {
            float av = a[aOff + k * aStrideK];
            int bRow = bOff + k * bStrideK;
            if (bStrideN == 1) {
                for (int n = 0; n < cols; n++) {
                    out[outOff + n] = Math.fma(av, b[bRow + n], out[outOff + n]);
                }
            } else {
                for (int n = 0; n < cols; n++) {
                    out[outOff + n] = Math.fma(av, b[bRow + n * bStrideN], out[outOff + n]);
                }
            }
        }
    }
}
