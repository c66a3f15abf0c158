package dev.vinfer.spi;

import dev.vinfer.graph.Graph;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one model format. Providers are discovered with {@link java.util.ServiceLoader}
 * ({@code provides dev.vinfer.spi.ModelProvider with ...}); the engine asks each in turn whether it
 * {@link #recognizes} a path and loads with the first that does.
 *
 * <p>A provider may also build models that are not files, named by a string such as
 * {@code builtin:mobilenet_v1_1.0_224}: it then overrides {@link #recognizesName},
 * {@link #loadNamed} and {@link #namedModels}. The engine asks for a name only when no file of that
 * name exists.
 */
public interface ModelProvider {

    /** {@return a short name, e.g. {@code mobilenet-safetensors}} */
    String name();

    /** {@return what paths this provider reads, for the error that lists supported formats} */
    String formatDescription();

    /**
     * Cheap check (file name, a few magic bytes): does this provider read {@code path}? Must not throw.
     *
     * @param path a file or directory that exists
     * @return whether {@link #load} should be asked to read it
     */
    boolean recognizes(Path path);

    /**
     * Reads and validates the model into the engine's graph. Importers translate, nothing more: the
     * engine's passes fold BatchNorm, fuse activations and resolve padding when it plans.
     *
     * @param path a file or directory this provider recognised
     * @return the model's graph, ready to compile
     * @throws IOException when the file cannot be read
     * @throws ModelLoadException with a one-line message naming the file and the problem
     */
    Graph load(Path path) throws ModelLoadException, IOException;

    /**
     * Cheap check: does this provider build the model called {@code name}, which is not a file
     * (for example {@code builtin:mobilenet_v1_1.0_224})? Recognise a whole family (a prefix) and
     * let {@link #loadNamed} explain what is wrong with a malformed member. Must not throw.
     *
     * @param name a model name that is not an existing file
     * @return whether {@link #loadNamed} should be asked to build it
     */
    default boolean recognizesName(String name) {
        return false;
    }

    /**
     * Builds the model called {@code name}, which {@link #recognizesName} accepted.
     *
     * @param name the model's name
     * @return the model's graph, ready to compile
     * @throws ModelLoadException with a one-line message naming {@code name} and the problem
     */
    default Graph loadNamed(String name) throws ModelLoadException {
        throw new ModelLoadException(name, "model provider " + name() + " builds no named models");
    }

    /** {@return the names this provider builds, for the error listing them (e.g. {@code builtin:NAME_<width>_<size>}); empty if none} */
    default String namedModels() {
        return "";
    }
}
