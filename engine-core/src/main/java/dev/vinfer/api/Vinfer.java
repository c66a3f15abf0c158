package dev.vinfer.api;

import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.runtime.BackendRegistry;
import dev.vinfer.runtime.CompiledNetwork;
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
     * Loads a model: the first {@link ModelProvider} that recognises {@code path} reads it, then the
     * chosen backend prepares every layer.
     *
     * @param path    a model file or directory
     * @param options the backend and thread count
     * @return the compiled model; close it when done
     * @throws VinferException with a one-line message when the file cannot be used
     */
    public static Model load(Path path, ModelOptions options) {
        return compile(ModelRegistry.load(path), options);
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
        return compile(ModelRegistry.load(nameOrPath), options);
    }

    /**
     * Compiles a network that was built in code (or read by hand) into a runnable model.
     *
     * @param network the layers, input shape, labels and preprocessing
     * @param options the backend and thread count
     * @return the compiled model; close it when done
     */
    public static Model compile(NetworkDefinition network, ModelOptions options) {
        Backend backend = BackendRegistry.select(options.backend());
        return new Model(CompiledNetwork.compile(network, backend), options.effectiveThreads());
    }

    /**
     * Reads a model file into its backend-independent definition, without compiling it.
     *
     * @param path a model file or directory
     * @return the network the file describes
     */
    public static NetworkDefinition read(Path path) {
        return ModelRegistry.load(path);
    }

    /**
     * Reads a model by name ({@code builtin:...}) or path into its definition, without compiling it.
     *
     * @param nameOrPath a {@code builtin:} name, or a model file or directory
     * @return the network it names
     */
    public static NetworkDefinition read(String nameOrPath) {
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
