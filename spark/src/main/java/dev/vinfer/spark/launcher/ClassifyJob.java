package dev.vinfer.spark.launcher;

import dev.vinfer.spark.VinferSpark;
import dev.vinfer.spark.VinferSparkOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

/** The Spark side of {@code vinfer-spark classify}: read the pictures, classify, write, count. */
final class ClassifyJob {
    /** What the summary line reports. */
    record Outcome(long files, long failures, double jobSeconds) {
    }

    private ClassifyJob() {
    }

    static Outcome run(SparkSession spark, InputFiles inputs, VinferSparkOptions options, String output, String format) {
        Dataset<Row> files = read(spark, inputs);
        long start = System.nanoTime();
        VinferSpark.classify(files, options).write().mode(SaveMode.ErrorIfExists)
                .option("ignoreNullFields", "false") // JSON: every row has path, top and error
                .format(format).save(output);
        double seconds = (System.nanoTime() - start) / 1e9;
        // Counting what was written costs a small read of the results, not a second pass over the pictures.
        Row counts = spark.read().schema(VinferSpark.resultSchema()).format(format).load(output)
                .agg(count(lit(1)), count(col("error"))).first();
        return new Outcome(counts.getLong(0), counts.getLong(1), seconds);
    }

    private static Dataset<Row> read(SparkSession spark, InputFiles inputs) {
        Dataset<Row> all = null;
        if (!inputs.localFiles().isEmpty()) {
            all = LocalFileRows.of(spark, inputs.localFiles());
        }
        if (!inputs.remote().isEmpty()) {
            Dataset<Row> remote = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
                    .option("pathGlobFilter", InputFiles.REMOTE_GLOB).load(inputs.remote().toArray(String[]::new));
            remote = remote.select("path", "content");
            all = all == null ? remote : all.unionByName(remote);
        }
        if (all == null) {
            throw new IllegalStateException("no inputs"); // InputFiles.expand refuses this case
        }
        return all.select("path", "content");
    }

}
