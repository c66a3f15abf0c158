package dev.vinfer.mobilenet.tfjs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.spi.ModelLoadException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Coverage-guided fuzzing (Jazzer) of the TF.js layers provider: the fuzzer writes {@code model.json}
 * (topology and weightsManifest) into a directory holding fixed shards ({@code w.bin}, {@code w1.bin},
 * {@code w2.bin}) plus a symlink {@code link.bin} to a file outside it. Loading may only fail with
 * {@link ModelLoadException}, in one line starting with the model.json path; anything else escaping,
 * or one input running past the {@code @Timeout}, is a finding. Seeds: {@code TfjsFuzzTestInputs/modelJson/},
 * a 17-layer MobileNet-like model on 8x8 input in three manifest layouts.
 */
class TfjsFuzzTest {
    private static final List<String> SHARDS = List.of("w.bin", "w1.bin", "w2.bin");
    private static Path root;
    private static Path dir;
    private static Path modelJson;

    @BeforeAll
    static void createModelDirectory() throws IOException {
        root = Files.createTempDirectory("vinfer-tfjs-fuzz");
        dir = Files.createDirectory(root.resolve("model"));
        modelJson = dir.resolve("model.json");
        for (String shard : SHARDS) {
            try (InputStream in = TfjsFuzzTest.class.getResourceAsStream("tfjs-fuzz-model/" + shard)) {
                Files.copy(in, dir.resolve(shard));
            }
        }
        Files.copy(dir.resolve("w.bin"), root.resolve("outside.bin"));
        Files.createSymbolicLink(dir.resolve("link.bin"), Path.of("..", "outside.bin"));
    }

    @AfterAll
    static void deleteModelDirectory() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @FuzzTest(maxDuration = "15s")
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void modelJson(byte[] data) throws IOException {
        Files.write(modelJson, data);
        try {
            NetworkDefinition network = new TfjsLayersProvider().loadDefinition(dir);
            if (network.classCount() < 1) {
                throw new AssertionError("no classes: " + network);
            }
        } catch (ModelLoadException expected) {
            String m = expected.getMessage();
            if (!m.startsWith(modelJson.toString()) || m.contains("\n") || m.contains("\r") || m.length() > 2000) {
                throw new AssertionError("not a one-line message naming model.json: " + m);
            }
        }
    }

    private static final String[] WORDS = {"InputLayer", "Conv2D", "DepthwiseConv2D", "BatchNormalization", "Activation",
            "ReLU", "GlobalAveragePooling2D", "Reshape", "Dropout", "ZeroPadding2D", "Dense", "Sequential", "Model", "same",
            "valid", "causal", "relu", "relu6", "softmax", "linear", "sigmoid", "channels_first", "channels_last", "float32",
            "int32", "w.bin", "w1.bin", "w2.bin", "link.bin", "../w.bin", "/etc/passwd", "model.json", ".", "", "http://x/w.bin",
            "conv1", "conv1/kernel", "conv_dw_1", "conv_pw_1_bn", "conv_preds", "input_1", "gap", "dropout"};
    private static final long[] NUMBERS = {0, -1, 1, 2, 3, 4, 6, 8, 1000, 65536, 1_000_000_000, Integer.MAX_VALUE,
            (long) Integer.MAX_VALUE + 1, Long.MAX_VALUE, Long.MIN_VALUE};
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static com.fasterxml.jackson.databind.JsonNode base;

    /**
     * Structure-aware: the fuzzer picks nodes of a valid model.json and replaces, removes or
     * duplicates them (interesting numbers, Keras words, paths, nested arrays), so that inputs get
     * past the JSON parser into the topology, manifest and layer checks.
     */
    @FuzzTest(maxDuration = "15s")
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void modelJsonMutations(com.code_intelligence.jazzer.api.FuzzedDataProvider data) throws IOException {
        if (base == null) {
            try (InputStream in = TfjsFuzzTest.class.getResourceAsStream("TfjsFuzzTestInputs/modelJson/"
                    + (data.consumeBoolean() ? "functional_one_group" : "sequential_two_shards"))) {
                base = JSON.readTree(in);
            }
        }
        com.fasterxml.jackson.databind.JsonNode tree = base.deepCopy();
        int edits = data.consumeInt(1, 4);
        for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
            mutate(tree, data);
        }
        modelJson(JSON.writeValueAsBytes(tree));
    }

    private static void mutate(com.fasterxml.jackson.databind.JsonNode node, com.code_intelligence.jazzer.api.FuzzedDataProvider data) {
        com.fasterxml.jackson.databind.JsonNode parent = node;
        Object key = null;
        while (data.remainingBytes() > 0 && node.isContainerNode() && node.size() > 0 && data.consumeInt(0, 7) != 0) {
            parent = node;
            if (node.isObject()) {
                List<String> names = new java.util.ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                key = names.get(data.consumeInt(0, names.size() - 1));
                node = node.get((String) key);
            } else {
                key = data.consumeInt(0, node.size() - 1);
                node = node.get((Integer) key);
            }
        }
        if (key == null) {
            return;
        }
        com.fasterxml.jackson.databind.node.JsonNodeFactory f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        com.fasterxml.jackson.databind.JsonNode replacement = switch (data.consumeInt(0, 7)) {
            case 0 -> f.numberNode(data.pickValue(NUMBERS));
            case 1 -> f.numberNode(data.consumeInt());
            case 2 -> f.numberNode(data.consumeDouble());
            case 3 -> f.textNode(data.pickValue(WORDS));
            case 4 -> f.textNode(data.consumeString(20));
            case 5 -> f.arrayNode().add(data.pickValue(NUMBERS)).add(data.pickValue(NUMBERS));
            case 6 -> f.nullNode();
            default -> null; // remove
        };
        if (parent instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            if (replacement == null) {
                o.remove((String) key);
            } else {
                o.set((String) key, replacement);
            }
        } else if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            if (replacement == null) {
                a.remove((Integer) key);
            } else {
                a.set((Integer) key, replacement);
            }
        }
    }

    /** The seeds are valid models, so the fuzzer starts from inputs that reach every layer. */
    @Test
    void everySeedLoads() throws IOException {
        Path seeds = Path.of(System.getProperty("user.dir"), "src/test/resources/dev/vinfer/mobilenet/tfjs/TfjsFuzzTestInputs/modelJson");
        try (Stream<Path> files = Files.list(seeds)) {
            for (Path seed : files.toList()) {
                Files.copy(seed, modelJson, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                NetworkDefinition network = new TfjsLayersProvider().loadDefinition(dir);
                assertEquals(3, network.classCount(), seed.toString());
                assertEquals(5, network.layers().size(), seed + ": conv1, conv_dw_1, conv_pw_1, gap, conv_preds");
            }
        }
    }
}
