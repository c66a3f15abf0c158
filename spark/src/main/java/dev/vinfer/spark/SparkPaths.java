package dev.vinfer.spark;

import java.nio.file.Path;

/** The {@code path} column of binaryFile rows holds Hadoop paths ({@code file:/a b/c.jpg}, unescaped). */
final class SparkPaths {
    private SparkPaths() {
    }

    /** The local file a {@code file:} row path names. */
    static Path toLocal(String sparkPath) {
        return Path.of(new org.apache.hadoop.fs.Path(sparkPath).toUri());
    }
}
