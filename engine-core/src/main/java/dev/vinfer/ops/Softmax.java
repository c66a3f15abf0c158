package dev.vinfer.ops;

import dev.vinfer.tensor.TensorShape;

/**
 * Softmax over the channels of each pixel; on {@code [N, 1, 1, classes]} that is per image.
 *
 * @param name the layer's name, for tables and errors
 */
public record Softmax(String name) implements LayerSpec {

    @Override
    public TensorShape outputShape(TensorShape in) {
        return in;
    }

    @Override
    public long multiplyAdds(TensorShape in) {
        return 0;
    }

    @Override
    public long parameterCount() {
        return 0;
    }

    @Override
    public String describe() {
        return "softmax";
    }
}
