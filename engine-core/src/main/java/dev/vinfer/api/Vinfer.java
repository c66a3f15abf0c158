package dev.vinfer.api;

import dev.vinfer.graph.Graph;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.io.UntrustedText;
import dev.vinfer.runtime.BackendRegistry;
import dev.vinfer.runtime.CompiledModel;
import dev.vinfer.runtime.ModelRegistry;
import dev.vinfer.spi.Backend;
import dev.vinfer.spi.ModelProvider;

import java.nio.file.Path;
import java.util.List;

/**
 * The embedder's entry point.
 *
 * <pre>{@code
 * try (Model model = Vinfer.load(Path.of("resnet18.onnx"), ModelOptions.defaults().withThreads(2))) {
 *     NdArray logits = model.run(NdArray.wrap(new int[] {1, 3, 224, 224}, pixels)); // any graph, NCHW
 *     Prediction p = model.predict(Tensor.fromNchw(1, 3, 224, 224, pixels));       // image classifiers
 *     ClassScore best = p.topK(0, 1).getFirst();
 * }
 * }</pre>
 */
public final class Vinfer {
    private Vinfer() {
    }

    /**
     * Loads a model with the best usable backend and one thread per processor.
     *
     * @param path a model file or directory
     * @return the compiled model; close it when done
     * @throws VinferException with a one-line message when the file cannot be used
     */
    public static Model load(Path path) {
        return load(path, ModelOptions.defaults());
    }

    /**
     * Loads a model: the first {@link ModelProvider} that recognises {@code path} reads it into a graph,
     * the engine's passes fold and fuse it, and the chosen backend prepares every layer.
     *
     * @param path    a model file or directory
     * @param options the backend and thread count
     * @return the compiled model; close it when done
     * @throws VinferException with a one-line message naming the file when it cannot be used
     */
    public static Model load(Path path, ModelOptions options) {
        return load(path.toString(), options);
    }

    /**
     * Loads a model by name or path: {@code builtin:mobilenet_v1_1.0_224} (a model a provider builds
     * without a file, see {@link ModelProvider#recognizesName}) or a file or directory path.
     *
     * @param nameOrPath a {@code builtin:} name, or a model file or directory
     * @param options    the backend and thread count
     * @return the compiled model; close it when done
     * @throws VinferException with a one-line message when the name or file cannot be used
     */
    public static Model load(String nameOrPath, ModelOptions options) {
        Graph graph = ModelRegistry.load(nameOrPath);
        try {
            return compile(graph, options);
        } catch (VinferException e) {
            throw new VinferException(UntrustedText.name(nameOrPath) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Compiles a graph that was built in code (or read by hand) into a runnable model: the passes run,
     * and the graph is planned once for its declared input size when that is known.
     *
     * @param graph   the model
     * @param options the backend, thread count and whether the graph passes run
     * @return the compiled model; close it when done
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

    /**
     * Compiles a chain of layers (the MobileNet builders' form) into a runnable model.
     *
     * @param network the layers, input shape, labels and preprocessing
     * @param options the backend and thread count
     * @return the compiled model; close it when done
     */
    public static Model compile(NetworkDefinition network, ModelOptions options) {
        return compile(network.toGraph(), options);
    }

    /**
     * Reads a model file into the engine's graph, without compiling it.
     *
     * @param path a model file or directory
     * @return the graph the file describes, before the engine's passes
     */
    public static Graph read(Path path) {
        return ModelRegistry.load(path);
    }

    /**
     * Reads a model by name ({@code builtin:...}) or path into its graph, without compiling it.
     *
     * @param nameOrPath a {@code builtin:} name, or a model file or directory
     * @return the graph it names, before the engine's passes
     */
    public static Graph read(String nameOrPath) {
        return ModelRegistry.load(nameOrPath);
    }

    /** {@return every backend found, with whether it can run here} */
    public static List<BackendInfo> backends() {
        return BackendRegistry.describeAll();
    }

    /** {@return every model format provider found} */
    public static List<ModelProvider> modelProviders() {
        return ModelRegistry.discover();
    }
}
