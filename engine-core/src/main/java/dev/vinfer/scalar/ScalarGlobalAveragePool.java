package dev.vinfer.scalar;

import dev.vinfer.ops.GlobalAveragePool;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;

/** Reference global average pool: per image and channel, sum the pixels in order and divide. */
final class ScalarGlobalAveragePool implements PreparedLayer {
    private final GlobalAveragePool pool;

    ScalarGlobalAveragePool(GlobalAveragePool pool) {
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
        return BoundLayer.of(in.n(), in.imageSize(), (firstTask, endTask, worker) -> {
            int pixels = in.h() * in.w();
            for (int n = firstTask; n < endTask; n++) {
                for (int c = 0; c < in.c(); c++) {
                    float sum = 0f;
                    for (int p = 0; p < pixels; p++) {
                        sum += src[(n * pixels + p) * in.c() + c];
                    }
                    dst[n * in.c() + c] = sum / pixels;
                }
            }
        });
    }
}
