package dev.vinfer.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * What {@link VinferSpark} runs: the model, how many classes to keep, how many pictures go through
 * the network at once and how the model runs. Serializable: Spark ships it to every executor.
 *
 * @param modelPath a model file or directory that every executor can read at this path (a shared
 *                  mount, or a file shipped with {@code spark-submit --files}/{@code --archives})
 * @param topK      classes kept per picture, most probable first
 * @param batchSize pictures per forward pass within a partition
 * @param threads   intra-op threads of the executor's model; tasks already run in parallel, so 1
 *                  (the default) suits one task per core
 * @param backend   a backend name ({@code simd}, {@code scalar}), or null for the best usable one
 */
public record VinferSparkOptions(String modelPath, int topK, int batchSize, int threads, String backend)
        implements Serializable {
    public static final int DEFAULT_TOP_K = 5;
    public static final int DEFAULT_BATCH_SIZE = 8;
    public static final int MAX_BATCH_SIZE = 4096;
    public static final int MAX_THREADS = 256;

    public VinferSparkOptions {
        Objects.requireNonNull(modelPath, "modelPath");
        if (modelPath.isBlank()) {
            throw new IllegalArgumentException("the model path is empty");
        }
        if (topK < 1) {
            throw new IllegalArgumentException("top-k must be at least 1, got " + topK);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batch size must be between 1 and " + MAX_BATCH_SIZE + ", got " + batchSize);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be between 1 and " + MAX_THREADS + ", got " + threads);
        }
        if (backend != null && backend.isBlank()) {
            backend = null;
        }
    }

    /** Top 5, batches of 8, one thread per task, the best usable backend. */
    public static VinferSparkOptions of(String modelPath) {
        return new VinferSparkOptions(modelPath, DEFAULT_TOP_K, DEFAULT_BATCH_SIZE, 1, null);
    }

    public VinferSparkOptions withTopK(int k) {
        return new VinferSparkOptions(modelPath, k, batchSize, threads, backend);
    }

    public VinferSparkOptions withBatchSize(int size) {
        return new VinferSparkOptions(modelPath, topK, size, threads, backend);
    }

    public VinferSparkOptions withThreads(int count) {
        return new VinferSparkOptions(modelPath, topK, batchSize, count, backend);
    }

    public VinferSparkOptions withBackend(String name) {
        return new VinferSparkOptions(modelPath, topK, batchSize, threads, name);
    }

    /** What identifies a loaded model in an executor: two jobs with these equal share one model. */
    ExecutorModels.Key modelKey() {
        return new ExecutorModels.Key(modelPath, backend, threads);
    }
}
