package dev.vinfer.mobilenet;

import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Model;
import dev.vinfer.api.Prediction;
import dev.vinfer.api.Vinfer;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.io.Npy;
import dev.vinfer.io.NpyArray;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed's own PyTorch model (float64 references made by tools/fixtures/make_seed_fixtures.py)
 * against vinfer, per backend, for NCHW input converted to NHWC, batch > 1 and several widths,
 * class counts, input sizes and weight dtypes.
 */
class SeedFixtureAgreementTest {
    /** Issue tolerances: float32 summation order alone moves logits by ~2e-4 at width 0.75. */
    static final float LOGIT_TOLERANCE = 1e-3f;
    static final float PROBABILITY_TOLERANCE = 1e-4f;

    static Stream<Arguments> fixtures() {
        return Stream.of("seed_a025_c10_224_b2", "seed_a050_c5_128_b1_f16", "seed_a025_c3_96x128_b2_bf16")
                .flatMap(name -> Vinfer.backends().stream().filter(b -> b.usable()).map(b -> Arguments.of(name, b.name())));
    }

    static Path fixture(String file) {
        try {
            return Path.of(SeedFixtureAgreementTest.class.getResource("/fixtures/seed/" + file).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixtures")
    void matchesPyTorch(String name, String backend) {
        NpyArray input = Npy.read(fixture(name + ".input_nchw.npy"));
        NpyArray logits = Npy.read(fixture(name + ".logits.npy"));
        NpyArray probs = Npy.read(fixture(name + ".probs.npy"));
        int n = input.dim(0), c = input.dim(1), h = input.dim(2), w = input.dim(3);
        NetworkDefinition def = TestDefinitions.read(fixture(name + ".safetensors")).withInputSize(h, w);
        try (Model model = Vinfer.compile(def, ModelOptions.defaults().withBackend(backend).withThreads(2))) {
            Prediction p = model.predict(Tensor.fromNchw(n, c, h, w, input.data()));
            assertEquals(logits.dim(1), p.classCount());
            assertClose(logits.data(), p.allLogits(), LOGIT_TOLERANCE, "logits");
            assertClose(probs.data(), p.allProbabilities(), PROBABILITY_TOLERANCE, "probabilities");
        }
    }

    static void assertClose(float[] expected, float[] actual, float tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= tolerance, what + ": max |diff| " + worst + " > " + tolerance);
    }
}
