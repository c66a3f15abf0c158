package dev.vinfer.mobilenet.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vinfer.graph.Graph;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.graph.Preprocessing;
import dev.vinfer.spi.ModelLoadException;
import dev.vinfer.spi.ModelProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads a TensorFlow.js <em>layers</em> model: a {@code model.json} holding a Keras topology
 * ({@code modelTopology}) and a {@code weightsManifest} of float32 shards, such as Keras
 * Applications' MobileNet V1 converted by {@code tensorflowjs_converter}. The path may be the
 * directory or the {@code model.json} itself.
 *
 * <p>The network is built from the topology's own values (see {@link KerasChainBuilder} for the
 * layers and options read); weights are found by name; labels come from {@code metadata.json} or
 * {@code config.json} ({@link LabelReader}, {@link DirectoryConfig}). Keras MobileNet expects
 * {@code x / 127.5 - 1}, so that is the default preprocessing. TF.js <em>graph</em> models
 * (a GraphDef in {@code modelTopology}) are not read here.
 */
public final class TfjsLayersProvider implements ModelProvider {
    /** model.json files are small (the topology only); anything larger is not one. */
    private static final long MAX_MODEL_JSON_BYTES = 64L << 20;

    /** For {@link java.util.ServiceLoader}; holds no state. */
    public TfjsLayersProvider() {
    }

    /**
     * The JSON reader, made on first use: the engine instantiates every provider to find the one
     * for a path, and jackson-databind's set-up costs a cold JVM a few hundred milliseconds that a
     * safetensors or ONNX model never needs back.
     */
    private static final class Json {
        /** Duplicate keys would make a layer's option or a tensor ambiguous: refused, not last-one-wins. */
        static final ObjectMapper MAPPER = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    @Override
    public String name() {
        return "tfjs-layers";
    }

    @Override
    public String formatDescription() {
        return "a TensorFlow.js layers model (Keras topology + float32 weight shards): model.json or its directory";
    }

    @Override
    public boolean recognizes(Path path) {
        try {
            Path file = Files.isDirectory(path) ? path.resolve("model.json") : path;
            if (!Files.isRegularFile(file) || !file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                    || Files.size(file) > MAX_MODEL_JSON_BYTES) {
                return false;
            }
            JsonNode root;
            try {
                root = Json.MAPPER.readTree(file.toFile());
            } catch (IOException broken) {
                // A directory's model.json that does not parse is still meant as a TF.js model:
                // claim it, so that load() reports what is wrong with it rather than "unknown format".
                return file.getFileName().toString().equals("model.json");
            }
            return root != null && KerasTopology.looksLikeLayersModel(root);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Graph load(Path path) throws IOException {
        return loadDefinition(path).toGraph();
    }

    /**
     * {@return the model as a chain of folded layers (what {@link #load} turns into the engine's
     * graph)} Its convolutions with TensorFlow "same" padding keep that mode, so the graph runs at
     * any input size.
     *
     * @param path a directory holding {@code model.json}, or the {@code model.json} itself
     * @throws ModelLoadException naming the file, when the topology, the manifest or a weight does
     *                            not make a supported model
     * @throws IOException        when a file cannot be read
     */
    public NetworkDefinition loadDefinition(Path path) throws IOException {
        ModelFiles files = ModelFiles.locate(path);
        if (Files.size(files.modelJson()) > MAX_MODEL_JSON_BYTES) {
            throw files.fail("model.json is larger than " + (MAX_MODEL_JSON_BYTES >> 20) + " MB");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(files.modelJson().toFile());
        } catch (IOException e) {
            throw files.fail("not valid JSON: " + DirectoryConfig.firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject() || !root.has("modelTopology")) {
            throw files.fail("no modelTopology: not a TF.js model");
        }
        DirectoryConfig config = DirectoryConfig.read(files, Json.MAPPER);
        List<KerasLayer> chain = KerasTopology.chain(root, files);
        WeightStore weights = WeightStore.read(files, root.get("weightsManifest"));
        KerasChainBuilder.Result built;
        try {
            built = new KerasChainBuilder(weights, config.inputSize()).build(chain);
        } catch (IllegalArgumentException e) {
            // The engine's own specs validate themselves; report what they found against this file.
            throw files.fail(e.getMessage());
        }
        Preprocessing preprocessing = config.preprocessing() != null ? config.preprocessing() : Preprocessing.MINUS_ONE_TO_ONE;
        String name = KerasTopology.modelName(root);
        if (name.isEmpty()) {
            name = files.directory().getFileName().toString();
        }
        NetworkDefinition network;
        try {
            network = new NetworkDefinition(name, built.inputShape(), built.layers(), List.of(), preprocessing, false, built.paddingModes());
        } catch (IllegalArgumentException e) {
            throw files.fail(e.getMessage());
        }
        return network.withLabels(LabelReader.read(files, config, Json.MAPPER, network.classCount()));
    }
}
