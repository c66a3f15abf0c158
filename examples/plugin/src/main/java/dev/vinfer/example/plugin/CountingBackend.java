package dev.vinfer.example.plugin;

import dev.vinfer.ops.LayerSpec;
import dev.vinfer.ops.Softmax;
import dev.vinfer.scalar.ScalarBackend;
import dev.vinfer.spi.Backend;
import dev.vinfer.spi.BackendAvailability;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.TensorShape;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend that runs every layer but the softmax with the reference kernels and counts what it
 * prepared: enough to show a plugin is found, chosen by name, and partly left to the scalar fallback.
 * Its negative priority keeps it from ever being chosen automatically.
 */
public final class CountingBackend implements Backend {
    /** Layers prepared by any instance (ServiceLoader makes a new instance per lookup). */
    public static final AtomicInteger PREPARED = new AtomicInteger();

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public String description() {
        return "example plugin: reference kernels, counted";
    }

    @Override
    public int priority() {
        return -1;
    }

    @Override
    public BackendAvailability availability() {
        return BackendAvailability.usable("example plugin");
    }

    @Override
    public Optional<PreparedLayer> prepare(LayerSpec spec, TensorShape imageShape) {
        if (spec instanceof Softmax) {
            return Optional.empty(); // no kernel of our own: the engine falls back to scalar
        }
        PREPARED.incrementAndGet();
        return Optional.of(ScalarBackend.prepareLayer(spec, imageShape));
    }
}
