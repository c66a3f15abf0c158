package dev.vinfer.simd;

import dev.vinfer.ops.Padding;
import dev.vinfer.ops.Pooling;
import dev.vinfer.ops.WindowAxis;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max and average pools over NHWC images, one vector of channels at a time (any kernel, stride,
 * dilation, padding and ceil_mode), bit-identical to the scalar reference:
 * <ul>
 * <li>max: lanewise {@code max} over the taps inside the input, from {@code -inf}; max is exact,
 *     so any order gives the reference's result.</li>
 * <li>average: like the reference, each lane sums its taps in double in (ky, kx) order and
 *     divides the double sum by the tap count before rounding to float. So the average works on
 *     half a vector of floats at a time, widened to a full vector of doubles.</li>
 * </ul>
 * The max pool's last vector overlaps its neighbour instead of masking ({@link Lanes#vectorStart};
 * fewer channels than lanes take one masked vector); the average's tail is masked. One task is one
 * output row of one image, as in the reference. The running max or sum is the argument, never the
 * receiver, of each step: see {@link Lanes}.
 */
final class Pool2d1v implements PreparedLayer {
    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int N = Lanes.N;
    /** Half a vector of floats: widened to doubles it fills one vector of {@link #D}. */
    private static final VectorSpecies<Float> HALF = VectorSpecies.of(float.class, VectorShape.forBitSize(Lanes.BITS / 2));
    private static final VectorSpecies<Double> D = F.withLanes(double.class);
    private static final int HALF_N = HALF.length();

    private final Pooling pool;

    Pool2d1v(Pooling pool) {
        this.pool = pool;
    }

    @Override
    public Pooling spec() {
        return pool;
    }

    @Override
    public BoundLayer bind(Tensor input, Tensor output, int workers) {
        TensorShape in = input.shape();
        TensorShape out = pool.outputShape(in);
        Padding p = pool.padding();
        WindowAxis rows = new WindowAxis(in.h(), out.h(), pool.kernelH(), pool.strideH(), pool.dilationH(), p.top(), p.bottom());
        WindowAxis columns = new WindowAxis(in.w(), out.w(), pool.kernelW(), pool.strideW(), pool.dilationW(), p.left(), p.right());
        float[] src = input.data();
        float[] dst = output.data();
        long costPerRow = (long) out.w() * out.c() * pool.kernelH() * pool.kernelW();
        return BoundLayer.of(in.n() * out.h(), costPerRow, (from, to, worker) -> {
            for (int r = from; r < to; r++) {
                int image = r / out.h();
                int oy = r % out.h();
                int imageBase = image * in.h() * in.w() * in.c();
                for (int ox = 0; ox < out.w(); ox++) {
                    int o = ((image * out.h() + oy) * out.w() + ox) * out.c();
                    if (pool.isMax()) {
                        maxPixel(src, dst, imageBase, o, in, rows, columns, oy, ox);
                    } else {
                        averagePixel(src, dst, imageBase, o, in, rows, columns, oy, ox);
                    }
                }
            }
        });
    }

    private static void maxPixel(float[] src, float[] dst, int imageBase, int o, TensorShape in, WindowAxis rows,
            WindowAxis columns, int oy, int ox) {
        int channels = in.c();
        if (channels < N) {
            maskedMaxPixel(src, dst, imageBase, o, in, rows, columns, oy, ox);
            return;
        }
        int rowStride = in.w() * channels;
        int firstTy = rows.firstTap(oy);
        int endTy = rows.endTap(oy);
        int firstTx = columns.firstTap(ox);
        int endTx = columns.endTap(ox);
        if (endTy - firstTy == 3 && endTx - firstTx == 3) {
            maxOf3x3(src, dst, o, channels,
                    imageBase + rows.coordinate(oy, firstTy) * rowStride,
                    imageBase + rows.coordinate(oy, firstTy + 1) * rowStride,
                    imageBase + rows.coordinate(oy, firstTy + 2) * rowStride,
                    columns.coordinate(ox, firstTx) * channels,
                    columns.coordinate(ox, firstTx + 1) * channels,
                    columns.coordinate(ox, firstTx + 2) * channels);
            return;
        }
        for (int v = 0, vectors = Lanes.vectorCount(channels); v < vectors; v++) {
            // The last vector overlaps its neighbour: max of the same taps again gives the same bits.
            int c = Lanes.vectorStart(v, channels);
            FloatVector m = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            for (int ty = firstTy; ty < endTy; ty++) {
                int rowBase = imageBase + rows.coordinate(oy, ty) * rowStride + c;
                for (int tx = firstTx; tx < endTx; tx++) {
                    m = FloatVector.fromArray(F, src, rowBase + columns.coordinate(ox, tx) * channels).max(m);
                }
            }
            m.intoArray(dst, o + c);
        }
    }

    /**
     * A window of 3x3 valid taps (ResNet's 3x3/2 max pool everywhere but its first row and column),
     * unrolled: nine independent loads and a tree of maxima, where the loops spent more on entering
     * three-step loops, and on one chain of nine dependent maxima, than on the work. Max is exact and
     * commutative, so the tree gives the bits of the reference's running max from -inf (its
     * identity). No vector here is carried around a loop, so every receiver has its exact class
     * ({@link Lanes}).
     *
     * @param r0 the three rows' first element ({@code r1}, {@code r2} likewise)
     * @param x0 the three columns' offsets within a row ({@code x1}, {@code x2} likewise)
     */
    private static void maxOf3x3(float[] src, float[] dst, int o, int channels, int r0, int r1, int r2, int x0, int x1, int x2) {
        for (int v = 0, vectors = Lanes.vectorCount(channels); v < vectors; v++) {
            int c = Lanes.vectorStart(v, channels);
            FloatVector top = FloatVector.fromArray(F, src, r0 + x0 + c)
                    .max(FloatVector.fromArray(F, src, r0 + x1 + c)).max(FloatVector.fromArray(F, src, r0 + x2 + c));
            FloatVector middle = FloatVector.fromArray(F, src, r1 + x0 + c)
                    .max(FloatVector.fromArray(F, src, r1 + x1 + c)).max(FloatVector.fromArray(F, src, r1 + x2 + c));
            FloatVector bottom = FloatVector.fromArray(F, src, r2 + x0 + c)
                    .max(FloatVector.fromArray(F, src, r2 + x1 + c)).max(FloatVector.fromArray(F, src, r2 + x2 + c));
            top.max(middle).max(bottom).intoArray(dst, o + c);
        }
    }

    /** {@link #maxPixel} for fewer channels than lanes: one masked vector. */
    private static void maskedMaxPixel(float[] src, float[] dst, int imageBase, int o, TensorShape in, WindowAxis rows,
            WindowAxis columns, int oy, int ox) {
        int channels = in.c();
        int rowStride = in.w() * channels;
        VectorMask<Float> mask = F.indexInRange(0, channels);
        FloatVector m = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        for (int ty = rows.firstTap(oy); ty < rows.endTap(oy); ty++) {
            int rowBase = imageBase + rows.coordinate(oy, ty) * rowStride;
            for (int tx = columns.firstTap(ox); tx < columns.endTap(ox); tx++) {
                m = FloatVector.fromArray(F, src, rowBase + columns.coordinate(ox, tx) * channels, mask).max(m);
            }
        }
        m.intoArray(dst, o, mask);
    }

    private void averagePixel(float[] src, float[] dst, int imageBase, int o, TensorShape in, WindowAxis rows,
            WindowAxis columns, int oy, int ox) {
        int channels = in.c();
        int rowStride = in.w() * channels;
        int count = pool.countIncludePad() ? rows.paddedTaps(oy) * columns.paddedTaps(ox)
                : rows.inputTaps(oy) * columns.inputTaps(ox);
        DoubleVector divisor = DoubleVector.broadcast(D, count);
        for (int c = 0; c < channels; c += HALF_N) {
            VectorMask<Float> mask = HALF.indexInRange(c, channels);
            DoubleVector sum = DoubleVector.zero(D);
            for (int ty = rows.firstTap(oy); ty < rows.endTap(oy); ty++) {
                int rowBase = imageBase + rows.coordinate(oy, ty) * rowStride + c;
                for (int tx = columns.firstTap(ox); tx < columns.endTap(ox); tx++) {
                    FloatVector taps = FloatVector.fromArray(HALF, src, rowBase + columns.coordinate(ox, tx) * channels, mask);
                    sum = ((DoubleVector) taps.convertShape(VectorOperators.F2D, D, 0)).add(sum);
                }
            }
            // -0.0 + sum is sum, bit for bit, on a receiver of exact class (see Lanes).
            DoubleVector exact = DoubleVector.broadcast(D, -0.0).add(sum);
            ((FloatVector) exact.div(divisor).convertShape(VectorOperators.D2F, HALF, 0)).intoArray(dst, o + c, mask);
        }
    }
}
