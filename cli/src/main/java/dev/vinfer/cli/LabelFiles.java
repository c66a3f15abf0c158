package dev.vinfer.cli;

import dev.vinfer.api.VinferException;
import dev.vinfer.api.Model;
import dev.vinfer.graph.Graph;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code --labels FILE}: one class name per line, as many lines as the model has classes. */
final class LabelFiles {
    /** 100,000 classes of 160 bytes each; anything larger is not a labels file. */
    static final long MAX_BYTES = 16L << 20;

    private LabelFiles() {
    }

    /** {@code graph} with the labels of {@code file}; {@link #check} compares their count with the model's classes. */
    static Graph apply(Graph graph, Path file) {
        OutputFiles.checkReadable(file, "a labels text file");
        List<String> labels;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new VinferException(file + ": " + Files.size(file) + " bytes is too large for a labels file (limit " + MAX_BYTES + ")");
            }
            labels = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).toList();
        } catch (CharacterCodingException e) {
            throw new VinferException(file + ": labels file is not UTF-8 text");
        } catch (IOException e) {
            throw new VinferException(file + ": cannot read labels: " + e.getMessage());
        }
        // A trailing empty line is common and harmless.
        if (!labels.isEmpty() && labels.getLast().isEmpty()) {
            labels = labels.subList(0, labels.size() - 1);
        }
        return graph.withMetadata(graph.metadata().withLabels(labels));
    }

    /** The class count is known once the model is planned: a labels file must name every class. */
    static void check(Model model, Path file) {
        if (file != null && model.labels().size() != model.classCount()) {
            throw new VinferException(file + ": has " + model.labels().size() + " labels but the model has " + model.classCount() + " classes");
        }
    }
}
