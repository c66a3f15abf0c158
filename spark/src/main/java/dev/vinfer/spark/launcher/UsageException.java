package dev.vinfer.spark.launcher;

/** A command line that makes no sense: one line on stderr, exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
