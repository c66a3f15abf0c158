package dev.vinfer.api;

import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.graph.Preprocessing;
import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.Convolution;
import dev.vinfer.ops.Dense;
import dev.vinfer.ops.GlobalAveragePool;
import dev.vinfer.ops.Padding;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineApiTest {

    /** conv 1x1 (identity on 2 channels) -> pool -> dense to 3 classes. */
    static NetworkDefinition tinyNetwork() {
        var conv = new Convolution("c", 2, 2, 1, 1, 1, 1, Padding.NONE, 1, Clamp.NONE, new float[] {1, 0, 0, 1}, new float[2]);
        var dense = new Dense("d", 2, 3, Clamp.NONE, new float[] {1, 0, 0, 1, 1, 1}, new float[] {0, 0, -100});
        return new NetworkDefinition("tiny", TensorShape.image(2, 2, 2), List.of(conv, new GlobalAveragePool("p"), dense),
                List.of("a", "b", "c"), Preprocessing.IMAGENET);
    }

    @Test
    void predictsLogitsProbabilitiesAndTopK() {
        try (Model model = Vinfer.compile(tinyNetwork(), ModelOptions.defaults().withBackend("scalar").withThreads(1))) {
            float[] data = new float[16];
            for (int p = 0; p < 4; p++) {
                data[p * 2] = 2f;         // image 0: channel means (2, 1)
                data[p * 2 + 1] = 1f;
                data[8 + p * 2] = 0f;      // image 1: channel means (0, 3)
                data[8 + p * 2 + 1] = 3f;
            }
            Prediction p = model.predict(Tensor.wrap(new TensorShape(2, 2, 2, 2), data));
            assertArrayEquals(new float[] {2, 1, -97}, p.logits(0));
            assertArrayEquals(new float[] {0, 3, -97}, p.logits(1));
            List<ClassScore> top = p.topK(0, 2);
            assertEquals("a", top.get(0).label());
            assertEquals("b", top.get(1).label());
            assertEquals(1 / (1 + Math.exp(-1)), top.get(0).probability(), 1e-6);
            assertEquals(1, p.topK(1, 1).getFirst().index());
            assertThrows(VinferException.class, () -> p.topK(0, 4));
            assertThrows(VinferException.class, () -> p.topK(0, 0));
        }
    }

    @Test
    void aWrongInputShapeIsAClearError() {
        try (Model model = Vinfer.compile(tinyNetwork(), ModelOptions.defaults().withBackend("scalar"))) {
            VinferException e = assertThrows(VinferException.class, () -> model.predict(Tensor.zeros(new TensorShape(1, 2, 2, 3))));
            // Any height and width fit a fully convolutional model; the channel count must match.
            assertTrue(e.getMessage().contains("2 channels"), e.getMessage());
        }
    }

    @Test
    void backendsAreChosenByNameOrPriorityAndUnknownNamesAreListed() {
        assertTrue(Vinfer.backends().stream().anyMatch(b -> b.name().equals("scalar") && b.usable()));
        VinferException e = assertThrows(VinferException.class,
                () -> Vinfer.compile(tinyNetwork(), ModelOptions.defaults().withBackend("gpu9000")));
        assertTrue(e.getMessage().contains("unknown backend 'gpu9000'") && e.getMessage().contains("scalar"), e.getMessage());
        try (Model model = Vinfer.compile(tinyNetwork(), ModelOptions.defaults())) {
            assertEquals(Vinfer.backends().stream().filter(BackendInfo::usable).findFirst().orElseThrow().name(), model.backendName());
        }
    }

    @Test
    void absurdThreadCountsAreRefused() {
        assertThrows(VinferException.class, () -> ModelOptions.defaults().withThreads(-1));
        assertThrows(VinferException.class, () -> ModelOptions.defaults().withThreads(1_000_000));
        assertEquals(Runtime.getRuntime().availableProcessors(), ModelOptions.defaults().effectiveThreads());
    }

    @Test
    void unknownFilesListTheSupportedFormats(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("weights.bin");
        Files.write(file, new byte[] {1, 2, 3});
        VinferException e = assertThrows(VinferException.class, () -> Vinfer.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("supported"), e.getMessage());
        VinferException missing = assertThrows(VinferException.class, () -> Vinfer.load(dir.resolve("nope.safetensors")));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }

    @Test
    void onlyNetworksBuiltForAnyInputSizeCanBeResized() {
        NetworkDefinition fixed = tinyNetwork();
        assertTrue(fixed.withInputSize(2, 2) == fixed);
        VinferException e = assertThrows(VinferException.class, () -> fixed.withInputSize(3, 3));
        assertTrue(e.getMessage().contains("built for 2x2 input"), e.getMessage());
        NetworkDefinition flexible = new NetworkDefinition("any", fixed.inputShape(), fixed.layers(), fixed.labels(), fixed.preprocessing(), true);
        assertEquals(new TensorShape(1, 5, 7, 2), flexible.withInputSize(5, 7).inputShape());
        assertTrue(flexible.withLabels(List.of("x", "y", "z")).anyInputSize());
    }

    @Test
    void nchwIsTransposedToNhwc() {
        // NCHW [1, 2, 1, 2]: channel 0 = (1, 2), channel 1 = (3, 4)
        Tensor t = Tensor.fromNchw(1, 2, 1, 2, new float[] {1, 2, 3, 4});
        assertArrayEquals(new float[] {1, 3, 2, 4}, t.toArray());
        assertEquals(new TensorShape(1, 1, 2, 2), t.shape());
    }

    @Test
    void sessionsReuseTheirBuffersAcrossRunsAndBatchSizes() {
        try (Model model = Vinfer.compile(tinyNetwork(), ModelOptions.defaults().withBackend("scalar"))) {
            InferenceSession session = model.newSession();
            Prediction one = session.run(Tensor.zeros(new TensorShape(1, 2, 2, 2))).copy();
            Prediction three = session.run(Tensor.zeros(new TensorShape(3, 2, 2, 2)));
            assertEquals(3, three.batchSize());
            assertArrayEquals(one.logits(0), three.logits(2));
        }
    }
}
