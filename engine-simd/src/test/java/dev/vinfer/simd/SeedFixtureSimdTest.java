package dev.vinfer.simd;

import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Prediction;
import dev.vinfer.api.Vinfer;
import dev.vinfer.io.Npy;
import dev.vinfer.io.NpyArray;
import dev.vinfer.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed's real PyTorch checkpoints (float64 reference outputs, kept in model-mobilenet's test
 * resources) on the SIMD backend, with the tolerances of model-mobilenet's SeedFixtureAgreementTest.
 * Adds what synthetic networks lack: trained-like weights from a file, f16/bf16 weights, a 96x128
 * (non-square) input and batch 2. Fails, naming the file, when run outside the repository.
 */
class SeedFixtureSimdTest {
    private static final Path FIXTURES = Path.of("..", "model-mobilenet", "src", "test", "resources", "fixtures", "seed");
    private static final float LOGIT_TOLERANCE = 1e-3f;
    private static final float PROBABILITY_TOLERANCE = 1e-4f;

    @ParameterizedTest
    @ValueSource(strings = {"seed_a025_c10_224_b2", "seed_a050_c5_128_b1_f16", "seed_a025_c3_96x128_b2_bf16"})
    void matchesPyTorch(String name) {
        SharedTestData.require(FIXTURES.resolve(name + ".safetensors"));
        NpyArray input = Npy.read(FIXTURES.resolve(name + ".input_nchw.npy"));
        NpyArray logits = Npy.read(FIXTURES.resolve(name + ".logits.npy"));
        NpyArray probs = Npy.read(FIXTURES.resolve(name + ".probs.npy"));
        int n = input.dim(0), c = input.dim(1), h = input.dim(2), w = input.dim(3);
        // The graph takes any input size: the fixture's own (96x128 for one of them) is planned on first use.
        try (Model model = Vinfer.load(FIXTURES.resolve(name + ".safetensors"), ModelOptions.defaults().withBackend("simd").withThreads(2))) {
            Prediction p = model.predict(Tensor.fromNchw(n, c, h, w, input.data()));
            assertClose(logits.data(), p.allLogits(), LOGIT_TOLERANCE, name + " logits");
            assertClose(probs.data(), p.allProbabilities(), PROBABILITY_TOLERANCE, name + " probabilities");
        }
    }

    private static void assertClose(float[] expected, float[] actual, float tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= tolerance, what + ": max |diff| " + worst + " > " + tolerance);
    }
}
