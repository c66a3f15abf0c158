package dev.vinfer.mobilenet.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** A writable copy of a shared TF.js model in a test's temporary directory, to mutate. */
final class ModelCopy {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final ObjectNode modelJson;

    private ModelCopy(Path dir) throws IOException {
        this.dir = dir;
        this.modelJson = (ObjectNode) JSON.readTree(dir.resolve("model.json").toFile());
    }

    static ModelCopy of(String sharedModel, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(SharedData.model(sharedModel))) {
            for (Path f : files.toList()) {
                Path copy = target.resolve(f.getFileName().toString());
                Files.copy(f, copy, StandardCopyOption.REPLACE_EXISTING);
                copy.toFile().setWritable(true); // the shared files are read-only
            }
        }
        return new ModelCopy(target);
    }

    /** Writes {@link #modelJson} back after a mutation. */
    ModelCopy save() throws IOException {
        JSON.writeValue(dir.resolve("model.json").toFile(), modelJson);
        return this;
    }

    ArrayNode manifest() {
        return (ArrayNode) modelJson.get("weightsManifest");
    }

    /** The manifest group holding tensor {@code name}. */
    ObjectNode groupOf(String tensor) {
        for (JsonNode group : manifest()) {
            for (JsonNode w : group.get("weights")) {
                if (w.get("name").asText().equals(tensor)) {
                    return (ObjectNode) group;
                }
            }
        }
        throw new IllegalArgumentException("no tensor " + tensor);
    }

    ArrayNode layers() {
        return (ArrayNode) modelJson.get("modelTopology").get("model_config").get("config").get("layers");
    }

    ObjectNode layer(String name) {
        for (JsonNode l : layers()) {
            if (l.get("name").asText().equals(name)) {
                return (ObjectNode) l;
            }
        }
        throw new IllegalArgumentException("no layer " + name);
    }

    ObjectNode layerConfig(String name) {
        return (ObjectNode) layer(name).get("config");
    }
}
