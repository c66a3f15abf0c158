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

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The real models, photos and reference outputs in {@code ../shared}, read in place (the root pom
 * passes the directory as {@code vinfer.shared.dir}); never copied into the repository.
 *
 * <p>A test that needs a missing file fails, saying which file and how to point at the data, so the
 * tests cannot vanish quietly. With {@code -Dvinfer.allowMissingShared=true} it is reported as
 * skipped instead (surefire counts it). The photo list is written here, not read from the directory,
 * so that a missing directory still yields one failing (or skipped) case per photo.
 */
final class SharedData {
    static final String KERAS_025 = "mobilenet_v1_0.25_224_keras_tfjs";
    static final String KERAS_075 = "mobilenet_v1_0.75_224_keras_tfjs";
    static final String ALLOW_MISSING = "vinfer.allowMissingShared";

    /** {@code images/original/}, in the order of {@code reference_outputs.json} (checked by SharedDataTest). */
    static final List<String> PHOTOS = List.of("bird.png", "cat.png", "cat_720p.jpg", "cat_2.png", "cat_3.png",
            "grace_hopper.png", "hot_dog.jpg", "hotdog_2.png", "hotdog_3.png", "dog_white_small.png",
            "pets_dogs.jpg", "sunflower.png");

    private static JsonNode references;

    private SharedData() {
    }

    static Path dir() {
        return Path.of(System.getProperty("vinfer.shared.dir", "../shared"));
    }

    /** {@code relative} inside the shared directory; fails (or skips, if allowed) when it is missing. */
    static Path require(String relative) {
        Path path = dir().resolve(relative);
        if (!Files.exists(path)) {
            String message = "shared test data missing: " + path.toAbsolutePath().normalize()
                    + " (point -Dvinfer.shared.dir at the shared directory, or set -D" + ALLOW_MISSING
                    + "=true to skip the tests that need it)";
            if (Boolean.getBoolean(ALLOW_MISSING)) {
                abort(message);
            }
            fail(message);
        }
        return path;
    }

    static Path model(String name) {
        return require("models/" + name);
    }

    /** The full-size photos as paths relative to the shared directory ({@code images/original/...}). */
    static List<String> photos() {
        return PHOTOS.stream().map(name -> "images/original/" + name).toList();
    }

    /** The 224x224 model input Pillow made from {@code photo} ({@code images/224/...}, always PNG). */
    static String input224(String photo) {
        return photo.replace("images/original/", "images/224/").replaceAll("\\.jpg$", ".png");
    }

    /** The entry of {@code reference_outputs.json} for {@code photo} ({@code images/original/...}). */
    static JsonNode referenceImage(String photo) {
        return referenceImages().stream().filter(i -> i.path("image").asText().equals(photo)).findFirst()
                .orElseThrow(() -> new AssertionError(photo + " is not in reference_outputs.json"));
    }

    /** {@code models/reference_outputs.json}: per image, per model, the float64 logits and top-5. */
    static synchronized JsonNode references() {
        if (references == null) {
            try {
                references = new ObjectMapper().readTree(require("models/reference_outputs.json").toFile());
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
