package dev.vinfer.simd;

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

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The real Keras models, photos and float64 references in {@code ../shared} (the root pom passes the
 * directory as {@code vinfer.shared.dir}), read in place. A test that needs a missing file fails
 * saying which, or, with {@code -Dvinfer.allowMissingShared=true}, is reported as skipped. The photo
 * names are written here so a missing directory still gives one failing (or skipped) case each.
 */
final class SharedTestData {
    static final String ALLOW_MISSING = "vinfer.allowMissingShared";
    static final String KERAS_025 = "mobilenet_v1_0.25_224_keras_tfjs";
    static final String KERAS_075 = "mobilenet_v1_0.75_224_keras_tfjs";
    /** {@code images/original/}, as {@code models/reference_outputs.json} lists them. */
    static final List<String> PHOTOS = List.of("bird.png", "cat.png", "cat_720p.jpg", "cat_2.png", "cat_3.png",
            "grace_hopper.png", "hot_dog.jpg", "hotdog_2.png", "hotdog_3.png", "dog_white_small.png",
            "pets_dogs.jpg", "sunflower.png");

    private static JsonNode references;

    private SharedTestData() {
    }

    /** {@code relative} inside the shared directory; fails (or skips, if allowed) when it is missing. */
    static Path require(String relative) {
        return require(Path.of(System.getProperty("vinfer.shared.dir", "../shared")).resolve(relative));
    }

    /** {@code path} (shared data or a repository fixture); fails (or skips, if allowed) when it is missing. */
    static Path require(Path path) {
        if (!Files.exists(path)) {
            String message = "test data missing: " + path.toAbsolutePath().normalize()
                    + " (point -Dvinfer.shared.dir at the shared directory, or set -D" + ALLOW_MISSING
                    + "=true to skip the tests that need it)";
            if (Boolean.getBoolean(ALLOW_MISSING)) {
                abort(message);
            }
            fail(message);
        }
        return path;
    }

    /** The entry of {@code reference_outputs.json} for {@code images/original/<photo>}. */
    static synchronized JsonNode reference(String photo) {
        if (references == null) {
            try {
                references = new ObjectMapper().readTree(require("models/reference_outputs.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (JsonNode image : references.path("images")) {
            if (image.path("image").asText().equals("images/original/" + photo)) {
                return image;
            }
        }
        throw new AssertionError(photo + " is not in reference_outputs.json");
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

    static List<Double> doubles(JsonNode array) {
        List<Double> out = new ArrayList<>(array.size());
        array.forEach(v -> out.add(v.asDouble()));
        return out;
    }
}
