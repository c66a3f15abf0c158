package dev.vinfer.spark.launcher;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Local pictures as binaryFile-like rows ({@code path}, {@code content}), read on the executors.
 * Spark's own file listing silently drops names starting with {@code _} or {@code .} even when
 * named explicitly (camera files such as {@code _DSC0001.JPG}), so the launcher lists files itself,
 * as {@code vinfer classify} does, and only distributes the reading. Paths are written the way
 * binaryFile writes them ({@code file:/dir/a b.jpg}).
 */
final class LocalFileRows {
    static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("content", DataTypes.BinaryType, true);
    /** Files per task: small enough to spread work over the cores, large enough to amortise a task. */
    private static final int FILES_PER_PARTITION = 64;

    private LocalFileRows() {
    }

    static Dataset<Row> of(SparkSession spark, List<Path> files) {
        List<String> paths = files.stream().map(f -> new org.apache.hadoop.fs.Path(f.toUri()).toString()).toList();
        int parallelism = spark.sparkContext().defaultParallelism();
        int slices = Math.max(1, Math.min(paths.size(), Math.max(parallelism, (paths.size() + FILES_PER_PARTITION - 1) / FILES_PER_PARTITION)));
        Dataset<String> names = spark.createDataset(
                JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(paths, slices).rdd(), Encoders.STRING());
        return names.mapPartitions(new ReadFiles(), Encoders.row(SCHEMA));
    }

    /** Reads each file when its row is pulled, so a task holds one batch of pictures at a time. */
    private static final class ReadFiles implements MapPartitionsFunction<String, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Row> call(Iterator<String> paths) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return paths.hasNext();
                }

                @Override
                public Row next() {
                    String path = paths.next();
                    byte[] content;
                    try {
                        content = Files.readAllBytes(Path.of(new org.apache.hadoop.fs.Path(path).toUri()));
                    } catch (IOException | RuntimeException e) {
                        content = null; // the row becomes an error row: "could not be read"
                    }
                    return RowFactory.create(path, content);
                }
            };
        }
    }
}
