package dev.vinfer.spi;

import dev.vinfer.api.VinferException;

import java.nio.file.Path;

/** A model file that cannot be used; the message names the file and the problem in one line. */
public class ModelLoadException extends VinferException {

    public ModelLoadException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public ModelLoadException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
