package dev.vinfer.mobilenet.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vinfer.io.UntrustedText;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Class names of a TF.js model: the text file named by {@code config.json}'s {@code labels} (one per
 * line), else the {@code labels} array of the {@code metadata.json} that TF.js models ship beside
 * {@code model.json}, else none. The count must equal the model's class count.
 */
final class LabelReader {
    static final String METADATA = "metadata.json";
    /** 100,000 classes of 160 bytes each; a larger labels file is not one. */
    static final long MAX_LABELS_BYTES = 16L << 20;

    private LabelReader() {
    }

    static List<String> read(ModelFiles files, DirectoryConfig config, ObjectMapper json, int classes) throws IOException {
        String source;
        List<String> labels;
        if (config.labelsFile() != null) {
            source = config.labelsFile();
            Path file = files.resolve(source, "labels file");
            if (Files.size(file) > MAX_LABELS_BYTES) {
                throw files.fail("labels file " + UntrustedText.quote(source) + " is larger than " + (MAX_LABELS_BYTES >> 20) + " MB");
            }
            try {
                labels = textFile(file);
            } catch (CharacterCodingException e) {
                throw files.fail("labels file " + UntrustedText.quote(source) + " is not UTF-8 text");
            }
        } else if (Files.exists(files.sibling(METADATA))) {
            source = METADATA;
            labels = metadata(files, json);
        } else {
            return List.of();
        }
        if (!labels.isEmpty() && labels.size() != classes) {
            throw files.fail(source + " has " + labels.size() + " labels, but the model has " + classes + " classes");
        }
        return labels;
    }

    private static List<String> textFile(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        while (!lines.isEmpty() && lines.getLast().isBlank()) {
            lines.removeLast(); // a trailing newline is not a class
        }
        return lines;
    }

    private static List<String> metadata(ModelFiles files, ObjectMapper json) throws IOException {
        Path file = files.resolve(METADATA, METADATA);
        if (Files.size(file) > MAX_LABELS_BYTES) {
            throw files.fail(METADATA + " is larger than " + (MAX_LABELS_BYTES >> 20) + " MB");
        }
        JsonNode root;
        try {
            root = json.readTree(file.toFile());
        } catch (IOException e) {
            throw files.fail(METADATA + " is not valid JSON: " + DirectoryConfig.firstLine(e.getMessage()));
        }
        JsonNode labels = root == null ? null : root.get("labels");
        if (labels == null || labels.isNull()) {
            return List.of();
        }
        if (!labels.isArray()) {
            throw files.fail(METADATA + ": labels must be an array of strings");
        }
        List<String> out = new ArrayList<>(labels.size());
        for (JsonNode label : labels) {
            if (!label.isTextual()) {
                throw files.fail(METADATA + ": labels must be an array of strings, found " + label);
            }
            out.add(label.asText());
        }
        return out;
    }
}
