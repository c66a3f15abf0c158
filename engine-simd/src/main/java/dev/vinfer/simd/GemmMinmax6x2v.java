package dev.vinfer.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The f32 GEMM microkernel with a fused min/max clamp, tile 6 rows x 2 vectors (6 pixels x 32 output
 * channels at 512 bits): {@code c[r][j] = clamp(sum_k a[r][k] * w[k][j] + bias[j])} for one
 * {@link GemmPanels} panel.
 *
 * <p>Why 6x2v: 12 accumulators + 2 weight vectors + 1 broadcast = 15 vector registers, which fits
 * AVX2's and NEON's 16, so one tile serves every width (AVX-512's 32 registers would allow a taller
 * tile); per reduction step it issues 2 vector loads, 6 broadcasts and 12 independent FMA chains,
 * enough to hide the FMA latency. Each output's sum is one FMA chain in
 * {@code k} order whatever the tiling, which makes results independent of how work is split.
 */
final class GemmMinmax6x2v {
    static final int ROWS = 6;
    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int N = Lanes.N;

    private GemmMinmax6x2v() {
    }

    /**
     * Computes {@code rows} (1..6) rows of one panel's columns.
     *
     * @param a       the left matrix; row {@code r} starts at {@code aRow0 + r * depth}
     * @param c       the output; row {@code r} starts at {@code cRow0 + r * cStride}, and the panel's
     *                columns at {@code panel * GemmPanels.WIDTH} within it
     */
    static void compute(float[] a, int aRow0, int rows, GemmPanels w, int panel, float[] c, int cRow0, int cStride) {
        int depth = w.depth;
        float[] packed = w.packed;
        // Missing rows of a short tile alias the last real row: same work, no branches in the loop.
        int a1 = aRow0 + Math.min(1, rows - 1) * depth;
        int a2 = aRow0 + Math.min(2, rows - 1) * depth;
        int a3 = aRow0 + Math.min(3, rows - 1) * depth;
        int a4 = aRow0 + Math.min(4, rows - 1) * depth;
        int a5 = aRow0 + Math.min(5, rows - 1) * depth;
        int a0 = aRow0;
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        int p = panel * depth * GemmPanels.WIDTH;
        for (int k = 0; k < depth; k++, p += GemmPanels.WIDTH) {
            FloatVector w0 = FloatVector.fromArray(F, packed, p);
            FloatVector w1 = FloatVector.fromArray(F, packed, p + N);
            FloatVector x0 = FloatVector.broadcast(F, a[a0 + k]);
            c00 = x0.fma(w0, c00);
            c01 = x0.fma(w1, c01);
            FloatVector x1 = FloatVector.broadcast(F, a[a1 + k]);
            c10 = x1.fma(w0, c10);
            c11 = x1.fma(w1, c11);
            FloatVector x2 = FloatVector.broadcast(F, a[a2 + k]);
            c20 = x2.fma(w0, c20);
            c21 = x2.fma(w1, c21);
            FloatVector x3 = FloatVector.broadcast(F, a[a3 + k]);
            c30 = x3.fma(w0, c30);
            c31 = x3.fma(w1, c31);
            FloatVector x4 = FloatVector.broadcast(F, a[a4 + k]);
            c40 = x4.fma(w0, c40);
            c41 = x4.fma(w1, c41);
            FloatVector x5 = FloatVector.broadcast(F, a[a5 + k]);
            c50 = x5.fma(w0, c50);
            c51 = x5.fma(w1, c51);
        }
        int column = panel * GemmPanels.WIDTH;
        FloatVector b0 = FloatVector.fromArray(F, w.bias, column);
        FloatVector b1 = FloatVector.fromArray(F, w.bias, column + N);
        FloatVector lo = FloatVector.broadcast(F, w.min);
        FloatVector hi = FloatVector.broadcast(F, w.max);
        boolean full = w.columns(panel) == GemmPanels.WIDTH;
        VectorMask<Float> m0 = w.lastMask0;
        VectorMask<Float> m1 = w.lastMask1;
        store(c00, c01, b0, b1, lo, hi, c, cRow0 + 0 * cStride + column, full, m0, m1);
        if (rows > 1) {
            store(c10, c11, b0, b1, lo, hi, c, cRow0 + 1 * cStride + column, full, m0, m1);
        }
        if (rows > 2) {
            store(c20, c21, b0, b1, lo, hi, c, cRow0 + 2 * cStride + column, full, m0, m1);
        }
        if (rows > 3) {
            store(c30, c31, b0, b1, lo, hi, c, cRow0 + 3 * cStride + column, full, m0, m1);
        }
        if (rows > 4) {
            store(c40, c41, b0, b1, lo, hi, c, cRow0 + 4 * cStride + column, full, m0, m1);
        }
        if (rows > 5) {
            store(c50, c51, b0, b1, lo, hi, c, cRow0 + 5 * cStride + column, full, m0, m1);
        }
    }

    /** Bias, clamp and store of one row's two vectors; masked when the panel is partly padding. */
    private static void store(FloatVector s0, FloatVector s1, FloatVector b0, FloatVector b1, FloatVector lo, FloatVector hi,
                              float[] c, int offset, boolean full, VectorMask<Float> m0, VectorMask<Float> m1) {
        FloatVector v0 = s0.add(b0).max(lo).min(hi);
        FloatVector v1 = s1.add(b1).max(lo).min(hi);
        if (full) {
            v0.intoArray(c, offset);
            v1.intoArray(c, offset + N);
        } else {
            v0.intoArray(c, offset, m0);
            v1.intoArray(c, offset + N, m1);
        }
    }
}
