package dev.vinfer.api;

/**
 * Every error vinfer reports to an embedder for bad input or configuration. The message is one
 * line that names the problem (and the file, where there is one), fit to show a user as is.
 */
public class VinferException extends RuntimeException {

    public VinferException(String message) {
        super(message);
    }

    public VinferException(String message, Throwable cause) {
        super(message, cause);
    }
}
