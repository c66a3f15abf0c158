package dev.vinfer.api;

/**
 * Every error vinfer reports to an embedder for bad input or configuration. The message is one
 * line that names the problem (and the file, where there is one), fit to show a user as is.
 */
public class VinferException extends RuntimeException {

    /**
     * An error with its message.
     *
     * @param message one line naming the problem (and the file)
     */
    public VinferException(String message) {
        super(message);
    }

    /**
     * An error with its message and cause.
     *
     * @param message one line naming the problem (and the file)
     * @param cause   the underlying failure, for {@code --verbose} and logs
     */
    public VinferException(String message, Throwable cause) {
        super(message, cause);
    }
}
