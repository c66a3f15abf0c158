package dev.vinfer.scalar;

import dev.vinfer.ops.Dense;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;

/**
 * Reference fully connected layer: one dot product per output feature (one {@link Math#fma} chain in
 * input order, as the SIMD GEMM computes it, so both give the same bits), then bias and clamp.
 */
final class ScalarDense implements PreparedLayer {
    private final Dense dense;

    ScalarDense(Dense dense) {
        this.dense = dense;
    }

    @Override
    public Dense spec() {
        return dense;
    }

    @Override
    public BoundLayer bind(Tensor input, Tensor output, int workers) {
        int batch = input.shape().n();
        int in = dense.inFeatures();
        int out = dense.outFeatures();
        float[] src = input.data();
        float[] dst = output.data();
        float[] weights = dense.weights();
        float[] bias = dense.bias();
        return BoundLayer.of(batch, (long) in * out, (firstTask, endTask, worker) -> {
            for (int n = firstTask; n < endTask; n++) {
                for (int o = 0; o < out; o++) {
                    float sum = 0f;
                    for (int i = 0; i < in; i++) {
                        sum = Math.fma(src[n * in + i], weights[o * in + i], sum);
                    }
                    dst[n * out + o] = dense.clamp().apply(sum + bias[o]);
                }
            }
        });
    }
}
