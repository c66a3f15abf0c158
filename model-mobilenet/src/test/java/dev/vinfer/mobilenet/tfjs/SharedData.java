package dev.vinfer.mobilenet.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real models, photos and reference outputs in {@code ../shared}, read in place (the root pom
 * passes the directory as {@code vinfer.shared.dir}); never copied into the repository.
 */
final class SharedData {
    static final String KERAS_025 = "mobilenet_v1_0.25_224_keras_tfjs";
    static final String KERAS_075 = "mobilenet_v1_0.75_224_keras_tfjs";

    private static JsonNode references;

    private SharedData() {
    }

    static Path dir() {
        Path dir = Path.of(System.getProperty("vinfer.shared.dir", "../shared"));
        assumeTrue(Files.isDirectory(dir.resolve("models")), "shared test data not found at " + dir.toAbsolutePath());
        return dir;
    }

    static Path model(String name) {
        return dir().resolve("models").resolve(name);
    }

    /** {@code models/reference_outputs.json}: per image, per model, the float64 logits and top-5. */
    static synchronized JsonNode references() {
        if (references == null) {
            try {
                references = new ObjectMapper().readTree(dir().resolve("models/reference_outputs.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return references;
    }

    static List<JsonNode> referenceImages() {
        List<JsonNode> images = new ArrayList<>();
        references().path("images").forEach(images::add);
        return images;
    }

    /** {@code accepted_keras_indices}: a list of ints, or a string such as {@code "151-268 (any dog)"}. */
    static Set<Integer> acceptedIndices(JsonNode image) {
        JsonNode accepted = image.path("accepted_keras_indices");
        Set<Integer> out = new TreeSet<>();
        if (accepted.isArray()) {
            accepted.forEach(i -> out.add(i.asInt()));
        } else {
            String[] range = accepted.asText().split("\\s")[0].split("-");
            for (int i = Integer.parseInt(range[0]); i <= Integer.parseInt(range[1]); i++) {
                out.add(i);
            }
        }
        return out;
    }
}
