package dev.vinfer.mobilenet.tfjs;

import dev.vinfer.api.ClassScore;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.image.ImageLoader;
import dev.vinfer.image.ImagePreprocessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end on the full-size photos (JPEG and PNG, 512x340 to 1280x720): decode, centre crop,
 * resize, normalise, run the 0.75 Keras model; the top-1 must be one of the classes
 * {@code images/README.md} accepts for that photo.
 */
class OriginalPhotosTest {
    private static Model model;
    private static ImagePreprocessor preprocessor;

    /** Loaded by the first case, not in @BeforeAll: a missing model must fail (or skip) each case, not hide them. */
    private static synchronized Model model() {
        if (model == null) {
            model = Vinfer.load(SharedData.model(SharedData.KERAS_075), ModelOptions.defaults().withBackend("scalar").withThreads(2));
            preprocessor = ImagePreprocessor.forModel(model);
        }
        return model;
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    static Stream<String> photos() {
        return SharedData.photos().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("photos")
    void topOneIsAnAcceptedClass(String photo) {
        Set<Integer> accepted = SharedData.acceptedIndices(SharedData.referenceImage(photo));
        Model model = model();
        ClassScore top = model.predict(preprocessor.toTensor(new ImageLoader().load(SharedData.require(photo))))
                .topK(0, 1).getFirst();
        assertTrue(accepted.contains(top.index()), photo + ": top-1 " + top.index() + " " + top.label()
                + " (" + top.probability() + ") is not in " + accepted);
    }
}
