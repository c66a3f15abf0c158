package dev.vinfer.onnx;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vinfer.graph.Graph;
import dev.vinfer.graph.ModelMetadata;
import dev.vinfer.graph.Preprocessing;
import dev.vinfer.graph.ValueInfo;
import dev.vinfer.io.UntrustedText;
import dev.vinfer.onnx.proto.MalformedModelException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What an ONNX file does not say about itself: labels and, for an image model (first graph input
 * {@code [N, 3, H, W]}), how pixels become the input. Defaults: ImageNet mean/std (PyTorch's
 * convention, {@link Preprocessing#IMAGENET}) at the declared H when fixed, else 224; no labels.
 * An optional {@code config.json} beside the {@code .onnx} file overrides them, in the same form as
 * the TF.js provider's; every key is optional, an unknown key is an error:
 * <pre>{@code
 * {
 *   "labels": "labels.txt",                                 // one class name per line, beside the model
 *   "preprocessing": {"mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]},   // x = (pixel/255 - mean) / std
 *   "inputSize": 160                                        // or [160, 160]; ONNX image inputs are square here
 * }
 * }</pre>
 */
final class OnnxMetadata {
    static final String CONFIG = "config.json";
    private static final long MAX_CONFIG_BYTES = 1L << 20;
    private static final long MAX_LABELS_BYTES = 16L << 20;
    private static final int DEFAULT_SIZE = 224;
    /** Largest image side used for photos; a larger declared H is not a photo size (the default is used). */
    private static final int MAX_SIZE = 16384;
    private static final Set<String> KEYS = Set.of("labels", "preprocessing", "inputSize");

    private OnnxMetadata() {
    }

    /** The defaults for {@code graph}, no config read. */
    static ModelMetadata defaults(Graph graph) {
        ValueInfo image = imageInput(graph);
        if (image == null) {
            return ModelMetadata.NONE;
        }
        int h = image.dims()[2];
        return ModelMetadata.NONE.withPreprocessing(Preprocessing.IMAGENET, h > 0 && h <= MAX_SIZE ? h : DEFAULT_SIZE);
    }

    /** The defaults, overridden by the {@code config.json} beside {@code model} when there is one. */
    static ModelMetadata read(Path model, Graph graph) throws IOException {
        ModelMetadata metadata = defaults(graph);
        Path dir = model.toAbsolutePath().getParent();
        Path config = dir.resolve(CONFIG);
        if (!Files.exists(config)) {
            return metadata;
        }
        if (!Files.isRegularFile(config) || Files.size(config) > MAX_CONFIG_BYTES) {
            throw fail("is not a regular file of at most " + (MAX_CONFIG_BYTES >> 10) + " KB");
        }
        // Made here, not in a static field: a model without config.json never loads Jackson.
        ObjectMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        JsonNode root;
        try {
            root = json.readTree(config.toFile());
        } catch (IOException e) {
            throw fail("is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw fail("must hold a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw fail("unknown key " + UntrustedText.quote(key) + " (known: labels, preprocessing, inputSize)");
            }
        }
        Preprocessing preprocessing = preprocessing(root.get("preprocessing"));
        int size = inputSize(root.get("inputSize"));
        if (preprocessing != null || size > 0) {
            if (imageInput(graph) == null) {
                throw fail("sets preprocessing or inputSize, but the model's first input is not an image [N, 3, H, W]");
            }
            metadata = metadata.withPreprocessing(preprocessing != null ? preprocessing : metadata.preprocessing().orElseThrow(),
                    size > 0 ? size : metadata.imageSize());
        }
        JsonNode labels = root.get("labels");
        if (labels != null) {
            if (!labels.isTextual()) {
                throw fail("labels must be the name of a text file, is " + UntrustedText.excerpt(labels.toString()));
            }
            metadata = metadata.withLabels(labels(dir, labels.asText(), graph));
        }
        return metadata;
    }

    /** The first graph input if it is {@code [N, 3, H, W]} with H and W equal or unknown. */
    private static ValueInfo imageInput(Graph graph) {
        if (graph.inputs().isEmpty()) {
            return null;
        }
        ValueInfo first = graph.inputs().getFirst();
        int[] d = first.dims();
        return d != null && d.length == 4 && d[1] == 3 ? first : null;
    }

    private static Preprocessing preprocessing(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw fail("preprocessing must be an object with mean and std");
        }
        try {
            return new Preprocessing(three(v.get("mean"), "preprocessing.mean"), three(v.get("std"), "preprocessing.std"));
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
    }

    private static float[] three(JsonNode v, String key) {
        if (v == null || !v.isArray() || v.size() != 3) {
            throw fail(key + " must be 3 numbers (R, G, B)");
        }
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) {
            if (!v.get(i).isNumber()) {
                throw fail(key + " must be 3 numbers (R, G, B)");
            }
            out[i] = (float) v.get(i).asDouble();
        }
        return out;
    }

    private static int inputSize(JsonNode v) {
        if (v == null) {
            return 0;
        }
        long h;
        long w;
        if (v.isIntegralNumber()) {
            h = w = v.asLong();
        } else if (v.isArray() && v.size() == 2 && v.get(0).isIntegralNumber() && v.get(1).isIntegralNumber()) {
            h = v.get(0).asLong();
            w = v.get(1).asLong();
        } else {
            throw fail("inputSize must be one int or [height, width]");
        }
        if (h != w || h < 1 || h > MAX_SIZE) {
            throw fail("inputSize must be square, between 1 and 16384, is " + UntrustedText.excerpt(v.toString()));
        }
        return (int) h;
    }

    /** A labels text file inside the model's directory, one class per line; the count must fit the first output. */
    private static List<String> labels(Path dir, String name, Graph graph) throws IOException {
        String shown = UntrustedText.quote(name);
        if (name.isEmpty() || name.startsWith("/") || name.startsWith("\\") || name.contains(":")
                || List.of(name.split("[/\\\\]")).contains("..")) {
            throw fail("labels " + shown + " must be a relative path inside the model's directory");
        }
        Path file = dir.resolve(name).normalize();
        if (!Files.isRegularFile(file) || !file.toRealPath().startsWith(dir.toRealPath())) {
            throw fail("labels " + shown + " is not a file inside the model's directory");
        }
        if (Files.size(file) > MAX_LABELS_BYTES) {
            throw fail("labels " + shown + " is larger than " + (MAX_LABELS_BYTES >> 20) + " MB");
        }
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (CharacterCodingException e) {
            throw fail("labels " + shown + " is not UTF-8 text");
        }
        while (!lines.isEmpty() && lines.getLast().isBlank()) {
            lines.removeLast(); // a trailing newline is not a class
        }
        int[] out = graph.outputs().getFirst().dims();
        if (out != null && out.length == 2 && out[1] > 0 && out[1] != lines.size()) {
            throw fail("labels " + shown + " has " + lines.size() + " lines, but the model's output has " + out[1] + " classes");
        }
        return lines;
    }

    private static MalformedModelException fail(String problem) {
        return new MalformedModelException(CONFIG + " beside it: " + problem);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return UntrustedText.excerpt(nl < 0 ? message : message.substring(0, nl));
    }
}
