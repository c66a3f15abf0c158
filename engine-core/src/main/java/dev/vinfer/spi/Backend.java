package dev.vinfer.spi;

import dev.vinfer.ops.LayerSpec;
import dev.vinfer.tensor.TensorShape;

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
}
