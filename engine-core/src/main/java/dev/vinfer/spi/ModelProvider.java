package dev.vinfer.spi;

import dev.vinfer.graph.Graph;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one model format. Providers are discovered with {@link java.util.ServiceLoader}
 * ({@code provides dev.vinfer.spi.ModelProvider with ...}); the engine asks each in turn whether it
 * {@link #recognizes} a path and loads with the first that does.
 */
public interface ModelProvider {

    /** Short name, e.g. {@code mobilenet-safetensors}. */
    String name();

    /** What paths this provider reads, for the error that lists supported formats. */
    String formatDescription();

    /** Cheap check (file name, a few magic bytes): does this provider read {@code path}? Must not throw. */
    boolean recognizes(Path path);

    /**
     * Reads and validates the model into the engine's graph. Importers translate, nothing more: the
     * engine's passes fold BatchNorm, fuse activations and resolve padding when it plans.
     *
     * @throws ModelLoadException with a one-line message naming the file and the problem
     */
    Graph load(Path path) throws ModelLoadException, IOException;
}
