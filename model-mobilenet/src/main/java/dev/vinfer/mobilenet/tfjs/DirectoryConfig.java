package dev.vinfer.mobilenet.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vinfer.graph.Preprocessing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * The optional {@code config.json} beside {@code model.json}, for what a TF.js layers model does not
 * say itself. Every key is optional; an unknown key is an error, so a typo is not silently ignored.
 * <pre>{@code
 * {
 *   "labels": "labels.txt",                                 // one class name per line, in the model directory
 *   "preprocessing": {"mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]},   // x = (pixel/255 - mean) / std
 *   "inputSize": [224, 224]                                 // [height, width], or one int for a square
 * }
 * }</pre>
 *
 * @param labelsFile    relative name of a labels text file, or null
 * @param preprocessing the model's pixel normalisation, or null for the default
 * @param inputSize     {@code {height, width}}, or null to use the topology's batch_input_shape
 */
record DirectoryConfig(String labelsFile, Preprocessing preprocessing, int[] inputSize) {
    static final String FILE_NAME = "config.json";
    static final long MAX_BYTES = 1L << 20;
    private static final Set<String> KEYS = Set.of("labels", "preprocessing", "inputSize");
    private static final DirectoryConfig NONE = new DirectoryConfig(null, null, null);

    static DirectoryConfig read(ModelFiles files, ObjectMapper json) throws IOException {
        Path file = files.sibling(FILE_NAME);
        if (!Files.exists(file)) {
            return NONE;
        }
        Path real = files.resolve(FILE_NAME, FILE_NAME);
        if (Files.size(real) > MAX_BYTES) {
            throw files.fail(FILE_NAME + " is larger than " + (MAX_BYTES >> 10) + " KB; it holds three small settings");
        }
        JsonNode root;
        try {
            root = json.readTree(real.toFile());
        } catch (IOException e) {
            throw files.fail(FILE_NAME + " is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw files.fail(FILE_NAME + " must hold a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw files.fail(FILE_NAME + ": unknown key " + dev.vinfer.io.UntrustedText.quote(key) + " (known: labels, preprocessing, inputSize)");
            }
        }
        return new DirectoryConfig(labels(root, files), preprocessing(root, files), inputSize(root, files));
    }

    private static String labels(JsonNode root, ModelFiles files) {
        JsonNode v = root.get("labels");
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw files.fail(FILE_NAME + ": labels must be the name of a text file, is " + v);
        }
        return v.asText();
    }

    private static Preprocessing preprocessing(JsonNode root, ModelFiles files) {
        JsonNode v = root.get("preprocessing");
        if (v == null) {
            return null;
        }
        float[] mean = three(v.get("mean"), "preprocessing.mean", files);
        float[] std = three(v.get("std"), "preprocessing.std", files);
        try {
            return new Preprocessing(mean, std);
        } catch (IllegalArgumentException e) {
            throw files.fail(FILE_NAME + ": " + e.getMessage());
        }
    }

    private static float[] three(JsonNode v, String key, ModelFiles files) {
        if (v == null || !v.isArray() || v.size() != 3) {
            throw files.fail(FILE_NAME + ": " + key + " must be 3 numbers (R, G, B), is " + v);
        }
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) {
            if (!v.get(i).isNumber()) {
                throw files.fail(FILE_NAME + ": " + key + " must be 3 numbers (R, G, B), is " + v);
            }
            out[i] = (float) v.get(i).asDouble();
        }
        return out;
    }

    private static int[] inputSize(JsonNode root, ModelFiles files) {
        JsonNode v = root.get("inputSize");
        if (v == null) {
            return null;
        }
        int[] size;
        if (v.isIntegralNumber()) {
            size = new int[] {v.asInt(), v.asInt()};
        } else if (v.isArray() && v.size() == 2 && v.get(0).isIntegralNumber() && v.get(1).isIntegralNumber()) {
            size = new int[] {v.get(0).asInt(), v.get(1).asInt()};
        } else {
            throw files.fail(FILE_NAME + ": inputSize must be [height, width] or one int, is " + v);
        }
        if (size[0] < 1 || size[1] < 1 || size[0] > 16384 || size[1] > 16384) {
            throw files.fail(FILE_NAME + ": inputSize must be between 1 and 16384, is " + v);
        }
        return size;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
