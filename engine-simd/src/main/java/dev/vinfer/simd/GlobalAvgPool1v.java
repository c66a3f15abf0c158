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
            FloatVector count = FloatVector.broadcast(F, pixels);
            for (int n = firstTask; n < endTask; n++) {
                int image = n * pixels * channels;
                for (int c = 0; c < channels; c += N) {
                    VectorMask<Float> mask = F.indexInRange(c, channels); // local: see DwConv3x3Minmax1x1v
                    FloatVector sum = FloatVector.zero(F);
                    for (int p = 0; p < pixels; p++) {
                        sum = sum.add(FloatVector.fromArray(F, src, image + p * channels + c, mask));
                    }
                    sum.div(count).intoArray(dst, n * channels + c, mask);
                }
            }
        });
    }
}
