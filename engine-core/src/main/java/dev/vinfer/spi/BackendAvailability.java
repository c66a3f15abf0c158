package dev.vinfer.spi;

/**
 * Whether a backend can run here.
 *
 * @param usable whether the backend can run here
 * @param detail when usable, what it will use (e.g. {@code 512-bit vectors}); otherwise why not,
 *               including how to fix it where there is a fix
 */
public record BackendAvailability(boolean usable, String detail) {

    /**
     * {@return a usable verdict}
     *
     * @param detail what the backend will use, e.g. {@code 512-bit vectors}
     */
    public static BackendAvailability usable(String detail) {
        return new BackendAvailability(true, detail);
    }

    /**
     * {@return an unusable verdict}
     *
     * @param why why not, and how to fix it where there is a fix
     */
    public static BackendAvailability unusable(String why) {
        return new BackendAvailability(false, why);
    }
}
