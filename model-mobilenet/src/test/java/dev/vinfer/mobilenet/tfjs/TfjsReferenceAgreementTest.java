package dev.vinfer.mobilenet.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Prediction;
import dev.vinfer.api.Vinfer;
import dev.vinfer.image.ImageLoader;
import dev.vinfer.image.ImagePreprocessor;
import dev.vinfer.image.RgbImage;
import dev.vinfer.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both real Keras MobileNets, read from their TF.js files, against the independent float64
 * references on every 224x224 reference input, fed through our image pipeline (no resize happens).
 * Tolerances are those PROVENANCE.md suggests: a float32 pass lands within 3e-5 of the references.
 */
class TfjsReferenceAgreementTest {
    static final float LOGIT_TOLERANCE = 1e-3f;
    static final double PROBABILITY_TOLERANCE = 1e-4;

    private static final Map<String, Model> MODELS = new ConcurrentHashMap<>();

    static Stream<Arguments> cases() {
        return Stream.of(SharedData.KERAS_025, SharedData.KERAS_075).flatMap(model ->
                SharedData.photos().stream().map(photo -> Arguments.of(model, SharedData.input224(photo))));
    }

    @AfterAll
    static void closeModels() {
        MODELS.values().forEach(Model::close);
        MODELS.clear();
    }

    static Model model(String name) {
        return MODELS.computeIfAbsent(name, n ->
                Vinfer.load(SharedData.model(n), ModelOptions.defaults().withBackend("scalar").withThreads(2)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void matchesTheFloat64Reference(String modelName, String image) {
        JsonNode reference = SharedData.referenceImages().stream()
                .filter(i -> i.path("input_224").asText().equals(image)).findFirst().orElseThrow()
                .path("models").path(modelName);
        Model model = model(modelName);
        ImagePreprocessor preprocessor = ImagePreprocessor.forModel(model);
        Tensor input = preprocessor.toTensor(new ImageLoader().load(SharedData.require(image)));
        Prediction p = model.predict(input);

        double[] expectedLogits = new double[reference.path("logits").size()];
        for (int i = 0; i < expectedLogits.length; i++) {
            expectedLogits[i] = reference.path("logits").get(i).asDouble();
        }
        assertEquals(expectedLogits.length, p.classCount());
        float[] logits = p.logits(0);
        float[] probabilities = p.probabilities(0);
        double[] expectedProbabilities = softmax(expectedLogits);
        double worstLogit = 0;
        double worstProbability = 0;
        for (int i = 0; i < logits.length; i++) {
            worstLogit = Math.max(worstLogit, Math.abs(logits[i] - expectedLogits[i]));
            worstProbability = Math.max(worstProbability, Math.abs(probabilities[i] - expectedProbabilities[i]));
        }
        assertTrue(worstLogit <= LOGIT_TOLERANCE, "max |logit diff| " + worstLogit);
        assertTrue(worstProbability <= PROBABILITY_TOLERANCE, "max |probability diff| " + worstProbability);

        JsonNode top1 = reference.path("top5").get(0);
        assertEquals(top1.path("index").asInt(), p.topK(0, 1).getFirst().index(), "top-1");
        assertEquals(top1.path("label").asText(), p.topK(0, 1).getFirst().label(), "top-1 label");
        assertEquals(top1.path("prob").asDouble(), p.topK(0, 1).getFirst().probability(), PROBABILITY_TOLERANCE, "top-1 probability");
    }

    /** All reference inputs as one batch: every row agrees with its image's reference. */
    @Test
    void batchOfAllInputsMatches() {
        Model model = model(SharedData.KERAS_025);
        List<JsonNode> images = SharedData.referenceImages();
        ImageLoader loader = new ImageLoader();
        List<RgbImage> pictures = images.stream()
                .map(i -> loader.load(SharedData.require(i.path("input_224").asText()))).toList();
        Prediction p = model.predict(ImagePreprocessor.forModel(model).toTensor(pictures));
        assertEquals(images.size(), p.batchSize());
        for (int b = 0; b < images.size(); b++) {
            JsonNode expected = images.get(b).path("models").path(SharedData.KERAS_025).path("logits");
            float[] logits = p.logits(b);
            for (int i = 0; i < logits.length; i++) {
                assertEquals(expected.get(i).asDouble(), logits[i], LOGIT_TOLERANCE, "image " + b + " logit " + i);
            }
        }
    }

    static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
