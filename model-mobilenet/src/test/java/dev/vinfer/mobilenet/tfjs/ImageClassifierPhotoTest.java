package dev.vinfer.mobilenet.tfjs;

import dev.vinfer.api.ClassScore;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.image.ImageClassifier;
import dev.vinfer.image.ImageLoader;
import dev.vinfer.image.ImagePreprocessor;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ImageClassifier, the users' short path, on the real Keras model and photos: the same labels and
 * scores as the explicit pipeline (load, preprocess with the model's own settings, predict), from a
 * file, a stream, a decoded image and a batch, and the photos' expected classes.
 */
class ImageClassifierPhotoTest {
    @Test
    void classifiesPhotosLikeTheExplicitPipeline() throws IOException {
        Path bird = SharedData.require("images/original/bird.png");
        Path hotDog = SharedData.require("images/original/hot_dog.jpg");
        try (Model model = Vinfer.load(SharedData.model(SharedData.KERAS_075), ModelOptions.defaults().withBackend("scalar").withThreads(2))) {
            ImageClassifier classifier = new ImageClassifier(model);
            List<ClassScore> fromFile = classifier.classify(bird);
            assertEquals(5, fromFile.size());
            assertEquals(19, fromFile.getFirst().index());
            assertEquals("chickadee", fromFile.getFirst().label());
            // reference_outputs.json: 0.75 Keras gives chickadee 0.986 on the 224x224 input of this photo.
            assertEquals(SharedData.referenceImage("images/original/bird.png").path("models").path(SharedData.KERAS_075)
                    .path("top5").get(0).path("prob").asDouble(), fromFile.getFirst().probability(), 1e-3);

            List<ClassScore> explicit = model.predict(ImagePreprocessor.forModel(model)
                    .toTensor(new ImageLoader().load(bird))).topK(0, 5);
            assertEquals(explicit, fromFile, "the classifier preprocesses exactly as the pipeline does");
            try (InputStream in = Files.newInputStream(bird)) {
                assertEquals(explicit, classifier.classify(in));
            }
            assertEquals(explicit, classifier.classify(ImageIO.read(bird.toFile())));

            List<List<ClassScore>> batch = classifier.withTopK(1).classifyFiles(List.of(hotDog, bird));
            assertEquals(934, batch.get(0).getFirst().index(), "hot_dog.jpg: " + batch.get(0));
            assertEquals(explicit.getFirst().index(), batch.get(1).getFirst().index());
            assertEquals(explicit.getFirst().probability(), batch.get(1).getFirst().probability(), 1e-5,
                    "a batch row equals the single run");
        }
    }
}
