package dev.vinfer.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The f32 GEMM microkernel with a fused min/max clamp, tile 7 rows x 2 vectors (7 pixels x 32 output
 * channels at 512 bits): {@code c[r][j] = clamp(sum_k a[r][k] * w[k][j] + bias[j])} for one
 * {@link HeapGemmPanels} panel.
 *
 * <p>Why 7x2v: every MobileNet feature map at 224 (112, 56, 28, 14, 7 pixels square) holds a whole
 * number of 7-pixel tiles, so no tile is short (a 6-row tile wasted 10% on the 7x7x1024 layers);
 * per reduction step it issues 2 vector loads, 7 broadcasts and 14 independent FMA chains, enough to
 * hide the FMA latency. 14 accumulators + 2 weights + 1 broadcast = 17 registers: AVX-512 and
 * AArch64 have 32, AVX2's 16 spill one value per step into L1. Each output's sum is one FMA chain in
 * {@code k} order whatever the tiling, which makes results independent of how work is split.
 */
final class GemmMinmax7x2v {
    static final int ROWS = 7;
    /** Weights of a panel block small enough (16 KB) to stay in L1 for a whole row tile. */
    private static final int SMALL_PANEL_FLOATS = 4096;
    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int N = Lanes.N;

    private GemmMinmax7x2v() {
    }

    /**
     * Computes {@code rows} (1..7) rows of one panel's columns into {@code c}, where they are real
     * outputs; a panel that is partly zero padding goes through {@code tailTile} (a {@code [7][WIDTH]}
     * scratch) and only its real columns are copied out, so no store ever needs a mask.
     *
     * @param a     the left matrix; row {@code r} starts at {@code aRow0 + r * depth}
     * @param c     the output matrix; row {@code r} starts at {@code cRow0 + r * cStride}
     */
    static void compute(float[] a, int aRow0, int rows, HeapGemmPanels w, int panel, float[] c, int cRow0, int cStride,
                        float[] tailTile) {
        int column = panel * GemmPanels.WIDTH;
        int columns = w.columns(panel);
        if (rows == 1) {
            // A dense layer at batch 1: the 7-row tile would repeat every FMA 7 times for one row.
            float[] out = columns == GemmPanels.WIDTH ? c : tailTile;
            singleRow(a, aRow0, w, panel, out, columns == GemmPanels.WIDTH ? cRow0 + column : 0);
            if (out == tailTile) {
                System.arraycopy(tailTile, 0, c, cRow0 + column, columns);
            }
        } else if (columns == GemmPanels.WIDTH) {
            tile(a, aRow0, rows, w, panel, c, cRow0 + column, cStride);
        } else {
            tile(a, aRow0, rows, w, panel, tailTile, 0, GemmPanels.WIDTH);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(tailTile, r * GemmPanels.WIDTH, c, cRow0 + r * cStride + column, columns);
            }
        }
    }

    /**
     * Rows {@code [0, rowCount)} of panels {@code [firstPanel, endPanel)}, panel by panel (each panel
     * is reused by every row while it is in cache), register tile by register tile. Row {@code r} of
     * {@code a} starts at {@code aRow0 + r * depth}, of {@code c} at {@code cRow0 + r * outputs}: the
     * layout of a pointwise layer's NHWC input and output, and of a dense layer's.
     */
    static void computeRows(float[] a, int aRow0, int rowCount, HeapGemmPanels w, int firstPanel, int endPanel, float[] c, int cRow0,
                            float[] tailTile) {
        int depth = w.depth;
        int outputs = w.outputs;
        if ((long) (endPanel - firstPanel) * depth * GemmPanels.WIDTH <= SMALL_PANEL_FLOATS) {
            // All of the block's weights fit in L1 beside the tile: rows outer, so each output pixel's
            // columns are written together while its cache lines are in L1.
            for (int r = 0; r < rowCount; r += ROWS) {
                for (int panel = firstPanel; panel < endPanel; panel++) {
                    compute(a, aRow0 + r * depth, Math.min(ROWS, rowCount - r), w, panel, c, cRow0 + r * outputs, outputs, tailTile);
                }
            }
            return;
        }
        for (int panel = firstPanel; panel < endPanel; panel++) {
            for (int r = 0; r < rowCount; r += ROWS) {
                compute(a, aRow0 + r * depth, Math.min(ROWS, rowCount - r), w, panel, c, cRow0 + r * outputs, outputs, tailTile);
            }
        }
    }

    /**
     * The register tile itself: full-width, unmasked stores only. Kept this lean on purpose: with
     * masked stores added, C1 gave up on it ("out of virtual registers"), tiering then never reached
     * C2 and the kernel ran boxed at ~1 GFLOP/s. No helper may take or return a vector, for the
     * same reason (a call C2 declines to inline boxes every vector).
     *
     * @param c row {@code r}'s panel columns start at {@code cOffset + r * cStride}
     */
    private static void tile(float[] a, int aRow0, int rows, HeapGemmPanels w, int panel, float[] c, int cOffset, int cStride) {
        int depth = w.depth;
        float[] packed = w.packed;
        // Missing rows of a short tile alias the last real row: same work, no branches in the loop.
        int a0 = aRow0;
        int a1 = aRow0 + Math.min(1, rows - 1) * depth;
        int a2 = aRow0 + Math.min(2, rows - 1) * depth;
        int a3 = aRow0 + Math.min(3, rows - 1) * depth;
        int a4 = aRow0 + Math.min(4, rows - 1) * depth;
        int a5 = aRow0 + Math.min(5, rows - 1) * depth;
        int a6 = aRow0 + Math.min(6, rows - 1) * depth;
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        FloatVector c60 = FloatVector.zero(F), c61 = FloatVector.zero(F);
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
            FloatVector x6 = FloatVector.broadcast(F, a[a6 + k]);
            c60 = x6.fma(w0, c60);
            c61 = x6.fma(w1, c61);
        }
        int column = panel * GemmPanels.WIDTH;
        FloatVector b0 = FloatVector.fromArray(F, w.bias, column);
        FloatVector b1 = FloatVector.fromArray(F, w.bias, column + N);
        FloatVector lo = FloatVector.broadcast(F, w.min);
        FloatVector hi = FloatVector.broadcast(F, w.max);
        c00 = b0.add(c00);
        c01 = b1.add(c01);
        c10 = b0.add(c10);
        c11 = b1.add(c11);
        c20 = b0.add(c20);
        c21 = b1.add(c21);
        c30 = b0.add(c30);
        c31 = b1.add(c31);
        c40 = b0.add(c40);
        c41 = b1.add(c41);
        c50 = b0.add(c50);
        c51 = b1.add(c51);
        c60 = b0.add(c60);
        c61 = b1.add(c61);
        // The clamp sides that cannot change a value are skipped: ReLU (upper bound +inf) has one blend
        // per vector, not two, and the epilogue weighs most where the reduction is short (32-64 inputs).
        if (w.clampsBelow) {
            c00 = c00.blend(lo, c00.compare(VectorOperators.LE, lo));
            c01 = c01.blend(lo, c01.compare(VectorOperators.LE, lo));
            c10 = c10.blend(lo, c10.compare(VectorOperators.LE, lo));
            c11 = c11.blend(lo, c11.compare(VectorOperators.LE, lo));
            c20 = c20.blend(lo, c20.compare(VectorOperators.LE, lo));
            c21 = c21.blend(lo, c21.compare(VectorOperators.LE, lo));
            c30 = c30.blend(lo, c30.compare(VectorOperators.LE, lo));
            c31 = c31.blend(lo, c31.compare(VectorOperators.LE, lo));
            c40 = c40.blend(lo, c40.compare(VectorOperators.LE, lo));
            c41 = c41.blend(lo, c41.compare(VectorOperators.LE, lo));
            c50 = c50.blend(lo, c50.compare(VectorOperators.LE, lo));
            c51 = c51.blend(lo, c51.compare(VectorOperators.LE, lo));
            c60 = c60.blend(lo, c60.compare(VectorOperators.LE, lo));
            c61 = c61.blend(lo, c61.compare(VectorOperators.LE, lo));
        }
        if (w.clampsAbove) {
            c00 = c00.blend(hi, c00.compare(VectorOperators.GE, hi));
            c01 = c01.blend(hi, c01.compare(VectorOperators.GE, hi));
            c10 = c10.blend(hi, c10.compare(VectorOperators.GE, hi));
            c11 = c11.blend(hi, c11.compare(VectorOperators.GE, hi));
            c20 = c20.blend(hi, c20.compare(VectorOperators.GE, hi));
            c21 = c21.blend(hi, c21.compare(VectorOperators.GE, hi));
            c30 = c30.blend(hi, c30.compare(VectorOperators.GE, hi));
            c31 = c31.blend(hi, c31.compare(VectorOperators.GE, hi));
            c40 = c40.blend(hi, c40.compare(VectorOperators.GE, hi));
            c41 = c41.blend(hi, c41.compare(VectorOperators.GE, hi));
            c50 = c50.blend(hi, c50.compare(VectorOperators.GE, hi));
            c51 = c51.blend(hi, c51.compare(VectorOperators.GE, hi));
            c60 = c60.blend(hi, c60.compare(VectorOperators.GE, hi));
            c61 = c61.blend(hi, c61.compare(VectorOperators.GE, hi));
        }
        int o0 = cOffset;
        int o1 = o0 + cStride;
        int o2 = o1 + cStride;
        int o3 = o2 + cStride;
        int o4 = o3 + cStride;
        int o5 = o4 + cStride;
        int o6 = o5 + cStride;
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
        if (rows > 6) {
            c60.intoArray(c, o6);
            c61.intoArray(c, o6 + N);
        }
    }

    /** One row of one panel (a GEMV step): the same FMA chain per output as {@link #tile}, so the same bits. */
    private static void singleRow(float[] a, int aRow0, HeapGemmPanels w, int panel, float[] c, int cOffset) {
        int depth = w.depth;
        float[] packed = w.packed;
        FloatVector c0 = FloatVector.zero(F), c1 = FloatVector.zero(F);
        int p = panel * depth * GemmPanels.WIDTH;
        for (int k = 0; k < depth; k++, p += GemmPanels.WIDTH) {
            FloatVector x = FloatVector.broadcast(F, a[aRow0 + k]);
            c0 = x.fma(FloatVector.fromArray(F, packed, p), c0);
            c1 = x.fma(FloatVector.fromArray(F, packed, p + N), c1);
        }
        int column = panel * GemmPanels.WIDTH;
        FloatVector lo = FloatVector.broadcast(F, w.min);
        FloatVector hi = FloatVector.broadcast(F, w.max);
        FloatVector.fromArray(F, w.bias, column).add(c0).max(lo).min(hi).intoArray(c, cOffset);
        FloatVector.fromArray(F, w.bias, column + N).add(c1).max(lo).min(hi).intoArray(c, cOffset + N);
    }
}
