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
        // Bias and clamp in registers, then the stores. No helper method takes or returns a vector:
        // a call C2 declines to inline would box every vector and fall off a cliff.
        c00 = c00.add(b0).max(lo).min(hi);
        c01 = c01.add(b1).max(lo).min(hi);
        c10 = c10.add(b0).max(lo).min(hi);
        c11 = c11.add(b1).max(lo).min(hi);
        c20 = c20.add(b0).max(lo).min(hi);
        c21 = c21.add(b1).max(lo).min(hi);
        c30 = c30.add(b0).max(lo).min(hi);
        c31 = c31.add(b1).max(lo).min(hi);
        c40 = c40.add(b0).max(lo).min(hi);
        c41 = c41.add(b1).max(lo).min(hi);
        c50 = c50.add(b0).max(lo).min(hi);
        c51 = c51.add(b1).max(lo).min(hi);
        int o0 = cRow0 + column;
        int o1 = o0 + cStride;
        int o2 = o1 + cStride;
        int o3 = o2 + cStride;
        int o4 = o3 + cStride;
        int o5 = o4 + cStride;
        if (w.columns(panel) == GemmPanels.WIDTH) {
            c00.intoArray(c, o0);
            c01.intoArray(c, o0 + N);
            if (rows > 1) {
                c10.intoArray(c, o1);
                c11.intoArray(c, o1 + N);
            }
            if (rows > 2) {
                c20.intoArray(c, o2);
                c21.intoArray(c, o2 + N);
            }
            if (rows > 3) {
                c30.intoArray(c, o3);
                c31.intoArray(c, o3 + N);
            }
            if (rows > 4) {
                c40.intoArray(c, o4);
                c41.intoArray(c, o4 + N);
            }
            if (rows > 5) {
                c50.intoArray(c, o5);
                c51.intoArray(c, o5 + N);
            }
        } else {
            // The last panel is partly zero padding: masked stores keep the padding out of the tensor.
            // The masks are made here because C2 keeps a mask in a register only when it knows its class.
            VectorMask<Float> m0 = F.indexInRange(column, w.outputs);
            VectorMask<Float> m1 = F.indexInRange(column + N, w.outputs);
            c00.intoArray(c, o0, m0);
            c01.intoArray(c, o0 + N, m1);
            if (rows > 1) {
                c10.intoArray(c, o1, m0);
                c11.intoArray(c, o1 + N, m1);
            }
            if (rows > 2) {
                c20.intoArray(c, o2, m0);
                c21.intoArray(c, o2 + N, m1);
            }
            if (rows > 3) {
                c30.intoArray(c, o3, m0);
                c31.intoArray(c, o3 + N, m1);
            }
            if (rows > 4) {
                c40.intoArray(c, o4, m0);
                c41.intoArray(c, o4 + N, m1);
            }
            if (rows > 5) {
                c50.intoArray(c, o5, m0);
                c51.intoArray(c, o5 + N, m1);
            }
        }
    }
}
