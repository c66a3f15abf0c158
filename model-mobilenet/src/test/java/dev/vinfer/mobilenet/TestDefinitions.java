package dev.vinfer.mobilenet;

import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.mobilenet.tfjs.TfjsLayersProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Reads a model as the providers' layer chain, for tests that look at the layers themselves. */
public final class TestDefinitions {
    private TestDefinitions() {
    }

    public static NetworkDefinition read(Path path) {
        try {
            return path.toString().endsWith(".safetensors") ? new SeedCheckpointProvider().loadDefinition(path)
                    : new TfjsLayersProvider().loadDefinition(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
