package dev.vinfer.ops;

import dev.vinfer.tensor.TensorShape;

/**
 * Mean over height and width: {@code [N, H, W, C] -> [N, 1, 1, C]}.
 *
 * @param name the layer's name, for tables and errors
 */
public record GlobalAveragePool(String name) implements LayerSpec {

    @Override
    public TensorShape outputShape(TensorShape in) {
        return new TensorShape(in.n(), 1, 1, in.c());
    }

    @Override
    public long multiplyAdds(TensorShape in) {
        // Additions only; the MobileNet paper's multiply-add totals count convolutions and the
        // classifier, and so do we.
        return 0;
    }

    @Override
    public long parameterCount() {
        return 0;
    }

    @Override
    public String describe() {
        return "global avg pool";
    }
}
