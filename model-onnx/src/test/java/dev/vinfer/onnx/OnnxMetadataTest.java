package dev.vinfer.onnx;

import dev.vinfer.graph.Graph;
import dev.vinfer.spi.ModelLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional config.json beside a .onnx file, and how the provider recognises ONNX files. */
class OnnxMetadataTest {
    @TempDir
    Path dir;

    private Path model() throws IOException {
        return Files.write(dir.resolve("tiny.onnx"), TinyModels.cnn(13).build());
    }

    private Path config(String json) throws IOException {
        return Files.writeString(dir.resolve("config.json"), json);
    }

    private void expect(String json, String fragment) throws IOException {
        Path m = model();
        config(json);
        String msg = assertThrows(ModelLoadException.class, () -> OnnxImporter.read(m)).getMessage();
        assertTrue(msg.startsWith(m + ": config.json beside it: ") && msg.contains(fragment), msg);
    }

    @Test
    void configGivesLabelsPreprocessingAndSize() throws Exception {
        Path m = model();
        Files.writeString(dir.resolve("labels.txt"), "cat\ndog\n\n");
        config("{\"labels\": \"labels.txt\", \"preprocessing\": {\"mean\": [0.5, 0.5, 0.5], \"std\": [0.25, 0.25, 0.25]}, \"inputSize\": [160, 160]}");
        Graph g = OnnxImporter.read(m);
        assertEquals(List.of("cat", "dog"), g.metadata().labels());
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f}, g.metadata().preprocessing().orElseThrow().std());
        assertEquals(160, g.metadata().imageSize());
    }

    @Test
    void badConfigs() throws Exception {
        expect("{\"labelz\": \"x\"}", "unknown key 'labelz'");
        expect("[1]", "must hold a JSON object");
        expect("{\"inputSize\": [160, 128]}", "inputSize must be square");
        expect("{\"preprocessing\": {\"mean\": [0, 0], \"std\": [1, 1, 1]}}", "preprocessing.mean must be 3 numbers");
        expect("{\"labels\": \"../secret.txt\"}", "must be a relative path inside the model's directory");
        expect("{\"labels\": \"/etc/passwd\"}", "must be a relative path inside the model's directory");
        Files.writeString(dir.resolve("three.txt"), "a\nb\nc\n");
        expect("{\"labels\": \"three.txt\"}", "has 3 lines, but the model's output has 2 classes");
        expect("{\"labels\": 1,}", "is not valid JSON");
    }

    @Test
    void providerRecognisesOnnxFiles() throws Exception {
        OnnxModelProvider p = new OnnxModelProvider();
        assertTrue(p.recognizes(model()));
        assertTrue(p.recognizes(Files.write(dir.resolve("model.bin"), TinyModels.cnn(13).build())), "ModelProto bytes, any name");
        assertFalse(p.recognizes(Files.write(dir.resolve("weights.safetensors"), new byte[] {0x08, 0x04, 0, 0, 0, 0, 0, 0, '{', '}'})));
        assertFalse(p.recognizes(Files.writeString(dir.resolve("model.json"), "{\"format\": \"layers-model\"}")));
        assertFalse(p.recognizes(dir));
        assertFalse(p.recognizes(dir.resolve("absent.onnx")));
        assertEquals("onnx", p.name());
    }
}
