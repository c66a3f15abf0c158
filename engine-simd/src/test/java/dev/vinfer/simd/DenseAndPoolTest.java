package dev.vinfer.simd;

import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.Dense;
import dev.vinfer.ops.GlobalAveragePool;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.api.Test;

/** The classifier's kernels: {@link PointwiseConvGemm#dense} and {@link GlobalAvgPool1v}. */
class DenseAndPoolTest {

    @Test
    void denseOnAwkwardSizesAndMobileNetClassifier() {
        long seed = 0;
        for (int in : KernelTwin.CHANNELS) {
            for (int out : KernelTwin.CHANNELS) {
                Dense dense = new Dense("fc", in, out, KernelTwin.CLAMPS.get((int) (seed % 3)),
                        KernelTwin.random(in * out, seed), KernelTwin.random(out, seed + 1));
                KernelTwin.assertTwin(dense, new TensorShape((int) (seed % 3) + 1, 1, 1, in), seed++);
            }
        }
        // {40, 100} and {64, 130}: short reductions over several panels, the last partly padded; batches 1, 2, 7.
        for (int[] shape : new int[][] {{1024, 1000}, {256, 10}, {768, 1001}, {40, 100}, {64, 130}}) {
            Dense fc = new Dense("fc", shape[0], shape[1], Clamp.NONE, KernelTwin.random(shape[0] * shape[1], 7), KernelTwin.random(shape[1], 8));
            KernelTwin.assertTwin(fc, new TensorShape(2, 1, 1, shape[0]), 9);
            KernelTwin.assertTwin(fc, new TensorShape(1, 1, 1, shape[0]), 10);
            KernelTwin.assertTwin(fc, new TensorShape(7, 1, 1, shape[0]), 11);
        }
    }

    /** Dense over a flattened [h, w, c] image. */
    @Test
    void denseFlattensNhwc() {
        Dense dense = new Dense("fc", 2 * 3 * 5, 17, Clamp.RELU, KernelTwin.random(30 * 17, 1), KernelTwin.random(17, 2));
        KernelTwin.assertTwin(dense, new TensorShape(2, 2, 3, 5), 3);
    }

    @Test
    void globalAveragePool() {
        long seed = 0;
        for (int channels : KernelTwin.CHANNELS) {
            for (int size : new int[] {1, 2, 7, 14}) {
                KernelTwin.assertTwin(new GlobalAveragePool("pool"), new TensorShape(2, size, size, channels), seed++);
            }
        }
        KernelTwin.assertTwin(new GlobalAveragePool("pool"), new TensorShape(1, 7, 7, 1024), 1);
        // Blocks of four whole vectors, then a whole vector and a masked one, at every vector width.
        KernelTwin.assertTwin(new GlobalAveragePool("pool"), new TensorShape(2, 5, 3, 9 * Lanes.N + 3), 2);
    }
}
