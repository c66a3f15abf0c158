package dev.vinfer.onnx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vinfer.graph.Graph;
import dev.vinfer.spi.ModelLoadException;
import dev.vinfer.tensor.NdArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Coverage-guided fuzzing (Jazzer) of the ONNX importer and of the TensorProto file reader. A
 * malformed input may only raise {@link ModelLoadException} with a one-line message starting with
 * the file name; any other exception, or one input running past the {@code @Timeout}, is a finding.
 * Seeds in {@code OnnxFuzzTestInputs/<method>/} are models written by {@link TinyModels} and
 * {@link OnnxModelBuilder} (a CNN at opsets 13 and 10, legacy Clip/Pad/Softmax, Constant nodes,
 * int64 shapes); {@code mvn verify} replays them and every saved finding, {@code JAZZER_FUZZ=1}
 * fuzzes one method (select it with {@code -Dtest=OnnxFuzzTest#method}).
 */
class OnnxFuzzTest {
    private static final String NAME = "fuzz.onnx";
    private static final String TENSOR = "input_0.pb";

    @FuzzTest(maxDuration = "15s")
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void onnxModel(byte[] data) {
        try {
            Graph g = OnnxImporter.read(data, NAME);
            if (g.outputs().isEmpty()) {
                throw new AssertionError("a graph without outputs was returned");
            }
            long bytes = 0;
            for (NdArray c : g.constants().values()) {
                bytes += 4L * c.size();
            }
            // Every constant comes from the file: at most 4 bytes of float per byte read (varints, bools),
            // or a few bytes per Constant attribute value.
            if (bytes > 8L * data.length + 64) {
                throw new AssertionError(bytes + " bytes of constants from a " + data.length + "-byte file");
            }
        } catch (ModelLoadException expected) {
            checkMessage(expected, NAME);
        }
    }

    @FuzzTest(maxDuration = "15s")
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void tensorProtoFile(byte[] data) {
        try {
            NdArray t = OnnxTensorFile.read(data, TENSOR);
            if ((long) t.size() > 8L * data.length + 8) {
                throw new AssertionError(t.size() + " elements from a " + data.length + "-byte file");
            }
        } catch (ModelLoadException expected) {
            checkMessage(expected, TENSOR);
        }
    }

    private static void checkMessage(ModelLoadException e, String file) {
        String m = e.getMessage();
        if (!m.startsWith(file + ": ") || m.contains("\n") || m.contains("\r") || m.length() > 1000) {
            throw new AssertionError("not a one-line message naming the file: " + m);
        }
    }

    /** The committed seeds are valid models, so the fuzzer starts from inputs that reach the importer's depths. */
    @Test
    void seedsAreValidModels() throws Exception {
        for (String seed : List.of("tiny_cnn_opset13", "tiny_cnn_opset10", "legacy_clip_pad_softmax", "constants_and_shapes")) {
            try (InputStream in = OnnxFuzzTest.class.getResourceAsStream("OnnxFuzzTestInputs/onnxModel/" + seed)) {
                assertNotNull(in, seed + " is missing");
                assertNotNull(OnnxImporter.read(in.readAllBytes(), seed));
            }
        }
    }
}
