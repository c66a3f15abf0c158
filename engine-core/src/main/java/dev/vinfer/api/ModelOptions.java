package dev.vinfer.api;

/**
 * How to run a model.
 *
 * @param backend a backend name, or {@code null} to let the engine choose the best usable one (the
 *                {@code vinfer.backend} system property is honoured when this is null)
 * @param threads intra-op threads, including the caller's; 0 means one per available processor
 * @param graphPasses whether the engine's graph passes (folds and fusions) run; turning them off is
 *                    for debugging a suspected pass bug, as the results must be the same
 */
public record ModelOptions(String backend, int threads, boolean graphPasses) {
    /** More threads than this is certainly a mistake, not a wish. */
    public static final int MAX_THREADS = 1024;

    /**
     * Checks the thread count.
     *
     * @throws VinferException when {@code threads} is negative or over {@link #MAX_THREADS}
     */
    public ModelOptions {
        if (threads < 0 || threads > MAX_THREADS) {
            throw new VinferException("thread count must be between 1 and " + MAX_THREADS + " (or 0 for automatic), got " + threads);
        }
    }

    /**
     * Options with the graph passes on.
     *
     * @param backend a backend name, or {@code null} for the best usable one
     * @param threads intra-op threads including the caller's; 0 for one per available processor
     */
    public ModelOptions(String backend, int threads) {
        this(backend, threads, true);
    }

    /** {@return the best usable backend and one thread per available processor} */
    public static ModelOptions defaults() {
        return new ModelOptions(null, 0);
    }

    /**
     * {@return these options with backend {@code name}}
     *
     * @param name a backend name, or {@code null} for the best usable one
     */
    public ModelOptions withBackend(String name) {
        return new ModelOptions(name, threads, graphPasses);
    }

    /**
     * {@return these options with {@code count} intra-op threads}
     *
     * @param count threads including the caller's; 0 for one per available processor
     */
    public ModelOptions withThreads(int count) {
        return new ModelOptions(backend, count, graphPasses);
    }

    /** {@return these options with the graph passes off (each node planned as the file has it)} */
    public ModelOptions withoutGraphPasses() {
        return new ModelOptions(backend, threads, false);
    }

    /** {@return the thread count actually used} */
    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
