package dev.vinfer.example.plugin;

import dev.vinfer.graph.Graph;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.graph.Preprocessing;
import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.Dense;
import dev.vinfer.spi.ModelLoadException;
import dev.vinfer.spi.ModelProvider;
import dev.vinfer.tensor.TensorShape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A toy model format, {@code *.linear.txt}: a linear classifier over the pixels of a tiny image.
 * <pre>
 * linear H W C CLASSES
 * weights: CLASSES rows of H*W*C numbers
 * bias: one row of CLASSES numbers
 * </pre>
 */
public final class LinearTextModelProvider implements ModelProvider {

    @Override
    public String name() {
        return "linear-text";
    }

    @Override
    public String formatDescription() {
        return "*.linear.txt example classifiers";
    }

    @Override
    public boolean recognizes(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".linear.txt");
    }

    @Override
    public Graph load(Path path) throws IOException {
        List<String> lines = Files.readAllLines(path).stream().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.getFirst().startsWith("linear ")) {
            throw new ModelLoadException(path, "first line must be 'linear H W C CLASSES'");
        }
        float[] header = numbers(path, lines.getFirst().substring(7));
        if (header.length != 4) {
            throw new ModelLoadException(path, "first line must be 'linear H W C CLASSES'");
        }
        int[] dims = {(int) header[0], (int) header[1], (int) header[2], (int) header[3]};
        if (lines.size() != dims[3] + 2) {
            throw new ModelLoadException(path, "expected a header, " + dims[3] + " weight rows and a bias row");
        }
        int features = dims[0] * dims[1] * dims[2];
        float[] weights = new float[dims[3] * features];
        for (int c = 0; c < dims[3]; c++) {
            float[] row = numbers(path, lines.get(1 + c));
            if (row.length != features) {
                throw new ModelLoadException(path, "weight row " + c + " has " + row.length + " numbers, expected " + features);
            }
            System.arraycopy(row, 0, weights, c * features, features);
        }
        float[] bias = numbers(path, lines.getLast());
        Dense dense = new Dense("linear", features, dims[3], Clamp.NONE, weights, bias);
        return new NetworkDefinition(path.getFileName().toString(), TensorShape.image(dims[0], dims[1], dims[2]),
                List.of(dense), List.of(), Preprocessing.IMAGENET).toGraph();
    }

    private static float[] numbers(Path path, String line) {
        String[] parts = line.trim().split("\\s+");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Float.parseFloat(parts[i]);
            } catch (NumberFormatException e) {
                throw new ModelLoadException(path, "not a number: '" + parts[i] + "'");
            }
        }
        return values;
    }
}
