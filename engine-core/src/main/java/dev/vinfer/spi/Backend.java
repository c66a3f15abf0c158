package dev.vinfer.spi;

import dev.vinfer.ops.LayerSpec;
import dev.vinfer.tensor.TensorShape;

import java.util.List;
import java.util.Optional;

/**
 * A set of layer kernels. Backends are discovered with {@link java.util.ServiceLoader}: a module
 * {@code provides dev.vinfer.spi.Backend with ...}. The engine asks each for its
 * {@link #availability()} and picks the usable one with the highest {@link #priority()} unless the
 * embedder names one.
 *
 * <p>Implementations must have a public no-argument constructor that never fails: do the
 * capability checks in {@link #availability()}, and touch nothing that might not exist on this JVM
 * (such as vector species) before those checks pass.
 */
public interface Backend {

    /** {@return the short unique name used by {@code --backend} and the API, e.g. {@code scalar}, {@code simd}} */
    String name();

    /** {@return one line for {@code vinfer backends}} */
    String description();

    /** {@return the rank when the engine picks automatically: higher wins; the scalar reference backend has 0} */
    int priority();

    /** {@return whether this backend can run on this JVM and CPU, and if not, why}; cheap, may be called often */
    BackendAvailability availability();

    /**
     * Prepares one layer: validate, repack weights into the layout the kernel streams, and return a
     * reusable operator. Called once per layer at model load.
     *
     * @param spec       the layer, backend-independent
     * @param imageShape the input shape of one image ({@code n == 1}); batches reuse the prepared layer
     * @return empty when this backend has no kernel for the layer: the engine then uses the scalar
     * reference kernel for it
     */
    Optional<PreparedLayer> prepare(LayerSpec spec, TensorShape imageShape);

    /**
     * Prepares consecutive layers as one fused step, or declines. The engine offers chains it may
     * fuse (today: a depthwise convolution followed by a pointwise one); a backend that accepts
     * returns one {@link PreparedLayer} whose {@link PreparedLayer#bind} reads the first layer's
     * input and writes the last layer's output, the intermediate activations never leaving the
     * kernel. Its {@link PreparedLayer#spec()} is the chain's last spec and its
     * {@link PreparedLayer#chain()} the whole chain. Its results must equal those of running the
     * layers one by one on this backend. Called once per chain at model load.
     *
     * @param chain      two or more consecutive layers, each one's output feeding the next
     * @param imageShape the input shape of the chain's first layer, one image
     * @return empty (the default) to have the layers prepared one by one with {@link #prepare}
     */
    default Optional<PreparedLayer> prepareChain(List<LayerSpec> chain, TensorShape imageShape) {
        return Optional.empty();
    }
}
