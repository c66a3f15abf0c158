package dev.vinfer.spi;

import dev.vinfer.ops.LayerSpec;
import dev.vinfer.tensor.Tensor;

/**
 * A layer whose weights a backend has prepared. Immutable and shared by every thread that uses the
 * model; per-call state lives in the {@link BoundLayer}s made by {@link #bind}.
 */
public interface PreparedLayer {

    /** {@return the layer this was prepared from} */
    LayerSpec spec();

    /**
     * Binds the layer to the buffers of one inference session. Called once per session and batch
     * size, never per inference: allocate any per-worker scratch here.
     *
     * @param input   NHWC input view, shape already validated against {@link LayerSpec#outputShape}
     * @param output  NHWC output view of shape {@code spec().outputShape(input.shape())}
     * @param workers how many threads may call {@link BoundLayer#run} at once; worker indices are
     *                {@code 0 .. workers-1}
     * @return the layer's work on those buffers
     */
    BoundLayer bind(Tensor input, Tensor output, int workers);
}
