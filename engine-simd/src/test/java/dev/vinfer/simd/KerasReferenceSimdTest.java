package dev.vinfer.simd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vinfer.api.ClassScore;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Prediction;
import dev.vinfer.api.Vinfer;
import dev.vinfer.image.ImageLoader;
import dev.vinfer.image.ImagePreprocessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SIMD backend against the outside truth, not only against the scalar kernels: Google's Keras
 * MobileNets 0.25 and 0.75 (TF.js files) on every 224x224 reference input, against the float64
 * logits and top-1 of {@code models/reference_outputs.json}, with model-mobilenet's
 * TfjsReferenceAgreementTest tolerances; and the full-size photos' top-1 within the classes
 * {@code images/README.md} accepts. Runs at each vector width this module is tested at.
 */
class KerasReferenceSimdTest {
    static final float LOGIT_TOLERANCE = 1e-3f;

    private static final Map<String, Model> MODELS = new ConcurrentHashMap<>();

    static Stream<Arguments> cases() {
        return Stream.of(SharedTestData.KERAS_025, SharedTestData.KERAS_075)
                .flatMap(model -> SharedTestData.PHOTOS.stream().map(photo -> Arguments.of(model, photo)));
    }

    /** Loaded by the first case that needs it, so a missing model fails (or skips) each case. */
    static Model model(String name) {
        return MODELS.computeIfAbsent(name, n -> {
            Model model = Vinfer.load(SharedTestData.require("models/" + n), ModelOptions.defaults().withBackend("simd").withThreads(2));
            assertEquals(List.of("simd"), model.layerBackends().stream().distinct().toList(), "every layer on SIMD kernels");
            return model;
        });
    }

    @AfterAll
    static void closeModels() {
        MODELS.values().forEach(Model::close);
        MODELS.clear();
    }

    @ParameterizedTest(name = "{0} on 224/{1}")
    @MethodSource("cases")
    void matchesTheFloat64Reference(String modelName, String photo) {
        JsonNode reference = SharedTestData.reference(photo).path("models").path(modelName);
        Model model = model(modelName);
        String input = "images/224/" + photo.replaceAll("\\.jpg$", ".png");
        Prediction p = model.predict(ImagePreprocessor.forModel(model)
                .toTensor(new ImageLoader().load(SharedTestData.require(input))));
        List<Double> expected = SharedTestData.doubles(reference.path("logits"));
        float[] logits = p.logits(0);
        assertEquals(expected.size(), logits.length);
        double worst = 0;
        for (int i = 0; i < logits.length; i++) {
            worst = Math.max(worst, Math.abs(logits[i] - expected.get(i)));
        }
        assertTrue(worst <= LOGIT_TOLERANCE, "max |logit diff| " + worst + " > " + LOGIT_TOLERANCE);
        JsonNode top1 = reference.path("top5").get(0);
        ClassScore ours = p.topK(0, 1).getFirst();
        assertEquals(top1.path("index").asInt(), ours.index(), "top-1");
        assertEquals(top1.path("label").asText(), ours.label(), "top-1 label");
    }

    @ParameterizedTest(name = "{0} on original/{1}")
    @MethodSource("cases")
    void fullSizePhotoTopOneIsAnAcceptedClass(String modelName, String photo) {
        Set<Integer> accepted = SharedTestData.acceptedIndices(SharedTestData.reference(photo));
        Model model = model(modelName);
        ClassScore top = model.predict(ImagePreprocessor.forModel(model)
                .toTensor(new ImageLoader().load(SharedTestData.require("images/original/" + photo)))).topK(0, 1).getFirst();
        assertTrue(accepted.contains(top.index()), photo + ": top-1 " + top.index() + " " + top.label()
                + " (" + top.probability() + ") is not in " + accepted);
    }
}
