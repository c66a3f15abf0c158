package dev.vinfer.onnx;

import dev.vinfer.graph.Graph;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every PyTorch export committed under {@code src/test/resources/fixtures/torch/} imports (their
 * numerical agreement is tested where the engine runs them). Skipped, saying so, until the fixtures exist.
 */
class TorchFixturesImportTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/torch");

    @Test
    void everyTorchFixtureImports() throws Exception {
        assertTrue(Files.isDirectory(FIXTURES), "no PyTorch fixtures at " + FIXTURES.toAbsolutePath());
        List<Path> models;
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            models = files.filter(p -> p.toString().endsWith(".onnx")).sorted().toList();
        }
        assertTrue(!models.isEmpty(), "no .onnx files under " + FIXTURES.toAbsolutePath());
        for (Path model : models) {
            Graph g = OnnxImporter.read(model);
            assertFalse(g.nodes().isEmpty(), model + " imported without nodes");
            System.out.println(model.getFileName() + ": " + g.nodes().size() + " nodes, " + g.parameterCount() + " parameters");
        }
    }
}
