package dev.vinfer.spark;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared photos and models, read from {@code ../shared}; a missing one fails the test, naming it. */
final class TestData {
    private TestData() {
    }

    static Path shared() {
        return Path.of(System.getProperty("vinfer.shared.dir", "../../shared"));
    }

    static Path photos() {
        return existing(shared().resolve("images/original"));
    }

    /** Google's Keras MobileNet V1 0.25 as TF.js: the smallest real ImageNet model we have. */
    static Path kerasMobileNet025() {
        return existing(shared().resolve("models/mobilenet_v1_0.25_224_keras_tfjs"));
    }

    /** A tiny seed MobileNet (width 0.25, 10 classes, 224x224) from model-mobilenet's fixtures. */
    static Path seedModel() {
        return existing(Path.of("../model-mobilenet/src/test/resources/fixtures/seed/seed_a025_c10_224_b2.safetensors"));
    }

    private static Path existing(Path path) {
        assertTrue(Files.exists(path), "test data missing: " + path.toAbsolutePath().normalize()
                + " (the shared models and photos live in ../shared beside the repository)");
        return path;
    }
}
