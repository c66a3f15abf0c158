package dev.vinfer.cli;

import dev.vinfer.api.VinferException;
import dev.vinfer.graph.NetworkDefinition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code --labels FILE}: one class name per line, as many lines as the model has classes. */
final class LabelFiles {
    private LabelFiles() {
    }

    static NetworkDefinition apply(NetworkDefinition def, Path file) {
        List<String> labels;
        try {
            labels = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).toList();
        } catch (IOException e) {
            throw new VinferException(file + ": cannot read labels: " + e.getMessage());
        }
        // A trailing empty line is common and harmless.
        if (!labels.isEmpty() && labels.getLast().isEmpty()) {
            labels = labels.subList(0, labels.size() - 1);
        }
        if (labels.size() != def.classCount()) {
            throw new VinferException(file + ": has " + labels.size() + " labels but the model has " + def.classCount() + " classes");
        }
        return def.withLabels(labels);
    }
}
