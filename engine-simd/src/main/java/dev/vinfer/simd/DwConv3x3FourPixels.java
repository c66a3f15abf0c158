package dev.vinfer.simd;

import dev.vinfer.ops.Clamp;
import dev.vinfer.tensor.TensorShape;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The four-pixel paths of {@link DwConv3x3Minmax1x1v}: groups of four neighbouring outputs of one
 * row (stride 1 and 2, and the top and bottom rows that lose kernel rows to the padding), and of
 * two rows at once (stride 1), every channel vector of a group before the next group.
 *
 * <p>Why this order: NHWC puts a pixel's channels side by side, so walking the channels reads
 * memory in sequence (the prefetcher keeps up), whereas walking a row for one channel vector
 * touches one cache line per pixel, all of them in the same two or four L1 sets when the channel
 * count is a power of two (every load a miss). The windows of a group share input columns (and the
 * two rows share input rows), so each input vector is loaded once for several outputs.
 *
 * <p>Every output is the FMA chain of the one-pixel paths in tap order, so every path gives the
 * same bits; the clamp is a compare-and-blend ({@link BlendClamp}). The code is unrolled by hand,
 * one statement per accumulator, because a helper that takes or returns a vector is boxed when C2
 * declines to inline it (even a three-line epilogue helper was: {@code SteadyStateAllocationTest}
 * caught it allocating). Window and output offsets are those of {@link DwConv3x3Minmax1x1v}: the
 * first window's top-left tap of channel 0, the first output's channel 0, {@code outStep} floats
 * between neighbouring outputs.
 */
final class DwConv3x3FourPixels {
    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int N = Lanes.N;

    /** {@code [tap][paddedChannels]}, the layer's own packing. */
    private final float[] packed;
    private final float[] bias;
    private final int paddedChannels;
    private final int channels;
    private final float min;
    private final float max;

    DwConv3x3FourPixels(float[] packed, float[] bias, int paddedChannels, int channels, Clamp clamp) {
        this.packed = packed;
        this.bias = bias;
        this.paddedChannels = paddedChannels;
        this.channels = channels;
        this.min = clamp.min();
        this.max = clamp.max();
    }

    /**
     * Stride 1, one row: {@code quads} groups of four neighbouring outputs whose windows lie inside
     * the input. The four windows share their columns: 6 loads per kernel row for 12 FMAs. Each
     * chain is a product, then 8 FMAs in tap order, as in the one-pixel interior path.
     */
    void interiorQuadsStride1(float[] src, TensorShape in, int firstWindow, int firstVector, int endVector,
                             float[] dst, int firstOut, int outStep, int quads) {
        int p = paddedChannels;
        int cs = in.c();
        int rowStride = in.w() * cs;
        FloatVector lo = FloatVector.broadcast(F, min);
        FloatVector hi = FloatVector.broadcast(F, max);
        for (int q = 0, window = firstWindow, out = firstOut; q < quads; q++, window += 4 * cs, out += 4 * outStep) {
            for (int v = firstVector; v < endVector; v++) {
                int c = Lanes.vectorStart(v, channels);
                int r = window + c;
                FloatVector w0 = FloatVector.fromArray(F, packed, c);
                FloatVector w1 = FloatVector.fromArray(F, packed, p + c);
                FloatVector w2 = FloatVector.fromArray(F, packed, 2 * p + c);
                FloatVector x0 = FloatVector.fromArray(F, src, r);
                FloatVector x1 = FloatVector.fromArray(F, src, r + cs);
                FloatVector x2 = FloatVector.fromArray(F, src, r + 2 * cs);
                FloatVector x3 = FloatVector.fromArray(F, src, r + 3 * cs);
                FloatVector x4 = FloatVector.fromArray(F, src, r + 4 * cs);
                FloatVector x5 = FloatVector.fromArray(F, src, r + 5 * cs);
                FloatVector a0 = x0.mul(w0), a1 = x1.mul(w0), a2 = x2.mul(w0), a3 = x3.mul(w0);
                a0 = x1.fma(w1, a0); a1 = x2.fma(w1, a1); a2 = x3.fma(w1, a2); a3 = x4.fma(w1, a3);
                a0 = x2.fma(w2, a0); a1 = x3.fma(w2, a1); a2 = x4.fma(w2, a2); a3 = x5.fma(w2, a3);
                r += rowStride;
                w0 = FloatVector.fromArray(F, packed, 3 * p + c);
                w1 = FloatVector.fromArray(F, packed, 4 * p + c);
                w2 = FloatVector.fromArray(F, packed, 5 * p + c);
                x0 = FloatVector.fromArray(F, src, r);
                x1 = FloatVector.fromArray(F, src, r + cs);
                x2 = FloatVector.fromArray(F, src, r + 2 * cs);
                x3 = FloatVector.fromArray(F, src, r + 3 * cs);
                x4 = FloatVector.fromArray(F, src, r + 4 * cs);
                x5 = FloatVector.fromArray(F, src, r + 5 * cs);
                a0 = x0.fma(w0, a0); a1 = x1.fma(w0, a1); a2 = x2.fma(w0, a2); a3 = x3.fma(w0, a3);
                a0 = x1.fma(w1, a0); a1 = x2.fma(w1, a1); a2 = x3.fma(w1, a2); a3 = x4.fma(w1, a3);
                a0 = x2.fma(w2, a0); a1 = x3.fma(w2, a1); a2 = x4.fma(w2, a2); a3 = x5.fma(w2, a3);
                r += rowStride;
                w0 = FloatVector.fromArray(F, packed, 6 * p + c);
                w1 = FloatVector.fromArray(F, packed, 7 * p + c);
                w2 = FloatVector.fromArray(F, packed, 8 * p + c);
                x0 = FloatVector.fromArray(F, src, r);
                x1 = FloatVector.fromArray(F, src, r + cs);
                x2 = FloatVector.fromArray(F, src, r + 2 * cs);
                x3 = FloatVector.fromArray(F, src, r + 3 * cs);
                x4 = FloatVector.fromArray(F, src, r + 4 * cs);
                x5 = FloatVector.fromArray(F, src, r + 5 * cs);
                a0 = x0.fma(w0, a0); a1 = x1.fma(w0, a1); a2 = x2.fma(w0, a2); a3 = x3.fma(w0, a3);
                a0 = x1.fma(w1, a0); a1 = x2.fma(w1, a1); a2 = x3.fma(w1, a2); a3 = x4.fma(w1, a3);
                a0 = x2.fma(w2, a0); a1 = x3.fma(w2, a1); a2 = x4.fma(w2, a2); a3 = x5.fma(w2, a3);
                FloatVector b = FloatVector.fromArray(F, bias, c);
                int o = out + c;
                a0 = b.add(a0);
                a0 = a0.blend(lo, a0.compare(VectorOperators.LE, lo));
                a0.blend(hi, a0.compare(VectorOperators.GE, hi)).intoArray(dst, o);
                a1 = b.add(a1);
                a1 = a1.blend(lo, a1.compare(VectorOperators.LE, lo));
                a1.blend(hi, a1.compare(VectorOperators.GE, hi)).intoArray(dst, o + outStep);
                a2 = b.add(a2);
                a2 = a2.blend(lo, a2.compare(VectorOperators.LE, lo));
                a2.blend(hi, a2.compare(VectorOperators.GE, hi)).intoArray(dst, o + 2 * outStep);
                a3 = b.add(a3);
                a3 = a3.blend(lo, a3.compare(VectorOperators.LE, lo));
                a3.blend(hi, a3.compare(VectorOperators.GE, hi)).intoArray(dst, o + 3 * outStep);
            }
        }
    }

    /**
     * Stride 1, two neighbouring output rows at once ({@link DwConv3x3Minmax1x1v#convolveRowPair}):
     * {@code quads} groups of four columns, the lower row's outputs {@code nextRow} floats after the
     * upper row's. The two rows' windows share two of their four input rows, so 24 loads feed 72
     * FMAs (two separate quads: 36 loads), and each weight vector is loaded once for eight outputs.
     * Kernel row 0's weights serve the lower row's first products before row 1's replace them,
     * which keeps 17 vectors live.
     */
    void interiorOctsStride1(float[] src, TensorShape in, int firstWindow, int firstVector, int endVector,
                             float[] dst, int firstOut, int outStep, int nextRow, int quads) {
        int p = paddedChannels;
        int cs = in.c();
        int rowStride = in.w() * cs;
        FloatVector lo = FloatVector.broadcast(F, min);
        FloatVector hi = FloatVector.broadcast(F, max);
        for (int q = 0, window = firstWindow, out = firstOut; q < quads; q++, window += 4 * cs, out += 4 * outStep) {
            for (int v = firstVector; v < endVector; v++) {
                int c = Lanes.vectorStart(v, channels);
                int r = window + c;
                FloatVector w0, w1, w2, x0, x1, x2, x3, x4, x5, a0, a1, a2, a3, b0, b1, b2, b3;
                // Input row 0: kernel row 0 of the upper output row.
                w0 = FloatVector.fromArray(F, packed, c);
                w1 = FloatVector.fromArray(F, packed, p + c);
                w2 = FloatVector.fromArray(F, packed, 2 * p + c);
                x0 = FloatVector.fromArray(F, src, r);
                x1 = FloatVector.fromArray(F, src, r + cs);
                x2 = FloatVector.fromArray(F, src, r + 2 * cs);
                x3 = FloatVector.fromArray(F, src, r + 3 * cs);
                x4 = FloatVector.fromArray(F, src, r + 4 * cs);
                x5 = FloatVector.fromArray(F, src, r + 5 * cs);
                a0 = x0.mul(w0); a1 = x1.mul(w0); a2 = x2.mul(w0); a3 = x3.mul(w0);
                a0 = x1.fma(w1, a0); a1 = x2.fma(w1, a1); a2 = x3.fma(w1, a2); a3 = x4.fma(w1, a3);
                a0 = x2.fma(w2, a0); a1 = x3.fma(w2, a1); a2 = x4.fma(w2, a2); a3 = x5.fma(w2, a3);
                // Input row 1: kernel row 0 of the lower output row, then row 1 of the upper one.
                r += rowStride;
                x0 = FloatVector.fromArray(F, src, r);
                x1 = FloatVector.fromArray(F, src, r + cs);
                x2 = FloatVector.fromArray(F, src, r + 2 * cs);
                x3 = FloatVector.fromArray(F, src, r + 3 * cs);
                x4 = FloatVector.fromArray(F, src, r + 4 * cs);
                x5 = FloatVector.fromArray(F, src, r + 5 * cs);
                b0 = x0.mul(w0); b1 = x1.mul(w0); b2 = x2.mul(w0); b3 = x3.mul(w0);
                b0 = x1.fma(w1, b0); b1 = x2.fma(w1, b1); b2 = x3.fma(w1, b2); b3 = x4.fma(w1, b3);
                b0 = x2.fma(w2, b0); b1 = x3.fma(w2, b1); b2 = x4.fma(w2, b2); b3 = x5.fma(w2, b3);
                w0 = FloatVector.fromArray(F, packed, 3 * p + c);
                w1 = FloatVector.fromArray(F, packed, 4 * p + c);
                w2 = FloatVector.fromArray(F, packed, 5 * p + c);
                a0 = x0.fma(w0, a0); a1 = x1.fma(w0, a1); a2 = x2.fma(w0, a2); a3 = x3.fma(w0, a3);
                a0 = x1.fma(w1, a0); a1 = x2.fma(w1, a1); a2 = x3.fma(w1, a2); a3 = x4.fma(w1, a3);
                a0 = x2.fma(w2, a0); a1 = x3.fma(w2, a1); a2 = x4.fma(w2, a2); a3 = x5.fma(w2, a3);
                // Input row 2: kernel row 1 of the lower output row, then row 2 of the upper one.
                r += rowStride;
                x0 = FloatVector.fromArray(F, src, r);
                x1 = FloatVector.fromArray(F, src, r + cs);
                x2 = FloatVector.fromArray(F, src, r + 2 * cs);
                x3 = FloatVector.fromArray(F, src, r + 3 * cs);
                x4 = FloatVector.fromArray(F, src, r + 4 * cs);
                x5 = FloatVector.fromArray(F, src, r + 5 * cs);
                b0 = x0.fma(w0, b0); b1 = x1.fma(w0, b1); b2 = x2.fma(w0, b2); b3 = x3.fma(w0, b3);
                b0 = x1.fma(w1, b0); b1 = x2.fma(w1, b1); b2 = x3.fma(w1, b2); b3 = x4.fma(w1, b3);
                b0 = x2.fma(w2, b0); b1 = x3.fma(w2, b1); b2 = x4.fma(w2, b2); b3 = x5.fma(w2, b3);
                w0 = FloatVector.fromArray(F, packed, 6 * p + c);
                w1 = FloatVector.fromArray(F, packed, 7 * p + c);
                w2 = FloatVector.fromArray(F, packed, 8 * p + c);
                a0 = x0.fma(w0, a0); a1 = x1.fma(w0, a1); a2 = x2.fma(w0, a2); a3 = x3.fma(w0, a3);
                a0 = x1.fma(w1, a0); a1 = x2.fma(w1, a1); a2 = x3.fma(w1, a2); a3 = x4.fma(w1, a3);
                a0 = x2.fma(w2, a0); a1 = x3.fma(w2, a1); a2 = x4.fma(w2, a2); a3 = x5.fma(w2, a3);
                // Input row 3: kernel row 2 of the lower output row.
                r += rowStride;
                x0 = FloatVector.fromArray(F, src, r);
                x1 = FloatVector.fromArray(F, src, r + cs);
                x2 = FloatVector.fromArray(F, src, r + 2 * cs);
                x3 = FloatVector.fromArray(F, src, r + 3 * cs);
                x4 = FloatVector.fromArray(F, src, r + 4 * cs);
                x5 = FloatVector.fromArray(F, src, r + 5 * cs);
                b0 = x0.fma(w0, b0); b1 = x1.fma(w0, b1); b2 = x2.fma(w0, b2); b3 = x3.fma(w0, b3);
                b0 = x1.fma(w1, b0); b1 = x2.fma(w1, b1); b2 = x3.fma(w1, b2); b3 = x4.fma(w1, b3);
                b0 = x2.fma(w2, b0); b1 = x3.fma(w2, b1); b2 = x4.fma(w2, b2); b3 = x5.fma(w2, b3);
                FloatVector b = FloatVector.fromArray(F, bias, c);
                int o = out + c;
                a0 = b.add(a0);
                a0 = a0.blend(lo, a0.compare(VectorOperators.LE, lo));
                a0.blend(hi, a0.compare(VectorOperators.GE, hi)).intoArray(dst, o);
                a1 = b.add(a1);
                a1 = a1.blend(lo, a1.compare(VectorOperators.LE, lo));
                a1.blend(hi, a1.compare(VectorOperators.GE, hi)).intoArray(dst, o + outStep);
                a2 = b.add(a2);
                a2 = a2.blend(lo, a2.compare(VectorOperators.LE, lo));
                a2.blend(hi, a2.compare(VectorOperators.GE, hi)).intoArray(dst, o + 2 * outStep);
                a3 = b.add(a3);
                a3 = a3.blend(lo, a3.compare(VectorOperators.LE, lo));
                a3.blend(hi, a3.compare(VectorOperators.GE, hi)).intoArray(dst, o + 3 * outStep);
                o += nextRow;
                b0 = b.add(b0);
                b0 = b0.blend(lo, b0.compare(VectorOperators.LE, lo));
                b0.blend(hi, b0.compare(VectorOperators.GE, hi)).intoArray(dst, o);
                b1 = b.add(b1);
                b1 = b1.blend(lo, b1.compare(VectorOperators.LE, lo));
                b1.blend(hi, b1.compare(VectorOperators.GE, hi)).intoArray(dst, o + outStep);
                b2 = b.add(b2);
                b2 = b2.blend(lo, b2.compare(VectorOperators.LE, lo));
                b2.blend(hi, b2.compare(VectorOperators.GE, hi)).intoArray(dst, o + 2 * outStep);
                b3 = b.add(b3);
                b3 = b3.blend(lo, b3.compare(VectorOperators.LE, lo));
                b3.blend(hi, b3.compare(VectorOperators.GE, hi)).intoArray(dst, o + 3 * outStep);
            }
        }
    }

    /**
     * Stride 2: as {@link #interiorQuadsStride1}, four outputs whose windows span 9 input columns
     * (neighbours share one column): 9 loads per kernel row for 12 FMAs instead of 12.
     */
    void interiorQuadsStride2(float[] src, TensorShape in, int firstWindow, int firstVector, int endVector,
                             float[] dst, int firstOut, int outStep, int quads) {
        int p = paddedChannels;
        int cs = in.c();
        int rowStride = in.w() * cs;
        FloatVector lo = FloatVector.broadcast(F, min);
        FloatVector hi = FloatVector.broadcast(F, max);
        for (int q = 0, window = firstWindow, out = firstOut; q < quads; q++, window += 8 * cs, out += 4 * outStep) {
            for (int v = firstVector; v < endVector; v++) {
                int c = Lanes.vectorStart(v, channels);
                // Unrolled by hand: a vector variable that starts null in a loop would be boxed.
                int r = window + c;
                FloatVector w0, w1, w2, x0, x1, x2, x3, x4, x5, x6, x7, x8, a0, a1, a2, a3;
                w0 = FloatVector.fromArray(F, packed, c);
                w1 = FloatVector.fromArray(F, packed, p + c);
                w2 = FloatVector.fromArray(F, packed, 2 * p + c);
                x0 = FloatVector.fromArray(F, src, r);
                x1 = FloatVector.fromArray(F, src, r + cs);
                x2 = FloatVector.fromArray(F, src, r + 2 * cs);
                x3 = FloatVector.fromArray(F, src, r + 3 * cs);
                x4 = FloatVector.fromArray(F, src, r + 4 * cs);
                x5 = FloatVector.fromArray(F, src, r + 5 * cs);
                x6 = FloatVector.fromArray(F, src, r + 6 * cs);
                x7 = FloatVector.fromArray(F, src, r + 7 * cs);
                x8 = FloatVector.fromArray(F, src, r + 8 * cs);
                a0 = x0.mul(w0); a1 = x2.mul(w0); a2 = x4.mul(w0); a3 = x6.mul(w0);
                a0 = x1.fma(w1, a0); a1 = x3.fma(w1, a1); a2 = x5.fma(w1, a2); a3 = x7.fma(w1, a3);
                a0 = x2.fma(w2, a0); a1 = x4.fma(w2, a1); a2 = x6.fma(w2, a2); a3 = x8.fma(w2, a3);
                r += rowStride;
                w0 = FloatVector.fromArray(F, packed, 3 * p + c);
                w1 = FloatVector.fromArray(F, packed, 4 * p + c);
                w2 = FloatVector.fromArray(F, packed, 5 * p + c);
                x0 = FloatVector.fromArray(F, src, r);
                x1 = FloatVector.fromArray(F, src, r + cs);
                x2 = FloatVector.fromArray(F, src, r + 2 * cs);
                x3 = FloatVector.fromArray(F, src, r + 3 * cs);
                x4 = FloatVector.fromArray(F, src, r + 4 * cs);
                x5 = FloatVector.fromArray(F, src, r + 5 * cs);
                x6 = FloatVector.fromArray(F, src, r + 6 * cs);
                x7 = FloatVector.fromArray(F, src, r + 7 * cs);
                x8 = FloatVector.fromArray(F, src, r + 8 * cs);
                a0 = x0.fma(w0, a0); a1 = x2.fma(w0, a1); a2 = x4.fma(w0, a2); a3 = x6.fma(w0, a3);
                a0 = x1.fma(w1, a0); a1 = x3.fma(w1, a1); a2 = x5.fma(w1, a2); a3 = x7.fma(w1, a3);
                a0 = x2.fma(w2, a0); a1 = x4.fma(w2, a1); a2 = x6.fma(w2, a2); a3 = x8.fma(w2, a3);
                r += rowStride;
                w0 = FloatVector.fromArray(F, packed, 6 * p + c);
                w1 = FloatVector.fromArray(F, packed, 7 * p + c);
                w2 = FloatVector.fromArray(F, packed, 8 * p + c);
                x0 = FloatVector.fromArray(F, src, r);
                x1 = FloatVector.fromArray(F, src, r + cs);
                x2 = FloatVector.fromArray(F, src, r + 2 * cs);
                x3 = FloatVector.fromArray(F, src, r + 3 * cs);
                x4 = FloatVector.fromArray(F, src, r + 4 * cs);
                x5 = FloatVector.fromArray(F, src, r + 5 * cs);
                x6 = FloatVector.fromArray(F, src, r + 6 * cs);
                x7 = FloatVector.fromArray(F, src, r + 7 * cs);
                x8 = FloatVector.fromArray(F, src, r + 8 * cs);
                a0 = x0.fma(w0, a0); a1 = x2.fma(w0, a1); a2 = x4.fma(w0, a2); a3 = x6.fma(w0, a3);
                a0 = x1.fma(w1, a0); a1 = x3.fma(w1, a1); a2 = x5.fma(w1, a2); a3 = x7.fma(w1, a3);
                a0 = x2.fma(w2, a0); a1 = x4.fma(w2, a1); a2 = x6.fma(w2, a2); a3 = x8.fma(w2, a3);
                FloatVector b = FloatVector.fromArray(F, bias, c);
                int o = out + c;
                a0 = b.add(a0);
                a0 = a0.blend(lo, a0.compare(VectorOperators.LE, lo));
                a0.blend(hi, a0.compare(VectorOperators.GE, hi)).intoArray(dst, o);
                a1 = b.add(a1);
                a1 = a1.blend(lo, a1.compare(VectorOperators.LE, lo));
                a1.blend(hi, a1.compare(VectorOperators.GE, hi)).intoArray(dst, o + outStep);
                a2 = b.add(a2);
                a2 = a2.blend(lo, a2.compare(VectorOperators.LE, lo));
                a2.blend(hi, a2.compare(VectorOperators.GE, hi)).intoArray(dst, o + 2 * outStep);
                a3 = b.add(a3);
                a3 = a3.blend(lo, a3.compare(VectorOperators.LE, lo));
                a3.blend(hi, a3.compare(VectorOperators.GE, hi)).intoArray(dst, o + 3 * outStep);
            }
        }
    }

    /**
     * Top and bottom rows, stride 1 or 2: four outputs at a time like the interior quads, over the
     * valid kernel rows {@code [firstKy, endKy)} only, each chain starting from zero as in the
     * one-pixel path for such rows. {@code firstWindow} is the first valid kernel row's left tap.
     */
    void clippedRowsQuads(float[] src, TensorShape in, int firstWindow, int firstKy, int endKy, int sw,
                          int firstVector, int endVector, float[] dst, int firstOut, int outStep, int quads) {
        int p = paddedChannels;
        int cs = in.c();
        int rowStride = in.w() * cs;
        int step = sw * cs; // input distance between neighbouring outputs' windows
        FloatVector lo = FloatVector.broadcast(F, min);
        FloatVector hi = FloatVector.broadcast(F, max);
        for (int q = 0, window = firstWindow, out = firstOut; q < quads; q++, window += 4 * step, out += 4 * outStep) {
            for (int v = firstVector; v < endVector; v++) {
                int c = Lanes.vectorStart(v, channels);
                FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
                for (int ky = firstKy, r = window + c; ky < endKy; ky++, r += rowStride) {
                    for (int kx = 0; kx < 3; kx++) {
                        FloatVector w = FloatVector.fromArray(F, packed, (3 * ky + kx) * p + c);
                        int x = r + kx * cs;
                        a0 = FloatVector.fromArray(F, src, x).fma(w, a0);
                        a1 = FloatVector.fromArray(F, src, x + step).fma(w, a1);
                        a2 = FloatVector.fromArray(F, src, x + 2 * step).fma(w, a2);
                        a3 = FloatVector.fromArray(F, src, x + 3 * step).fma(w, a3);
                    }
                }
                FloatVector b = FloatVector.fromArray(F, bias, c);
                int o = out + c;
                a0 = b.add(a0);
                a0 = a0.blend(lo, a0.compare(VectorOperators.LE, lo));
                a0.blend(hi, a0.compare(VectorOperators.GE, hi)).intoArray(dst, o);
                a1 = b.add(a1);
                a1 = a1.blend(lo, a1.compare(VectorOperators.LE, lo));
                a1.blend(hi, a1.compare(VectorOperators.GE, hi)).intoArray(dst, o + outStep);
                a2 = b.add(a2);
                a2 = a2.blend(lo, a2.compare(VectorOperators.LE, lo));
                a2.blend(hi, a2.compare(VectorOperators.GE, hi)).intoArray(dst, o + 2 * outStep);
                a3 = b.add(a3);
                a3 = a3.blend(lo, a3.compare(VectorOperators.LE, lo));
                a3.blend(hi, a3.compare(VectorOperators.GE, hi)).intoArray(dst, o + 3 * outStep);
            }
        }
    }
}
