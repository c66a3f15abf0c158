package dev.vinfer.spark.launcher;

import dev.vinfer.api.VinferException;

/** Spark wraps task failures several levels deep and over many lines; users need the first line of the cause. */
final class Failures {
    private Failures() {
    }

    /** Our own message when a vinfer error is inside, else the innermost cause's first line. */
    static String oneLine(Throwable t) {
        Throwable innermost = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof VinferException) {
                return firstLine(c.getMessage());
            }
            innermost = c;
            if (c.getCause() == c) {
                break;
            }
        }
        String message = innermost.getMessage();
        return innermost.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
