package dev.vinfer.spi;

import dev.vinfer.api.VinferException;

import java.nio.file.Path;

/** A model file (or named model) that cannot be used; the message names it and the problem in one line. */
public class ModelLoadException extends VinferException {

    /**
     * A problem with a file.
     *
     * @param file    the model file
     * @param problem what is wrong, one line
     */
    public ModelLoadException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /**
     * A problem with a file, and its cause.
     *
     * @param file    the model file
     * @param problem what is wrong, one line
     * @param cause   the underlying failure
     */
    public ModelLoadException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }

    /**
     * A problem with a model named rather than read from a file, such as {@code builtin:mobilenet_v1_1.0_224}.
     *
     * @param name    the model's name
     * @param problem what is wrong, one line
     */
    public ModelLoadException(String name, String problem) {
        super(name + ": " + problem);
    }
}
