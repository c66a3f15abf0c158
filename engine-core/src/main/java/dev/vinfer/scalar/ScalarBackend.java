package dev.vinfer.scalar;

import dev.vinfer.ops.Convolution;
import dev.vinfer.ops.Dense;
import dev.vinfer.ops.GlobalAveragePool;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.ops.Pooling;
import dev.vinfer.ops.Softmax;
import dev.vinfer.spi.Backend;
import dev.vinfer.spi.BackendAvailability;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.TensorShape;

import java.util.Optional;

/**
 * The reference backend: plain loops in the most obvious order, the ground truth every other
 * backend is tested against. Always usable, lowest priority, and it has a kernel for every layer.
 */
public final class ScalarBackend implements Backend {
    /** The name that selects this backend. */
    public static final String NAME = "scalar";

    /** Made by {@link java.util.ServiceLoader}. */
    public ScalarBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "plain Java loops; the reference every other backend is tested against";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public BackendAvailability availability() {
        return BackendAvailability.usable("runs on any JVM");
    }

    @Override
    public Optional<PreparedLayer> prepare(LayerSpec spec, TensorShape imageShape) {
        return Optional.of(prepareLayer(spec, imageShape));
    }

    /**
     * The reference kernel of any layer; other backends' tests and fallbacks call this directly.
     *
     * @param spec       the layer
     * @param imageShape the input shape of one image
     * @return the prepared scalar kernel
     */
    public static PreparedLayer prepareLayer(LayerSpec spec, TensorShape imageShape) {
        spec.outputShape(imageShape); // validates the input shape once, at load
        return switch (spec) {
            case Convolution conv -> new ScalarConvolution(conv);
            case GlobalAveragePool pool -> new ScalarGlobalAveragePool(pool);
            case Pooling pool -> new ScalarPooling(pool);
            case Dense dense -> new ScalarDense(dense);
            case Softmax softmax -> new ScalarSoftmax(softmax);
        };
    }
}
