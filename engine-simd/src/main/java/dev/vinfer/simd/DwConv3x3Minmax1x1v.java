package dev.vinfer.simd;

import dev.vinfer.ops.ConvGeometry;
import dev.vinfer.ops.Convolution;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Depthwise 3x3 convolution, any stride and explicit padding, with a fused min/max clamp. NHWC puts
 * a pixel's channels side by side, so one vector load reads one tap of N channels and no shuffles
 * are needed.
 *
 * <p>Loop order: interior pixels of stride 1 and 2 go four at a time, all their channel vectors
 * before the next four (sequential memory; the four windows share input columns, see
 * {@link DwConv3x3FourPixels}). Other pixels go one channel vector at a time: with the 9 tap
 * weights in registers the kernel walks the rest of the row; top and bottom rows run over their
 * valid kernel rows only; border-column pixels with one kernel column in the padding run 6 unrolled
 * FMAs; corners and wider padding loop over the valid taps. Every path sums the valid taps in
 * (ky, kx) order, skipping the padding like the scalar reference, so a pixel's bits do not depend
 * on which path computed it. A channel count that is not a multiple of the lane count shifts its
 * last vector back to overlap its neighbour (see {@link Lanes#vectorStart}), so only layers with fewer
 * channels than lanes need masks. A task is two output rows of one image and a block of channels,
 * so even 7x7x1024 layers split into enough tasks; stride-1 row pairs share their input rows
 * ({@link #convolveRowPair}).
 */
final class DwConv3x3Minmax1x1v implements PreparedLayer {
    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int N = Lanes.N;
    private static final int TAPS = 9;
    /** Channels per task: keeps 7x7 layers at 4+ tasks per row while a 32-channel row stays one task. */
    private static final int CHANNEL_BLOCK = 256;

    private final Convolution conv;
    private final int channels;
    /** Channels rounded up to whole vectors. */
    private final int paddedChannels;
    /** {@code [tap][paddedChannels]}: one vector load per tap and channel vector. */
    private final float[] packed;
    private final float[] bias;
    /** The four-pixel paths, sharing {@link #packed} and {@link #bias}. */
    private final DwConv3x3FourPixels fourPixels;

    DwConv3x3Minmax1x1v(Convolution conv) {
        this.conv = conv;
        this.channels = conv.outChannels();
        this.paddedChannels = (channels + N - 1) / N * N;
        this.packed = new float[TAPS * paddedChannels];
        for (int c = 0; c < channels; c++) {
            for (int tap = 0; tap < TAPS; tap++) {
                packed[tap * paddedChannels + c] = conv.weights()[c * TAPS + tap]; // OHWI: [c][ky][kx][1]
            }
        }
        this.bias = new float[paddedChannels];
        System.arraycopy(conv.bias(), 0, bias, 0, channels);
        this.fourPixels = new DwConv3x3FourPixels(packed, bias, paddedChannels, channels, conv.clamp());
    }

    static boolean supports(Convolution conv) {
        return conv.isDepthwise() && conv.kernelH() == 3 && conv.kernelW() == 3;
    }

    @Override
    public Convolution spec() {
        return conv;
    }

    @Override
    public BoundLayer bind(Tensor input, Tensor output, int workers) {
        TensorShape in = input.shape();
        TensorShape out = output.shape();
        float[] src = input.data();
        float[] dst = output.data();
        int blockVectors = Math.max(1, CHANNEL_BLOCK / N);
        int vectors = vectorCount();
        // The last vector (which overlaps its neighbour) stays in the same block as that neighbour.
        int blocks = (Math.max(1, vectors - 1) + blockVectors - 1) / blockVectors;
        // A task is a pair of output rows (the last row of an odd height alone) of one channel block.
        int pairs = (out.h() + 1) / 2;
        long cost = 2L * out.w() * Math.min(channels, blockVectors * N) * TAPS;
        return BoundLayer.of(out.n() * pairs * blocks, cost, (firstTask, endTask, worker) -> {
            for (int task = firstTask; task < endTask; task++) {
                int pair = task / blocks;
                int block = task % blocks;
                int firstVector = block * blockVectors;
                int endVector = block == blocks - 1 ? vectors : firstVector + blockVectors;
                int n = pair / pairs;
                int oy = 2 * (pair % pairs);
                int rowBase = out.index(n, oy, 0, 0);
                if (oy + 1 < out.h()) {
                    convolveRowPair(src, in, n, oy, firstVector, endVector, 0, out.w(), out.w(), dst, rowBase, out.c());
                } else {
                    convolveRow(src, in, n, oy, firstVector, endVector, 0, out.w(), out.w(), dst, rowBase, out.c());
                }
            }
        });
    }

    /** Channel vectors per pixel: {@link Lanes#vectorCount}. */
    int vectorCount() {
        return Lanes.vectorCount(channels);
    }

    /** First channel of vector {@code v}: {@link Lanes#vectorStart}. */
    int vectorStart(int v) {
        return Lanes.vectorStart(v, channels);
    }

    /**
     * Outputs {@code [fromX, toX)} of output row {@code oy} of image {@code n}, channel vectors
     * {@code [firstVector, endVector)}: border pixels one by one, the interior span four pixels at a
     * time. Channel {@code c} of output pixel {@code ox} goes to {@code dst[rowBase + ox * pixelStride + c]},
     * so the fused kernel can aim a row segment at its own small buffer.
     *
     * <p>Two JIT pitfalls shape this code. No vector is passed to or returned from a method: a call
     * C2 declines to inline would box it (100x slower). And the methods stay small: one large method
     * made C1 give up ("out of virtual registers"), after which tiering never reached C2 and the
     * kernel ran at 1 GFLOP/s; masked loads are what inflated it, hence the unmasked interior.
     */
    void convolveRow(float[] src, TensorShape in, int n, int oy, int firstVector, int endVector, int fromX, int toX, int outW,
                     float[] dst, int rowBase, int pixelStride) {
        int sw = conv.strideW();
        int pl = conv.padding().left();
        int originY = ConvGeometry.inputOrigin(oy, conv.strideH(), conv.padding().top());
        int firstKy = ConvGeometry.firstValidTap(originY);
        int endKy = ConvGeometry.endValidTap(originY, 3, in.h());
        // Fewer channels than lanes: every pixel takes the masked border path.
        boolean unmasked = channels >= N;
        int firstInterior = unmasked ? Math.min(ConvGeometry.firstInteriorOutput(sw, pl), outW) : outW;
        int endInterior = unmasked ? Math.max(firstInterior, ConvGeometry.endInteriorOutput(in.w(), 3, sw, pl, outW)) : outW;
        if (endKy <= firstKy) {
            endInterior = firstInterior; // no kernel row inside the input: every pixel is a border pixel
        }
        int firstX = Math.min(Math.max(firstInterior, fromX), toX);
        int endX = Math.min(Math.max(endInterior, firstX), toX);
        boolean allRows = firstKy == 0 && endKy == 3;
        for (int ox = fromX; ox < firstX; ox++) {
            edgePixels(src, in, n, originY, ConvGeometry.inputOrigin(ox, sw, pl), allRows, firstVector, endVector, dst, rowBase + ox * pixelStride);
        }
        if (endX > firstX) {
            // Columns whose windows are inside the input horizontally; rows may still be clipped.
            int window = in.index(n, originY + firstKy, ConvGeometry.inputOrigin(firstX, sw, pl), 0);
            int done = 0;
            if (sw == 1 || sw == 2) {
                int quads = (endX - firstX) / 4;
                int out = rowBase + firstX * pixelStride;
                if (!allRows) {
                    fourPixels.clippedRowsQuads(src, in, window, firstKy, endKy, sw, firstVector, endVector, dst, out, pixelStride, quads);
                } else if (sw == 1) {
                    fourPixels.interiorQuadsStride1(src, in, window, firstVector, endVector, dst, out, pixelStride, quads);
                } else {
                    fourPixels.interiorQuadsStride2(src, in, window, firstVector, endVector, dst, out, pixelStride, quads);
                }
                done = 4 * quads;
            }
            int rest = endX - firstX - done;
            if (rest > 0) {
                int restWindow = window + done * sw * in.c();
                int restOut = rowBase + (firstX + done) * pixelStride;
                for (int v = firstVector; v < endVector; v++) {
                    int c = vectorStart(v);
                    if (allRows) {
                        interiorSpan(src, in, restWindow + c, c, dst, restOut + c, pixelStride, rest);
                    } else {
                        clippedRowsSpan(src, in, restWindow + c, firstKy, endKy, c, dst, restOut + c, pixelStride, rest);
                    }
                }
            }
        }
        for (int ox = endX; ox < toX; ox++) {
            edgePixels(src, in, n, originY, ConvGeometry.inputOrigin(ox, sw, pl), allRows, firstVector, endVector, dst, rowBase + ox * pixelStride);
        }
    }

    /**
     * Output rows {@code oy} and {@code oy + 1} of image {@code n}, as two {@link #convolveRow} calls
     * would compute them (row {@code oy + 1} starts at {@code rowBase + outW * pixelStride}). Where
     * the stride is 1 and all three kernel rows of both are inside the input, their interior goes
     * through {@link DwConv3x3FourPixels#interiorOctsStride1}, which reads each input row once for both; the pixels
     * left over (borders, fewer than four) take the one-row path.
     */
    void convolveRowPair(float[] src, TensorShape in, int n, int oy, int firstVector, int endVector, int fromX, int toX, int outW,
                         float[] dst, int rowBase, int pixelStride) {
        int nextRow = outW * pixelStride;
        int originY = ConvGeometry.inputOrigin(oy, conv.strideH(), conv.padding().top());
        int pl = conv.padding().left();
        boolean pairs = conv.strideH() == 1 && conv.strideW() == 1 && channels >= N && originY >= 0 && originY + 4 <= in.h();
        int firstX = Math.min(Math.max(Math.min(ConvGeometry.firstInteriorOutput(1, pl), outW), fromX), toX);
        int endX = Math.min(Math.max(ConvGeometry.endInteriorOutput(in.w(), 3, 1, pl, outW), firstX), toX);
        int quads = pairs ? (endX - firstX) / 4 : 0;
        if (quads == 0) {
            convolveRow(src, in, n, oy, firstVector, endVector, fromX, toX, outW, dst, rowBase, pixelStride);
            convolveRow(src, in, n, oy + 1, firstVector, endVector, fromX, toX, outW, dst, rowBase + nextRow, pixelStride);
            return;
        }
        int window = in.index(n, originY, ConvGeometry.inputOrigin(firstX, 1, pl), 0);
        fourPixels.interiorOctsStride1(src, in, window, firstVector, endVector, dst, rowBase + firstX * pixelStride, pixelStride, nextRow, quads);
        int doneTo = firstX + 4 * quads;
        for (int row = 0; row < 2; row++) {
            int base = rowBase + row * nextRow;
            convolveRow(src, in, n, oy + row, firstVector, endVector, fromX, firstX, outW, dst, base, pixelStride);
            convolveRow(src, in, n, oy + row, firstVector, endVector, doneTo, toX, outW, dst, base, pixelStride);
        }
    }

    /** Every channel vector of one border pixel ({@code o}: the pixel's first output channel). */
    private void edgePixels(float[] src, TensorShape in, int n, int originY, int originX, boolean allRows,
                            int firstVector, int endVector, float[] dst, int o) {
        for (int v = firstVector; v < endVector; v++) {
            int c = vectorStart(v);
            edgePixel(src, in, n, originY, originX, allRows, c, dst, o + c);
        }
    }

    /**
     * A pixel in the left or right border columns. The common case, all 3 kernel rows valid and one
     * kernel column in the padding (padding 1), runs unrolled: 6 FMAs in the order of
     * {@link #borderPixel}, so the same bits. Corners and wider padding take the generic loop.
     */
    private void edgePixel(float[] src, TensorShape in, int n, int originY, int originX, boolean allRows, int c, float[] dst, int o) {
        int firstKx = ConvGeometry.firstValidTap(originX);
        if (!allRows || channels < N || ConvGeometry.endValidTap(originX, 3, in.w()) - firstKx != 2) {
            borderPixel(src, in, n, originY, originX, c, dst, o);
            return;
        }
        int cs = in.c();
        int rowStride = in.w() * cs;
        int r0 = in.index(n, originY, originX + firstKx, c);
        int r1 = r0 + rowStride;
        int r2 = r1 + rowStride;
        int p = paddedChannels;
        int w = firstKx * p + c;
        FloatVector acc = FloatVector.fromArray(F, src, r0).fma(FloatVector.fromArray(F, packed, w), FloatVector.zero(F));
        acc = FloatVector.fromArray(F, src, r0 + cs).fma(FloatVector.fromArray(F, packed, w + p), acc);
        acc = FloatVector.fromArray(F, src, r1).fma(FloatVector.fromArray(F, packed, w + 3 * p), acc);
        acc = FloatVector.fromArray(F, src, r1 + cs).fma(FloatVector.fromArray(F, packed, w + 4 * p), acc);
        acc = FloatVector.fromArray(F, src, r2).fma(FloatVector.fromArray(F, packed, w + 6 * p), acc);
        acc = FloatVector.fromArray(F, src, r2 + cs).fma(FloatVector.fromArray(F, packed, w + 7 * p), acc);
        acc.add(FloatVector.fromArray(F, bias, c))
                .max(FloatVector.broadcast(F, conv.clamp().min())).min(FloatVector.broadcast(F, conv.clamp().max()))
                .intoArray(dst, o);
    }

    /** {@code count} outputs whose windows lie inside the input: 9 FMAs each, the weights in registers. */
    private void interiorSpan(float[] src, TensorShape in, int firstWindow, int c, float[] dst, int firstOut, int outStep, int count) {
        int p = paddedChannels;
        FloatVector w0 = FloatVector.fromArray(F, packed, c), w1 = FloatVector.fromArray(F, packed, p + c),
                w2 = FloatVector.fromArray(F, packed, 2 * p + c), w3 = FloatVector.fromArray(F, packed, 3 * p + c),
                w4 = FloatVector.fromArray(F, packed, 4 * p + c), w5 = FloatVector.fromArray(F, packed, 5 * p + c),
                w6 = FloatVector.fromArray(F, packed, 6 * p + c), w7 = FloatVector.fromArray(F, packed, 7 * p + c),
                w8 = FloatVector.fromArray(F, packed, 8 * p + c);
        FloatVector b = FloatVector.fromArray(F, bias, c);
        FloatVector lo = FloatVector.broadcast(F, conv.clamp().min());
        FloatVector hi = FloatVector.broadcast(F, conv.clamp().max());
        int cs = in.c();
        int rowStride = in.w() * cs;
        int step = conv.strideW() * cs;
        for (int i = 0, r0 = firstWindow, o = firstOut; i < count; i++, r0 += step, o += outStep) {
            int r1 = r0 + rowStride;
            int r2 = r1 + rowStride;
            FloatVector acc = FloatVector.fromArray(F, src, r0).mul(w0);
            acc = FloatVector.fromArray(F, src, r0 + cs).fma(w1, acc);
            acc = FloatVector.fromArray(F, src, r0 + 2 * cs).fma(w2, acc);
            acc = FloatVector.fromArray(F, src, r1).fma(w3, acc);
            acc = FloatVector.fromArray(F, src, r1 + cs).fma(w4, acc);
            acc = FloatVector.fromArray(F, src, r1 + 2 * cs).fma(w5, acc);
            acc = FloatVector.fromArray(F, src, r2).fma(w6, acc);
            acc = FloatVector.fromArray(F, src, r2 + cs).fma(w7, acc);
            acc = FloatVector.fromArray(F, src, r2 + 2 * cs).fma(w8, acc);
            acc = b.add(acc); // the fresh vector is the receiver: see Lanes
            acc = acc.blend(lo, acc.compare(VectorOperators.LE, lo));
            acc.blend(hi, acc.compare(VectorOperators.GE, hi)).intoArray(dst, o);
        }
    }

    /**
     * {@code count} outputs of a top or bottom row whose windows are inside the input horizontally but
     * lose kernel rows to the padding: only taps {@code ky in [firstKy, endKy)}, in the same order
     * (and with the same first fma(x, w, 0)) as {@link #borderPixel}, so a pixel gets the same bits
     * whichever of the two computes it.
     */
    private void clippedRowsSpan(float[] src, TensorShape in, int firstWindow, int firstKy, int endKy, int c,
                                 float[] dst, int firstOut, int outStep, int count) {
        FloatVector b = FloatVector.fromArray(F, bias, c);
        FloatVector lo = FloatVector.broadcast(F, conv.clamp().min());
        FloatVector hi = FloatVector.broadcast(F, conv.clamp().max());
        int cs = in.c();
        int rowStride = in.w() * cs;
        int step = conv.strideW() * cs;
        for (int i = 0, r0 = firstWindow, o = firstOut; i < count; i++, r0 += step, o += outStep) {
            FloatVector acc = FloatVector.zero(F);
            for (int ky = firstKy, r = r0; ky < endKy; ky++, r += rowStride) {
                int w = ky * 3 * paddedChannels + c;
                acc = FloatVector.fromArray(F, src, r).fma(FloatVector.fromArray(F, packed, w), acc);
                acc = FloatVector.fromArray(F, src, r + cs).fma(FloatVector.fromArray(F, packed, w + paddedChannels), acc);
                acc = FloatVector.fromArray(F, src, r + 2 * cs).fma(FloatVector.fromArray(F, packed, w + 2 * paddedChannels), acc);
            }
            acc = b.add(acc); // the fresh vector is the receiver: see Lanes
            acc = acc.blend(lo, acc.compare(VectorOperators.LE, lo));
            acc.blend(hi, acc.compare(VectorOperators.GE, hi)).intoArray(dst, o);
        }
    }

    /**
     * One output whose window overlaps the padding: the taps in the padding are skipped, in the same
     * (ky, kx) order; the first product is fma(x, w, 0) == x * w, as in the interior.
     */
    private void borderPixel(float[] src, TensorShape in, int n, int originY, int originX, int c, float[] dst, int o) {
        FloatVector acc = FloatVector.zero(F);
        int endY = ConvGeometry.endValidTap(originY, 3, in.h());
        int endX = ConvGeometry.endValidTap(originX, 3, in.w());
        int firstX = ConvGeometry.firstValidTap(originX);
        FloatVector b = FloatVector.fromArray(F, bias, c);
        FloatVector lo = FloatVector.broadcast(F, conv.clamp().min());
        FloatVector hi = FloatVector.broadcast(F, conv.clamp().max());
        if (channels >= N) {
            for (int ky = ConvGeometry.firstValidTap(originY); ky < endY; ky++) {
                for (int kx = firstX; kx < endX; kx++) {
                    FloatVector w = FloatVector.fromArray(F, packed, (ky * 3 + kx) * paddedChannels + c);
                    acc = FloatVector.fromArray(F, src, in.index(n, originY + ky, originX + kx, c)).fma(w, acc);
                }
            }
            acc = b.add(acc); // the fresh vector is the receiver: see Lanes
            acc = acc.blend(lo, acc.compare(VectorOperators.LE, lo));
            acc.blend(hi, acc.compare(VectorOperators.GE, hi)).intoArray(dst, o);
        } else {
            // Fewer channels than lanes: the mask keeps the loads and the store inside this pixel.
            VectorMask<Float> mask = F.indexInRange(c, channels);
            for (int ky = ConvGeometry.firstValidTap(originY); ky < endY; ky++) {
                for (int kx = firstX; kx < endX; kx++) {
                    FloatVector w = FloatVector.fromArray(F, packed, (ky * 3 + kx) * paddedChannels + c);
                    acc = FloatVector.fromArray(F, src, in.index(n, originY + ky, originX + kx, c), mask).fma(w, acc);
                }
            }
            b.add(acc).max(lo).min(hi).intoArray(dst, o, mask); // the fresh vector is the receiver: see Lanes
        }
    }
}
