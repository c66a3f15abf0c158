package dev.vinfer.onnx;

import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Prediction;
import dev.vinfer.api.Vinfer;
import dev.vinfer.plan.Step;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One seed MobileNet V1, as a PyTorch {@code state_dict} (safetensors) and exported by
 * {@code torch.onnx.export} ({@code tools/fixtures/export_seed_fixture_onnx.py}): after the passes both
 * run the same kernels on the same backends (the ONNX file's BatchNorms, ReLUs, 7x7 average pool and
 * head fold into the same steps), and give the same probabilities.
 */
class SeedFormatsTest {
    private static final Path SAFETENSORS = Path.of("../model-mobilenet/src/test/resources/fixtures/seed/seed_a025_c10_224_b2.safetensors");
    private static final Path ONNX = Path.of("src/test/resources/fixtures/seed/seed_a025_c10_224_b2.onnx");

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd"})
    void bothFormatsRunTheSameKernels(String backend) {
        ModelOptions options = ModelOptions.defaults().withBackend(backend).withThreads(1);
        try (Model fromSafetensors = Vinfer.load(SAFETENSORS, options); Model fromOnnx = Vinfer.load(ONNX, options)) {
            assertEquals(arithmetic(fromSafetensors.defaultPlan().orElseThrow().steps()),
                    arithmetic(fromOnnx.defaultPlan().orElseThrow().steps()));
            Tensor images = images();
            Prediction a = fromSafetensors.predict(images);
            Prediction b = fromOnnx.predict(images);
            float[] pa = a.allProbabilities();
            float[] pb = b.allProbabilities();
            // The safetensors reader folds BatchNorm itself and the ONNX graph is folded by the engine's
            // pass; both round the folded weights once, not always to the same float.
            for (int i = 0; i < pa.length; i++) {
                assertEquals(pa[i], pb[i], 1e-5f, "probability " + i);
            }
        }
    }

    /** The steps that do the network's arithmetic: what each computes and which backend's kernel runs it. */
    private static List<String> arithmetic(List<Step> steps) {
        return steps.stream().filter(s -> s.multiplyAdds() > 0 || s.description().contains("pool"))
                .map(s -> s.description() + " on " + s.backend() + ", " + s.multiplyAdds() + " MACs").toList();
    }

    private static Tensor images() {
        Tensor t = Tensor.zeros(new TensorShape(1, 224, 224, 3)); // the export bakes batch 1 into its Reshape
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < t.data().length; i++) {
            t.data()[i] = (float) random.nextDouble(-2, 2);
        }
        return t;
    }
}
