package dev.vinfer.mobilenet.tfjs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The photo list written in SharedData is the one the shared data holds, so it cannot go stale. */
class SharedDataTest {
    @Test
    void thePhotoListMatchesTheReferencesAndTheDirectory() throws IOException {
        assertEquals(SharedData.photos(), SharedData.referenceImages().stream().map(i -> i.path("image").asText()).toList());
        try (Stream<Path> files = Files.list(SharedData.require("images/original"))) {
            assertEquals(SharedData.PHOTOS.stream().sorted().toList(),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(List.of("images/224/cat_720p.png"), List.of(SharedData.input224("images/original/cat_720p.jpg")));
    }
}
