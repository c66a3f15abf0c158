package dev.vinfer.simd;

import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Prediction;
import dev.vinfer.api.Vinfer;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.mobilenet.MobileNetV1;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole MobileNet V1 networks (synthetic weights) on the SIMD backend against the scalar reference:
 * every layer's kernel, the fallbacks, the fused blocks and the buffer plan together, batch 2 so
 * images share tiles. Every kernel computes the reference's FMA chains, so the logits must be
 * identical, not merely close.
 */
class MobileNetAgreementTest {

    @ParameterizedTest(name = "width {0}, {1}x{1}")
    @CsvSource({"0.25, 224", "0.75, 224", "1.0, 96"})
    void simdAgreesWithScalar(double alpha, int size) {
        NetworkDefinition net = MobileNetV1.synthetic(alpha, size, 1000, 11);
        Tensor input = image(2, size, 5);
        float[] expected = logits(net, "scalar", input);
        try (Model simd = Vinfer.compile(net, ModelOptions.defaults().withBackend("simd").withThreads(2))) {
            // Every layer but the (scalar) softmax must really run on SIMD kernels.
            assertEquals(List.of("simd"), simd.layerBackends().stream().distinct().toList());
            float[] actual = simd.predict(input).allLogits();
            float scale = 0;
            for (float e : expected) {
                scale = Math.max(scale, Math.abs(e));
            }
            assertTrue(scale > 0.1f, "degenerate logits: the test would prove nothing");
            KernelTwin.assertSameBits(expected, actual, "logits of width " + alpha + " at " + size);
        }
    }

    static float[] logits(NetworkDefinition net, String backend, Tensor input) {
        try (Model model = Vinfer.compile(net, ModelOptions.defaults().withBackend(backend).withThreads(1))) {
            Prediction p = model.predict(input);
            return p.allLogits();
        }
    }

    /** A deterministic batch with roughly normalised pixel values. */
    static Tensor image(int batch, int size, long seed) {
        float[] data = KernelTwin.random(batch * size * size * 3, seed);
        for (int i = 0; i < data.length; i++) {
            data[i] *= 2;
        }
        return Tensor.wrap(new TensorShape(batch, size, size, 3), data);
    }
}
