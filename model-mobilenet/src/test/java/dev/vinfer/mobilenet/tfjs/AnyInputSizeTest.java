package dev.vinfer.mobilenet.tfjs;

import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Prediction;
import dev.vinfer.api.Vinfer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The Keras MobileNets use TensorFlow "same" padding, which depends on the input size. Their graph
 * keeps it as a padding mode, so the model loaded at its declared 224 runs at 128, 160, 192 or 225
 * (as Keras itself does), giving exactly what the same model built for that size from its
 * {@code config.json} gives.
 */
class AnyInputSizeTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {128, 160, 192, 225})
    void theDeclared224ModelRunsAtOtherSizesAsIfBuiltForThem(int size) throws Exception {
        Path resized = ModelCopy.of(SharedData.KERAS_025, dir.resolve("m" + size)).dir;
        Files.writeString(resized.resolve("config.json"), "{\"inputSize\": " + size + "}");
        Tensor pictures = randomImages(2, size);
        try (Model declared = Vinfer.load(SharedData.model(SharedData.KERAS_025), ModelOptions.defaults().withThreads(1));
             Model builtForSize = Vinfer.load(resized, ModelOptions.defaults().withThreads(1))) {
            Prediction a = declared.predict(pictures);
            Prediction b = builtForSize.predict(pictures);
            assertArrayEquals(b.allLogits(), a.allLogits(), "logits at " + size + "x" + size);
        }
    }

    private static Tensor randomImages(int n, int size) {
        Tensor t = Tensor.zeros(new TensorShape(n, size, size, 3));
        SplittableRandom random = new SplittableRandom(size);
        for (int i = 0; i < t.data().length; i++) {
            t.data()[i] = (float) random.nextDouble(-1, 1);
        }
        return t;
    }
}
