package dev.vinfer.ops;

import dev.vinfer.tensor.TensorShape;

/**
 * A backend-independent description of one layer, with its (already folded) weights. A model
 * provider turns a file into a chain of these; a {@link dev.vinfer.spi.Backend} turns each into a
 * prepared operator. Specs validate themselves when built, never per inference.
 */
public sealed interface LayerSpec permits Convolution, GlobalAveragePool, Pooling, Dense, Softmax {

    /** {@return a short name for tables and errors, e.g. {@code conv_pw_3}} */
    String name();

    /**
     * {@return the output shape for an input shape}
     *
     * @param input the input shape, batch included
     * @throws IllegalArgumentException if the input does not fit
     */
    TensorShape outputShape(TensorShape input);

    /**
     * {@return the multiply-adds of one pass over {@code input} (all batch elements)}
     *
     * @param input the input shape, batch included
     */
    long multiplyAdds(TensorShape input);

    /** {@return the number of learned parameters (weights and biases after folding)} */
    long parameterCount();

    /** {@return a human description of the operation, e.g. {@code conv 3x3/2 dw}} */
    String describe();
}
