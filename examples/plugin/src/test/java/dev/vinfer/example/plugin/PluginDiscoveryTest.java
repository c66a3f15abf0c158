package dev.vinfer.example.plugin;

import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Prediction;
import dev.vinfer.api.Vinfer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine finds an outside module's backend and model format through ServiceLoader alone. */
class PluginDiscoveryTest {

    @Test
    void theEngineFindsAndUsesThePluginsBackendAndFormat(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("toy.linear.txt");
        Files.writeString(model, """
                linear 1 2 1 2
                1 0
                0.5 0.5
                0 -1
                """);
        assertTrue(Vinfer.backends().stream().anyMatch(b -> b.name().equals("counting")));
        assertTrue(Vinfer.modelProviders().stream().anyMatch(p -> p.name().equals("linear-text")));
        int before = CountingBackend.PREPARED.get();
        try (Model m = Vinfer.load(model, ModelOptions.defaults().withBackend("counting").withThreads(1))) {
            assertEquals("counting", m.backendName());
            assertEquals(List.of("counting"), m.layerBackends());
            assertEquals(1, CountingBackend.PREPARED.get() - before);
            Prediction p = m.predict(Tensor.wrap(new TensorShape(1, 1, 2, 1), new float[] {4f, 2f}));
            assertArrayEquals(new float[] {4f, 2f}, p.logits(0));
        }
        // Never chosen automatically over the built-in backends (its priority is negative).
        try (Model m = Vinfer.load(model)) {
            assertTrue(!m.backendName().equals("counting"));
        }
    }
}
