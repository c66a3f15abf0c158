package dev.vinfer.mobilenet.tfjs;

import dev.vinfer.mobilenet.TestDefinitions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vinfer.api.Vinfer;
import dev.vinfer.api.VinferException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutations of a small valid TF.js layers model (the fuzz seed: 17 Keras layers on 8x8 input, one
 * manifest group in {@code w.bin}), loaded through {@link Vinfer#read} as a user's directory would
 * be. TfjsLoadErrorsTest covers the same ground on the full-size shared models (paths leading out,
 * short/long/missing shards, duplicate tensors, unknown layers and options, branches); this adds
 * non-finite weights, absurd input shapes, zero strides, duplicate JSON keys and hostile names.
 */
@Timeout(60)
class HostileTfjsCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private Path modelJson;
    private ObjectNode model;

    @BeforeEach
    void copyTinyModel() throws IOException {
        for (String shard : new String[] {"w.bin", "w1.bin", "w2.bin"}) {
            try (InputStream in = getClass().getResourceAsStream("tfjs-fuzz-model/" + shard)) {
                Files.copy(in, dir.resolve(shard));
            }
        }
        try (InputStream in = getClass().getResourceAsStream("TfjsFuzzTestInputs/modelJson/functional_one_group")) {
            model = (ObjectNode) JSON.readTree(in);
        }
        modelJson = dir.resolve("model.json");
        save();
        assertEquals(3, TestDefinitions.read(dir).classCount());
    }

    @Test
    void nanWeightIsRefusedWithTheTensorName() throws IOException {
        poke(tensorOffset("conv_dw_1/depthwise_kernel") + 4 * 3, Float.NaN);
        expect("layer conv_dw_1: tensor 'conv_dw_1/depthwise_kernel' holds NaN at element 3 of 18");
    }

    @Test
    void infiniteWeightIsRefused() throws IOException {
        poke(tensorOffset("conv_preds/bias"), Float.POSITIVE_INFINITY);
        expect("layer conv_preds: tensor 'conv_preds/bias' holds Infinity at element 0 of 3");
    }

    @Test
    void negativeMovingVarianceIsRefused() throws IOException {
        poke(tensorOffset("conv1_bn/moving_variance") + 4, -2f);
        expect("layer conv1_bn (BatchNormalization): moving_variance holds -2.0 at channel 1");
    }

    @Test
    void batchInputShapeOfZeroOrAbsurdSizes() throws IOException {
        ArrayNode shape = inputShape();
        shape.set(1, 0);
        save();
        expect("batch_input_shape [null,0,8,3] leaves the input size unknown");
        shape.set(1, 1_000_000_000);
        save();
        expect("batch_input_shape [null,1000000000,8,3] is absurd: at most 16384 pixels per side");
        shape.set(1, 1_000_000_000_000L);
        save();
        expect("is absurd");
        shape.set(1, 8);
        shape.set(3, 100_000);
        save();
        expect("is absurd");
        shape.set(3, -3);
        save();
        expect("leaves the input size unknown");
    }

    @Test
    void zeroOrNegativeStridesAndKernels() throws IOException {
        config("conv1").put("strides", 0);
        save();
        expect("layer conv1 (Conv2D): strides must be an int from 1 to 16384 or a pair of them, is 0");
        config("conv1").putArray("strides").add(2).add(-1);
        save();
        expect("strides must be an int from 1 to 16384");
        config("conv1").put("strides", 2);
        config("conv1").put("kernel_size", -3);
        save();
        expect("layer conv1 (Conv2D): kernel_size must be");
        config("conv1").put("kernel_size", 4_294_967_299L); // wraps to 3 with asInt()
        save();
        expect("kernel_size must be");
    }

    @Test
    void absurdZeroPadding() throws IOException {
        config("conv_pad").put("padding", Integer.MAX_VALUE);
        save();
        expect("layer conv_pad (ZeroPadding2D): padding 2147483647 (at most 16384) is not supported");
    }

    @Test
    void duplicateJsonKeysAreRefused() throws IOException {
        String text = Files.readString(modelJson).replaceFirst("\"filters\":2", "\"filters\":2,\"filters\":4");
        Files.writeString(modelJson, text);
        expect("not valid JSON", "Duplicate field 'filters'");
    }

    @Test
    void manifestPathsThatEscapeOrAreNotFiles() throws IOException {
        for (String[] c : new String[][] {
                {"../w.bin", "contains '..'"},
                {"sub/../../w.bin", "contains '..'"},
                {"/etc/passwd", "is an absolute path"},
                {"\\\\server\\share\\w.bin", "is an absolute path"},
                {"C:\\w.bin", "is an absolute path"},
                {"file:///etc/passwd", "is a URL"},
                {"", "has an empty path"},
                {".", "is not a regular file"},
                {"w.bin\nvinfer: all good", "'w.bin\\x0avinfer: all good' not found"},
        }) {
            group().putArray("paths").add(c[0]);
            save();
            expect(c[1]);
        }
    }

    @Test
    void aShardThatIsADirectoryOrASymlinkOut(@TempDir Path outside) throws IOException {
        Files.createDirectory(dir.resolve("shards"));
        group().putArray("paths").add("shards");
        save();
        expect("weight shard 'shards' is not a regular file");
        Files.copy(dir.resolve("w.bin"), outside.resolve("secret.bin"));
        Files.createSymbolicLink(dir.resolve("link.bin"), outside.resolve("secret.bin"));
        group().putArray("paths").add("link.bin");
        save();
        expect("weight shard 'link.bin' resolves to", "outside the model directory");
    }

    @Test
    void aShardChangedBetweenManifestAndBytes() throws IOException {
        Files.write(dir.resolve("w.bin"), new byte[508 + 4]);
        expect("weight shard w.bin holds 512 bytes, but its tensors");
        Files.write(dir.resolve("w.bin"), new byte[0]);
        expect("weight shard w.bin holds 0 bytes");
    }

    @Test
    void deeplyNestedJsonIsRefusedWithoutAStackOverflow() throws IOException {
        Files.writeString(modelJson, "{\"modelTopology\": " + "[".repeat(200_000) + "]".repeat(200_000) + "}");
        expect("not valid JSON");
    }

    @Test
    void aShardListedTwiceIsRefusedNotReadTwice() throws IOException {
        // The same 508 bytes listed 1000 times would claim (and allocate) 508 KB; refused up front.
        ArrayNode paths = group().putArray("paths");
        for (int i = 0; i < 1000; i++) {
            paths.add(i % 2 == 0 ? "w.bin" : "./w.bin");
        }
        save();
        expect("weight shard './w.bin' is listed more than once");
        // Also across groups: w1.bin in a second group of its own.
        ObjectNode second = ((ArrayNode) model.get("weightsManifest")).addObject();
        group().putArray("paths").add("w1.bin").add("w2.bin");
        second.putArray("paths").add("w1.bin");
        second.putArray("weights");
        save();
        expect("weight shard 'w1.bin' is listed more than once");
    }

    @Test
    void tensorShapesThatAreAbsurd() throws IOException {
        ObjectNode bias = tensorEntry("conv_preds/bias");
        bias.putArray("shape").add(65536).add(65536);
        save();
        expect("tensor 'conv_preds/bias' of shape [65536,65536] is too large");
        bias.putArray("shape").add(0);
        save();
        expect("tensor 'conv_preds/bias' has an invalid shape [0]");
    }

    @Test
    void unsupportedLayersOptionsAndTopologies() throws IOException {
        layer("conv_dw_1").put("class_name", "SeparableConv2D");
        save();
        expect("layer conv_dw_1 (SeparableConv2D): layer class SeparableConv2D is not supported");
        layer("conv_dw_1").put("class_name", "DepthwiseConv2D");
        config("conv_pw_1").put("padding", "causal");
        save();
        expect("layer conv_pw_1 (Conv2D): padding 'causal' is not supported");
        config("conv_pw_1").put("padding", "valid");
        ((ArrayNode) layer("conv_pw_1").get("inbound_nodes").get(0).get(0)).set(0, "input_1");
        save();
        expect("not a chain: layer conv_pw_1 takes its input from input_1");
    }

    @Test
    void aLayerNameWithControlCharactersStaysOneLine() throws IOException {
        layer("conv_dw_1").put("class_name", "Evil\r\nLayer");
        save();
        expect("layer class Evil\\x0d\\x0aLayer is not supported");
    }

    @Test
    void brokenSideFiles() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"labels\": \"labels.txt\"}");
        Files.write(dir.resolve("labels.txt"), new byte[] {'a', '\n', (byte) 0xff, (byte) 0xfe, '\n', 'c', '\n'});
        expect("labels file 'labels.txt' is not UTF-8 text");
        Files.writeString(dir.resolve("config.json"), "{\"labels\": \"labels.txt\"," + " ".repeat(1 << 20) + "}");
        expect("config.json is larger than 1024 KB");
        Files.writeString(dir.resolve("config.json"), "{\"lab\nels\": 1}");
        expect("not valid JSON");
        Files.writeString(dir.resolve("config.json"), "{\"inputSize\": 0}");
        expect("config.json: inputSize must be between 1 and 16384");
        Files.delete(dir.resolve("config.json"));
        Files.writeString(dir.resolve("metadata.json"), "{\"labels\": [\"a\", \"b\"]}");
        expect("metadata.json has 2 labels, but the model has 3 classes");
        Files.writeString(dir.resolve("metadata.json"), "{\"labels\": [1, 2, 3]}");
        expect("metadata.json: labels must be an array of strings");
    }

    private ArrayNode inputShape() {
        return (ArrayNode) config("input_1").get("batch_input_shape");
    }

    private ArrayNode layers() {
        return (ArrayNode) model.get("modelTopology").get("model_config").get("config").get("layers");
    }

    private ObjectNode layer(String name) {
        for (JsonNode l : layers()) {
            if (l.get("name").asText().equals(name)) {
                return (ObjectNode) l;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private ObjectNode config(String name) {
        return (ObjectNode) layer(name).get("config");
    }

    private ObjectNode group() {
        return (ObjectNode) model.get("weightsManifest").get(0);
    }

    private ObjectNode tensorEntry(String name) {
        for (JsonNode w : group().get("weights")) {
            if (w.get("name").asText().equals(name)) {
                return (ObjectNode) w;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** Byte offset of a tensor in w.bin (tensors are concatenated in manifest order). */
    private int tensorOffset(String name) {
        int offset = 0;
        for (JsonNode w : group().get("weights")) {
            if (w.get("name").asText().equals(name)) {
                return offset;
            }
            int n = 1;
            for (JsonNode d : w.get("shape")) {
                n *= d.asInt();
            }
            offset += 4 * n;
        }
        throw new IllegalArgumentException(name);
    }

    private void poke(int offset, float value) throws IOException {
        byte[] b = Files.readAllBytes(dir.resolve("w.bin"));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(offset, value);
        Files.write(dir.resolve("w.bin"), b);
    }

    private void save() throws IOException {
        JSON.writeValue(modelJson.toFile(), model);
    }

    private void expect(String... fragments) {
        VinferException e = assertThrows(VinferException.class, () -> TestDefinitions.read(dir));
        String m = e.getMessage();
        assertTrue(m.startsWith(modelJson + ": "), "names model.json: " + m);
        assertTrue(!m.contains("\n") && !m.contains("\r"), "one line: " + m);
        for (String fragment : fragments) {
            assertTrue(m.contains(fragment), "expected '" + fragment + "' in: " + m);
        }
    }
}
