package dev.vinfer.spi;

import dev.vinfer.api.VinferException;

import java.nio.file.Path;

/** A model file (or named model) that cannot be used; the message names it and the problem in one line. */
public class ModelLoadException extends VinferException {

    public ModelLoadException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public ModelLoadException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }

    /** For a model named rather than read from a file, such as {@code builtin:mobilenet_v1_1.0_224}. */
    public ModelLoadException(String name, String problem) {
        super(name + ": " + problem);
    }
}
