package dev.vinfer.ops;

import dev.vinfer.tensor.TensorShape;

/**
 * A backend-independent description of one layer, with its (already folded) weights. A model
 * provider turns a file into a chain of these; a {@link dev.vinfer.spi.Backend} turns each into a
 * prepared operator. Specs validate themselves when built, never per inference.
 */
public sealed interface LayerSpec permits Convolution, GlobalAveragePool, Dense, Softmax {

    /** A short name for tables and errors, e.g. {@code conv_pw_3}. */
    String name();

    /** Output shape for an input shape; throws {@link IllegalArgumentException} if the input does not fit. */
    TensorShape outputShape(TensorShape input);

    /** Multiply-adds for one pass over {@code input} (all batch elements). */
    long multiplyAdds(TensorShape input);

    /** Number of learned parameters (weights and biases after folding). */
    long parameterCount();

    /** A human description of the operation, e.g. {@code conv 3x3/2 dw}. */
    String describe();
}
