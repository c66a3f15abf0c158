package dev.vinfer.simd;

import java.lang.foreign.MemorySegment;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The indirect twin of {@link GemmMinmax7x2v} (XNNPACK's "igemm"), tile 7 pixels x 2 vectors with a
 * fused min/max clamp: a convolution whose 7 output pixels' windows lie inside the input reads the
 * input directly, with no im2col copy. Pixel {@code r}'s window starts at
 * {@code firstWindow + r * windowStride}, and reduction step {@code k} reads tap offset
 * {@code taps[k]} from there (OHWI order: ky, kx, input channel). The sum of each output is the
 * same FMA chain in {@code k} order as the gathered path, so both give the same bits and tiles may
 * be split anywhere.
 */
final class IgemmMinmax7x2v {
    static final int ROWS = GemmMinmax7x2v.ROWS;
    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int N = Lanes.N;

    private IgemmMinmax7x2v() {
    }

    /**
     * Computes {@code rows} (1..7) output pixels of one panel's columns into {@code c} (row {@code r}
     * at {@code cRow0 + r * cStride}); a partly padded panel goes through {@code tailTile} as in
     * {@link GemmMinmax7x2v#compute}.
     */
    static void compute(float[] src, int firstWindow, int windowStride, int[] taps, int rows, AlignedGemmPanels w, int panel,
                        float[] c, int cRow0, int cStride, float[] tailTile) {
        int column = panel * GemmPanels.WIDTH;
        int columns = w.columns(panel);
        if (columns == GemmPanels.WIDTH) {
            tile(src, firstWindow, windowStride, taps, rows, w, panel, c, cRow0 + column, cStride);
        } else {
            tile(src, firstWindow, windowStride, taps, rows, w, panel, tailTile, 0, GemmPanels.WIDTH);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(tailTile, r * GemmPanels.WIDTH, c, cRow0 + r * cStride + column, columns);
            }
        }
    }

    /**
     * The register tile: see {@link GemmMinmax7x2v} for why it is one method with unmasked stores;
     * its bias/clamp epilogue repeats that class's on purpose, since a shared helper taking vectors
     * would not be inlined and would box every vector.
     */
    private static void tile(float[] src, int firstWindow, int windowStride, int[] taps, int rows, AlignedGemmPanels w, int panel,
                             float[] c, int cOffset, int cStride) {
        int depth = w.depth;
        MemorySegment packed = w.aligned;
        // Missing pixels of a short tile alias the last real one: same work, no branches in the loop.
        int a0 = firstWindow;
        int a1 = firstWindow + Math.min(1, rows - 1) * windowStride;
        int a2 = firstWindow + Math.min(2, rows - 1) * windowStride;
        int a3 = firstWindow + Math.min(3, rows - 1) * windowStride;
        int a4 = firstWindow + Math.min(4, rows - 1) * windowStride;
        int a5 = firstWindow + Math.min(5, rows - 1) * windowStride;
        int a6 = firstWindow + Math.min(6, rows - 1) * windowStride;
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        FloatVector c60 = FloatVector.zero(F), c61 = FloatVector.zero(F);
        long panelStart = AlignedGemmPanels.panelOffset(panel, depth);
        for (int k = 0; k < depth; k++) {
            long p = panelStart + k * AlignedGemmPanels.STEP_BYTES;
            FloatVector w0 = FloatVector.fromMemorySegment(F, packed, p, AlignedGemmPanels.ORDER);
            FloatVector w1 = FloatVector.fromMemorySegment(F, packed, p + AlignedGemmPanels.VECTOR_BYTES, AlignedGemmPanels.ORDER);
            int tap = taps[k];
            FloatVector x0 = FloatVector.broadcast(F, src[a0 + tap]);
            c00 = x0.fma(w0, c00);
            c01 = x0.fma(w1, c01);
            FloatVector x1 = FloatVector.broadcast(F, src[a1 + tap]);
            c10 = x1.fma(w0, c10);
            c11 = x1.fma(w1, c11);
            FloatVector x2 = FloatVector.broadcast(F, src[a2 + tap]);
            c20 = x2.fma(w0, c20);
            c21 = x2.fma(w1, c21);
            FloatVector x3 = FloatVector.broadcast(F, src[a3 + tap]);
            c30 = x3.fma(w0, c30);
            c31 = x3.fma(w1, c31);
            FloatVector x4 = FloatVector.broadcast(F, src[a4 + tap]);
            c40 = x4.fma(w0, c40);
            c41 = x4.fma(w1, c41);
            FloatVector x5 = FloatVector.broadcast(F, src[a5 + tap]);
            c50 = x5.fma(w0, c50);
            c51 = x5.fma(w1, c51);
            FloatVector x6 = FloatVector.broadcast(F, src[a6 + tap]);
            c60 = x6.fma(w0, c60);
            c61 = x6.fma(w1, c61);
        }
        int column = panel * GemmPanels.WIDTH;
        FloatVector b0 = FloatVector.fromArray(F, w.bias, column);
        FloatVector b1 = FloatVector.fromArray(F, w.bias, column + N);
        FloatVector lo = FloatVector.broadcast(F, w.min);
        FloatVector hi = FloatVector.broadcast(F, w.max);
        c00 = b0.add(c00);
        c00 = c00.blend(lo, c00.compare(VectorOperators.LE, lo));
        c00 = c00.blend(hi, c00.compare(VectorOperators.GE, hi));
        c01 = b1.add(c01);
        c01 = c01.blend(lo, c01.compare(VectorOperators.LE, lo));
        c01 = c01.blend(hi, c01.compare(VectorOperators.GE, hi));
        c10 = b0.add(c10);
        c10 = c10.blend(lo, c10.compare(VectorOperators.LE, lo));
        c10 = c10.blend(hi, c10.compare(VectorOperators.GE, hi));
        c11 = b1.add(c11);
        c11 = c11.blend(lo, c11.compare(VectorOperators.LE, lo));
        c11 = c11.blend(hi, c11.compare(VectorOperators.GE, hi));
        c20 = b0.add(c20);
        c20 = c20.blend(lo, c20.compare(VectorOperators.LE, lo));
        c20 = c20.blend(hi, c20.compare(VectorOperators.GE, hi));
        c21 = b1.add(c21);
        c21 = c21.blend(lo, c21.compare(VectorOperators.LE, lo));
        c21 = c21.blend(hi, c21.compare(VectorOperators.GE, hi));
        c30 = b0.add(c30);
        c30 = c30.blend(lo, c30.compare(VectorOperators.LE, lo));
        c30 = c30.blend(hi, c30.compare(VectorOperators.GE, hi));
        c31 = b1.add(c31);
        c31 = c31.blend(lo, c31.compare(VectorOperators.LE, lo));
        c31 = c31.blend(hi, c31.compare(VectorOperators.GE, hi));
        c40 = b0.add(c40);
        c40 = c40.blend(lo, c40.compare(VectorOperators.LE, lo));
        c40 = c40.blend(hi, c40.compare(VectorOperators.GE, hi));
        c41 = b1.add(c41);
        c41 = c41.blend(lo, c41.compare(VectorOperators.LE, lo));
        c41 = c41.blend(hi, c41.compare(VectorOperators.GE, hi));
        c50 = b0.add(c50);
        c50 = c50.blend(lo, c50.compare(VectorOperators.LE, lo));
        c50 = c50.blend(hi, c50.compare(VectorOperators.GE, hi));
        c51 = b1.add(c51);
        c51 = c51.blend(lo, c51.compare(VectorOperators.LE, lo));
        c51 = c51.blend(hi, c51.compare(VectorOperators.GE, hi));
        c60 = b0.add(c60);
        c60 = c60.blend(lo, c60.compare(VectorOperators.LE, lo));
        c60 = c60.blend(hi, c60.compare(VectorOperators.GE, hi));
        c61 = b1.add(c61);
        c61 = c61.blend(lo, c61.compare(VectorOperators.LE, lo));
        c61 = c61.blend(hi, c61.compare(VectorOperators.GE, hi));
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
}
