package dev.vinfer.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The photos in {@code ../shared/images} (the root pom passes the directory as
 * {@code vinfer.shared.dir}), read in place. A test that needs a missing file fails saying which,
 * or, with {@code -Dvinfer.allowMissingShared=true}, is reported as skipped. The photo names are
 * written here so that a missing directory still gives one failing (or skipped) case per photo.
 */
final class SharedImages {
    static final String ALLOW_MISSING = "vinfer.allowMissingShared";
    /** {@code images/original/}: see {@code ../shared/images/README.md}. */
    static final List<String> ORIGINALS = List.of("bird.png", "cat.png", "cat_2.png", "cat_3.png", "cat_720p.jpg",
            "dog_white_small.png", "grace_hopper.png", "hot_dog.jpg", "hotdog_2.png", "hotdog_3.png",
            "pets_dogs.jpg", "sunflower.png");

    private SharedImages() {
    }

    static Path dir() {
        return Path.of(System.getProperty("vinfer.shared.dir", "../shared")).resolve("images");
    }

    /** {@code relative} inside {@code shared/images}; fails (or skips, if allowed) when it is missing. */
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
}
