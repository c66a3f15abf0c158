package dev.vinfer.cli;

import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.graph.Graph;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The options every model-running command shares: --model, --backend, --threads. A picocli mixin:
 * a command declares {@code @Mixin ModelOpening model;} and calls {@link #open}.
 */
public final class ModelOpening {
    public static final int MAX_THREADS = 256;

    @Option(names = "--model", paramLabel = "PATH", required = true, converter = OptionValues.PathValue.class,
            description = "model file or directory (e.g. a TF.js model folder)")
    Path model;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "backend to run on (see 'vinfer backends'); default: the best usable one")
    String backend;

    @Option(names = "--threads", paramLabel = "N", converter = OptionValues.Threads.class,
            description = "intra-op threads, 1.." + MAX_THREADS + "; default: one per available processor")
    Integer threads;

    /** The thread count when --threads is not given; 0: the engine's default. */
    private int defaultThreads;

    /**
     * Sets the thread count used when {@code --threads} is not given (a command's own default).
     *
     * @param threads a count, or 0 for the engine's default (one per processor)
     * @return this
     */
    ModelOpening withDefaultThreads(int threads) {
        this.defaultThreads = threads;
        return this;
    }

    /** The --model path as given. */
    public Path path() {
        return model;
    }

    ModelOptions options() {
        return ModelOptions.defaults()
                .withBackend(backend)
                .withThreads(threads == null ? defaultThreads : threads);
    }

    /** Reads --model, lets the caller adapt the graph (e.g. its labels), compiles it. */
    public Model open(UnaryOperator<Graph> adapt) {
        Graph graph = adapt.apply(Vinfer.read(model));
        try {
            return Vinfer.compile(graph, options());
        } catch (dev.vinfer.api.VinferException e) {
            throw new dev.vinfer.api.VinferException(model + ": " + e.getMessage(), e);
        }
    }

    /** Reads and compiles --model as it is. */
    public Model open() {
        return open(g -> g);
    }
}
