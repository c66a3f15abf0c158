package dev.vinfer.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.StructType;

import java.util.List;
import java.util.Set;

/**
 * Image classification on Apache Spark with vinfer. Pictures are decoded, preprocessed and
 * classified on the executors; each executor JVM loads the model once and shares it between its
 * tasks.
 *
 * <pre>{@code
 * Dataset<Row> files = spark.read().format("binaryFile").load("/photos");
 * Dataset<Row> labels = VinferSpark.classify(files, VinferSparkOptions.of("/models/mobilenet"));
 * labels.write().json("/out");   // path, top[index, label, probability], error
 * }</pre>
 */
public final class VinferSpark {
    /** The name {@link #registerFunction} gives the SQL function. */
    public static final String FUNCTION_NAME = "vinfer_classify";

    private VinferSpark() {
    }

    /**
     * Classifies the rows of {@code spark.read().format("binaryFile")} (columns {@code path} and
     * {@code content}; others are ignored). Returns one row per input row: {@code path},
     * {@code top} (array of {@code index}, {@code label}, {@code probability}, most probable first)
     * and {@code error}. A picture that cannot be decoded gets {@code top = null} and a one-line
     * {@code error}; the job goes on. Inference runs in batches of {@code options.batchSize()}
     * within each partition. Note that Spark's file listing skips names starting with {@code _} or
     * {@code .} (such as cameras' {@code _DSC0001.JPG}); the launcher lists local files itself for
     * that reason.
     *
     * @throws IllegalArgumentException when {@code files} lacks {@code path} or {@code content}
     */
    public static Dataset<Row> classify(Dataset<Row> files, VinferSparkOptions options) {
        Set<String> columns = Set.of(files.columns());
        for (String needed : List.of("path", "content")) {
            if (!columns.contains(needed)) {
                throw new IllegalArgumentException("the files dataset has no '" + needed
                        + "' column; read it with spark.read().format(\"binaryFile\")");
            }
        }
        return files.select("path", "content")
                .mapPartitions(new ClassifyPartition(options), Encoders.row(ResultRows.RESULT));
    }

    /**
     * Registers the SQL function {@value #FUNCTION_NAME}{@code (content)}, returning a struct of
     * {@code top} and {@code error} for one picture's bytes, e.g.
     * {@code SELECT path, vinfer_classify(content).top FROM files}. It runs one picture per call
     * (Spark UDFs see one row at a time); {@link #classify} batches and is faster.
     */
    public static void registerFunction(SparkSession spark, VinferSparkOptions options) {
        spark.udf().register(FUNCTION_NAME, new ClassifyContent(options), ResultRows.OUTCOME);
    }

    /** The {@value #FUNCTION_NAME} function: one picture's bytes in, its outcome struct out. */
    private static final class ClassifyContent implements UDF1<byte[], Row> {
        private static final long serialVersionUID = 1L;
        private final VinferSparkOptions options;

        ClassifyContent(VinferSparkOptions options) {
            this.options = options;
        }

        @Override
        public Row call(byte[] content) {
            BatchClassifier classifier = new BatchClassifier(ExecutorModels.get(options.modelKey()), options.topK());
            // The function sees bytes only, so errors name the function, not a file.
            BatchClassifier.EncodedImage image = new BatchClassifier.EncodedImage(FUNCTION_NAME + "(content)", content);
            return ResultRows.outcome(classifier.classify(List.of(image)).getFirst());
        }
    }

    /** The schema {@link #classify} returns. */
    public static StructType resultSchema() {
        return ResultRows.RESULT;
    }
}
