package dev.vinfer.simd;

import dev.vinfer.ops.GlobalAveragePool;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Global average pool, one vector of channels at a time: each lane sums its channel over the pixels
 * in the same order as the scalar reference and divides by the pixel count, so the results are
 * bit-identical to it. One task is one image.
 */
final class GlobalAvgPool1v implements PreparedLayer {
    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int N = Lanes.N;
    /** Channels of {@link #averageFourVectors}. */
    private static final int QUAD = 4 * N;

    private final GlobalAveragePool pool;

    GlobalAvgPool1v(GlobalAveragePool pool) {
        this.pool = pool;
    }

    @Override
    public GlobalAveragePool spec() {
        return pool;
    }

    @Override
    public BoundLayer bind(Tensor input, Tensor output, int workers) {
        TensorShape in = input.shape();
        float[] src = input.data();
        float[] dst = output.data();
        int channels = in.c();
        int pixels = in.h() * in.w();
        return BoundLayer.of(in.n(), in.imageSize(), (firstTask, endTask, worker) -> {
            for (int n = firstTask; n < endTask; n++) {
                int c = 0;
                for (; c + QUAD <= channels; c += QUAD) {
                    averageFourVectors(src, n * pixels * channels, pixels, channels, c, dst, n * channels + c);
                }
                for (; c < channels; c += N) {
                    averageChannels(src, n * pixels * channels, pixels, channels, c, dst, n * channels + c);
                }
            }
        });
    }

    /**
     * {@link #averageChannels} for four whole vectors of channels at once, unmasked: four independent
     * sums, so the adds overlap instead of waiting on one chain (MobileNet V1's 7x7x1024 in the network: 15-19 -> 7-11 us), each lane's
     * sum still in pixel order, so the same bits.
     */
    private static void averageFourVectors(float[] src, int image, int pixels, int channels, int c, float[] dst, int out) {
        FloatVector s0 = FloatVector.zero(F), s1 = FloatVector.zero(F), s2 = FloatVector.zero(F), s3 = FloatVector.zero(F);
        for (int p = 0, i = image + c; p < pixels; p++, i += channels) {
            s0 = FloatVector.fromArray(F, src, i).add(s0); // receivers: see Lanes
            s1 = FloatVector.fromArray(F, src, i + N).add(s1);
            s2 = FloatVector.fromArray(F, src, i + 2 * N).add(s2);
            s3 = FloatVector.fromArray(F, src, i + 3 * N).add(s3);
        }
        FloatVector count = FloatVector.broadcast(F, pixels);
        FloatVector.broadcast(F, -0.0f).add(s0).div(count).intoArray(dst, out);
        FloatVector.broadcast(F, -0.0f).add(s1).div(count).intoArray(dst, out + N);
        FloatVector.broadcast(F, -0.0f).add(s2).div(count).intoArray(dst, out + 2 * N);
        FloatVector.broadcast(F, -0.0f).add(s3).div(count).intoArray(dst, out + 3 * N);
    }

    /**
     * The average over {@code pixels} pixels of one vector of channels starting at {@code c}. A method
     * of its own, called once per channel vector, so that it reaches C2 after a few inferences: a loop
     * in the task lambda, entered once per inference, stayed in C1 code, whose vector operations
     * allocate, for the first few hundred inferences (0.12-0.2 ms for ResNet-18's 7x7x512 instead of
     * microseconds in a short {@code vinfer bench}).
     */
    private static void averageChannels(float[] src, int image, int pixels, int channels, int c, float[] dst, int out) {
        VectorMask<Float> mask = F.indexInRange(c, channels); // local: see DwConv3x3Minmax1x1v
        FloatVector sum = FloatVector.zero(F);
        for (int p = 0; p < pixels; p++) {
            sum = FloatVector.fromArray(F, src, image + p * channels + c, mask).add(sum); // receiver: see Lanes
        }
        // -0.0 + sum is sum, bit for bit, on a receiver of exact class: the division inlines (see Lanes).
        FloatVector.broadcast(F, -0.0f).add(sum).div(FloatVector.broadcast(F, pixels)).intoArray(dst, out, mask);
    }
}
