package dev.vinfer.spark;

import dev.vinfer.api.ClassScore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batching without Spark: a batch gives each picture what it gets alone, and a bad picture spoils nothing. */
class BatchClassifierTest {

    @Test
    void aBatchGivesEveryPictureItsOwnScoresOnEveryBackend() throws IOException {
        List<BatchClassifier.EncodedImage> photos = new ArrayList<>();
        for (String name : List.of("bird.png", "cat_720p.jpg", "hot_dog.jpg", "sunflower.png", "grace_hopper.png")) {
            photos.add(new BatchClassifier.EncodedImage(name, Files.readAllBytes(TestData.photos().resolve(name))));
        }
        for (String backend : List.of("scalar", "simd")) {
            ExecutorModels.Loaded model = ExecutorModels.get(new ExecutorModels.Key(TestData.seedModel().toString(), backend, 2));
            BatchClassifier classifier = new BatchClassifier(model, 10);
            List<Classification> batched = classifier.classify(photos);
            for (int i = 0; i < photos.size(); i++) {
                Classification alone = classifier.classify(List.of(photos.get(i))).getFirst();
                assertEquals(photos.get(i).path(), batched.get(i).path());
                assertEquals(alone.top(), batched.get(i).top(), backend + ": " + photos.get(i).path());
            }
        }
    }

    @Test
    void aBrokenPictureBecomesAnErrorAndTheRestRunInOrder() throws IOException {
        byte[] bird = Files.readAllBytes(TestData.photos().resolve("bird.png"));
        byte[] jpeg = Files.readAllBytes(TestData.photos().resolve("hot_dog.jpg"));
        BatchClassifier classifier = new BatchClassifier(
                ExecutorModels.get(new ExecutorModels.Key(TestData.seedModel().toString(), null, 1)), 3);
        List<Classification> results = classifier.classify(List.of(
                new BatchClassifier.EncodedImage("a.png", bird),
                new BatchClassifier.EncodedImage("cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 3)),
                new BatchClassifier.EncodedImage("empty.png", new byte[0]),
                new BatchClassifier.EncodedImage("null.png", null),
                new BatchClassifier.EncodedImage("b.png", bird)));
        assertEquals(List.of("a.png", "cut.jpg", "empty.png", "null.png", "b.png"), results.stream().map(Classification::path).toList());
        assertTrue(results.get(1).error().startsWith("cut.jpg: damaged"), results.get(1).error());
        assertTrue(results.get(2).error().startsWith("empty.png: empty file"), results.get(2).error());
        assertTrue(results.get(3).error().startsWith("null.png: no content"), results.get(3).error());
        for (int i : new int[] {1, 2, 3}) {
            assertNull(results.get(i).top());
        }
        List<ClassScore> top = results.getFirst().top();
        assertEquals(3, top.size());
        assertNull(results.getFirst().error());
        assertEquals(top, results.get(4).top());
    }

    @Test
    void topKBeyondTheClassesIsRefusedUpFront() {
        ExecutorModels.Loaded model = ExecutorModels.get(new ExecutorModels.Key(TestData.seedModel().toString(), null, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchClassifier(model, 11));
        assertEquals("top-k 11 is more than the model's 10 classes", e.getMessage());
    }
}
