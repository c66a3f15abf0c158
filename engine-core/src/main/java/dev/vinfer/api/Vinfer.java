package dev.vinfer.api;

import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.runtime.BackendRegistry;
import dev.vinfer.runtime.CompiledModel;
import dev.vinfer.graph.Graph;
import dev.vinfer.io.UntrustedText;
import dev.vinfer.runtime.ModelRegistry;
import dev.vinfer.spi.Backend;
import dev.vinfer.spi.ModelProvider;

import java.nio.file.Path;
import java.util.List;

/**
 * The embedder's entry point.
 *
 * <pre>{@code
 * try (Model model = Vinfer.load(Path.of("mobilenet.safetensors"), ModelOptions.defaults().withThreads(2))) {
 *     Prediction p = model.predict(Tensor.fromNchw(1, 3, 224, 224, pixels));
 *     ClassScore best = p.topK(0, 1).getFirst();
 * }
 * }</pre>
 */
public final class Vinfer {
    private Vinfer() {
    }

    /** Loads a model with the best usable backend and one thread per processor. */
    public static Model load(Path path) {
        return load(path, ModelOptions.defaults());
    }

    /**
     * Loads a model: the first {@link ModelProvider} that recognises {@code path} reads it, then the
     * chosen backend prepares every layer.
     *
     * @throws VinferException with a one-line message when the file cannot be used
     */
    public static Model load(Path path, ModelOptions options) {
        Graph graph = ModelRegistry.load(path);
        try {
            return compile(graph, options);
        } catch (VinferException e) {
            throw new VinferException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Compiles a graph that was built in code (or read by hand) into a runnable model: the passes run,
     * and the graph is planned once for its declared input size when that is known.
     *
     * @throws VinferException naming the node when the graph cannot run
     */
    public static Model compile(Graph graph, ModelOptions options) {
        Backend backend = BackendRegistry.select(options.backend());
        try {
            return new Model(CompiledModel.compile(graph, backend, options.graphPasses()), options.effectiveThreads());
        } catch (IllegalArgumentException e) {
            throw new VinferException(UntrustedText.excerpt(e.getMessage()), e);
        }
    }

    /** Compiles a chain of layers (the MobileNet builders' form) into a runnable model. */
    public static Model compile(NetworkDefinition network, ModelOptions options) {
        return compile(network.toGraph(), options);
    }

    /** Reads a model file into the engine's graph, without compiling it. */
    public static Graph read(Path path) {
        return ModelRegistry.load(path);
    }

    /** Every backend found, with whether it can run here. */
    public static List<BackendInfo> backends() {
        return BackendRegistry.describeAll();
    }

    /** Every model format provider found. */
    public static List<ModelProvider> modelProviders() {
        return ModelRegistry.discover();
    }
}
