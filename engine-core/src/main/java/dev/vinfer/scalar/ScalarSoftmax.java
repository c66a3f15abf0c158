package dev.vinfer.scalar;

import dev.vinfer.ops.Softmax;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;

/**
 * Reference softmax over the channels of each pixel. Subtracts the maximum first so large logits
 * cannot overflow, and accumulates in double so thousands of small terms keep their precision.
 */
final class ScalarSoftmax implements PreparedLayer {
    private final Softmax softmax;

    ScalarSoftmax(Softmax softmax) {
        this.softmax = softmax;
    }

    @Override
    public Softmax spec() {
        return softmax;
    }

    @Override
    public BoundLayer bind(Tensor input, Tensor output, int workers) {
        int channels = input.shape().c();
        int vectors = input.shape().size() / channels;
        float[] src = input.data();
        float[] dst = output.data();
        return BoundLayer.of(vectors, channels, (firstTask, endTask, worker) -> {
            for (int v = firstTask; v < endTask; v++) {
                softmax(src, dst, v * channels, channels);
            }
        });
    }

    /** Softmax of {@code src[offset, offset+length)} into {@code dst} at the same offsets. */
    public static void softmax(float[] src, float[] dst, int offset, int length) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            max = Math.max(max, src[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < length; i++) {
            double e = Math.exp(src[offset + i] - max);
            dst[offset + i] = (float) e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int i = 0; i < length; i++) {
            dst[offset + i] *= inv;
        }
    }
}
