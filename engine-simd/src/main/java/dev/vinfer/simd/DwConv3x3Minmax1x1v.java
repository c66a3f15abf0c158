package dev.vinfer.simd;

import dev.vinfer.ops.ConvGeometry;
import dev.vinfer.ops.Convolution;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Depthwise 3x3 convolution, any stride and explicit padding, with a fused min/max clamp; tile 1
 * pixel x 1 vector of channels. NHWC puts a pixel's channels side by side, so one vector load reads
 * one tap of N channels and no shuffles are needed.
 *
 * <p>Loop order: for one output row and one channel vector, the 9 tap weights and the bias stay in
 * registers while the kernel walks the row. Pixels whose window lies inside the input (from
 * {@link ConvGeometry#firstInteriorOutput}) run 9 unconditional FMAs; the border ones skip the taps
 * that fall in the padding, exactly like the scalar reference. Channel counts that are not a
 * multiple of the lane count use masked loads and stores on the last vector only. A task is one
 * output row of one image and a block of channels, so even 7x7x1024 layers split into enough tasks.
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
    private final VectorMask<Float> tailMask;

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
        this.tailMask = F.indexInRange(paddedChannels - N, channels);
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
        int vectors = paddedChannels / N;
        int blocks = (vectors + blockVectors - 1) / blockVectors;
        long cost = (long) out.w() * Math.min(channels, blockVectors * N) * TAPS;
        return new BoundLayer() {
            @Override
            public int taskCount() {
                return out.n() * out.h() * blocks;
            }

            @Override
            public long costPerTask() {
                return cost;
            }

            @Override
            public void run(int firstTask, int endTask, int worker) {
                for (int task = firstTask; task < endTask; task++) {
                    int row = task / blocks;
                    int firstVector = (task % blocks) * blockVectors;
                    int endVector = Math.min(vectors, firstVector + blockVectors);
                    for (int v = firstVector; v < endVector; v++) {
                        convolveRow(src, in, dst, out, row / out.h(), row % out.h(), v * N);
                    }
                }
            }
        };
    }

    /** One output row of one channel vector starting at channel {@code c}. */
    private void convolveRow(float[] src, TensorShape in, float[] dst, TensorShape out, int n, int oy, int c) {
        int sw = conv.strideW();
        int pl = conv.padding().left();
        VectorMask<Float> mask = c + N <= channels ? null : tailMask;
        int originY = ConvGeometry.inputOrigin(oy, conv.strideH(), conv.padding().top());
        boolean rowInterior = oy >= ConvGeometry.firstInteriorOutput(conv.strideH(), conv.padding().top())
                && oy < ConvGeometry.endInteriorOutput(in.h(), 3, conv.strideH(), conv.padding().top(), out.h());
        int firstX = Math.min(ConvGeometry.firstInteriorOutput(sw, pl), out.w());
        int endX = rowInterior ? Math.max(firstX, ConvGeometry.endInteriorOutput(in.w(), 3, sw, pl, out.w())) : firstX;
        FloatVector lo = FloatVector.broadcast(F, conv.clamp().min());
        FloatVector hi = FloatVector.broadcast(F, conv.clamp().max());
        FloatVector b = FloatVector.fromArray(F, bias, c);
        int outRow = out.index(n, oy, 0, c);
        int cs = out.c();
        for (int ox = 0; ox < firstX; ox++) {
            store(border(src, in, n, originY, ConvGeometry.inputOrigin(ox, sw, pl), c, mask).add(b).max(lo).min(hi), dst, outRow + ox * cs, mask);
        }
        if (endX > firstX) {
            interior(src, in, n, originY, c, mask, b, lo, hi, dst, outRow, firstX, endX);
        }
        int from = rowInterior ? endX : firstX;
        for (int ox = from; ox < out.w(); ox++) {
            store(border(src, in, n, originY, ConvGeometry.inputOrigin(ox, sw, pl), c, mask).add(b).max(lo).min(hi), dst, outRow + ox * cs, mask);
        }
    }

    /** Outputs {@code [firstX, endX)} of a row whose windows all lie inside the input: 9 FMAs each, weights in registers. */
    private void interior(float[] src, TensorShape in, int n, int originY, int c, VectorMask<Float> mask,
                          FloatVector b, FloatVector lo, FloatVector hi, float[] dst, int outRow, int firstX, int endX) {
        int p = paddedChannels;
        FloatVector w0 = FloatVector.fromArray(F, packed, c), w1 = FloatVector.fromArray(F, packed, p + c),
                w2 = FloatVector.fromArray(F, packed, 2 * p + c), w3 = FloatVector.fromArray(F, packed, 3 * p + c),
                w4 = FloatVector.fromArray(F, packed, 4 * p + c), w5 = FloatVector.fromArray(F, packed, 5 * p + c),
                w6 = FloatVector.fromArray(F, packed, 6 * p + c), w7 = FloatVector.fromArray(F, packed, 7 * p + c),
                w8 = FloatVector.fromArray(F, packed, 8 * p + c);
        int cs = in.c();
        int rowStride = in.w() * cs;
        int step = conv.strideW() * cs;
        int i = in.index(n, originY, ConvGeometry.inputOrigin(firstX, conv.strideW(), conv.padding().left()), c);
        int o = outRow + firstX * cs;
        for (int ox = firstX; ox < endX; ox++, i += step, o += cs) {
            int r1 = i + rowStride;
            int r2 = r1 + rowStride;
            FloatVector acc = load(src, i, mask).mul(w0);
            acc = load(src, i + cs, mask).fma(w1, acc);
            acc = load(src, i + 2 * cs, mask).fma(w2, acc);
            acc = load(src, r1, mask).fma(w3, acc);
            acc = load(src, r1 + cs, mask).fma(w4, acc);
            acc = load(src, r1 + 2 * cs, mask).fma(w5, acc);
            acc = load(src, r2, mask).fma(w6, acc);
            acc = load(src, r2 + cs, mask).fma(w7, acc);
            acc = load(src, r2 + 2 * cs, mask).fma(w8, acc);
            store(acc.add(b).max(lo).min(hi), dst, o, mask);
        }
    }

    /** The unclamped, bias-free sum of one border output: taps in the padding are skipped. */
    private FloatVector border(float[] src, TensorShape in, int n, int originY, int originX, int c, VectorMask<Float> mask) {
        FloatVector acc = FloatVector.zero(F);
        int endY = ConvGeometry.endValidTap(originY, 3, in.h());
        int endX = ConvGeometry.endValidTap(originX, 3, in.w());
        for (int ky = ConvGeometry.firstValidTap(originY); ky < endY; ky++) {
            for (int kx = ConvGeometry.firstValidTap(originX); kx < endX; kx++) {
                FloatVector w = FloatVector.fromArray(F, packed, (ky * 3 + kx) * paddedChannels + c);
                acc = load(src, in.index(n, originY + ky, originX + kx, c), mask).fma(w, acc);
            }
        }
        return acc;
    }

    private static FloatVector load(float[] a, int i, VectorMask<Float> mask) {
        return mask == null ? FloatVector.fromArray(F, a, i) : FloatVector.fromArray(F, a, i, mask);
    }

    private static void store(FloatVector v, float[] a, int i, VectorMask<Float> mask) {
        if (mask == null) {
            v.intoArray(a, i);
        } else {
            v.intoArray(a, i, mask);
        }
    }
}
