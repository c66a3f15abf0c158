package dev.vinfer.spi;

import dev.vinfer.ops.LayerSpec;
import dev.vinfer.tensor.Tensor;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A layer whose weights a backend has prepared. Immutable and shared by every thread that uses the
 * model; per-call state lives in the {@link BoundLayer}s made by {@link #bind}.
 */
public interface PreparedLayer {

    /** {@return the layer this was prepared from; for a fused step (see {@link Backend#prepareChain}) the last layer of its chain} */
    LayerSpec spec();

    /**
     * {@return the layers this step computes, input to output: just {@link #spec()}, or a fused chain
     * ({@link Backend#prepareChain})} Profiles use it to name the step and count its work.
     */
    default List<LayerSpec> chain() {
        return List.of(spec());
    }

    /** {@return a short name for profiles and errors: the layer's name, or the chain's names joined by {@code +}} */
    default String describe() {
        return chain().stream().map(LayerSpec::name).collect(Collectors.joining("+"));
    }

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
