package dev.vinfer.ops;

import dev.vinfer.tensor.TensorShape;

/**
 * A fully connected layer over each image's flattened NHWC features with a fused bias and clamp:
 * {@code [N, H, W, C] -> [N, 1, 1, outFeatures]} where {@code H*W*C == inFeatures}.
 *
 * @param name        the layer's name, for tables and errors
 * @param inFeatures  input features, {@code H*W*C}
 * @param outFeatures output features
 * @param clamp       the fused activation
 * @param weights {@code [outFeatures][inFeatures]} (PyTorch's {@code Linear} layout)
 * @param bias        {@code [outFeatures]}
 */
public record Dense(String name, int inFeatures, int outFeatures, Clamp clamp, float[] weights, float[] bias)
        implements LayerSpec {

    /**
     * Checks the sizes against the arrays.
     *
     * @throws IllegalArgumentException naming the layer when they disagree
     */
    public Dense {
        Convolution.require(inFeatures > 0 && outFeatures > 0, name, "feature counts must be positive");
        Convolution.require(weights.length == (long) inFeatures * outFeatures, name,
                "weights hold " + weights.length + " floats, expected " + outFeatures + "x" + inFeatures);
        Convolution.require(bias.length == outFeatures, name, "bias holds " + bias.length + " floats, expected " + outFeatures);
    }

    @Override
    public TensorShape outputShape(TensorShape in) {
        Convolution.require(in.imageSize() == inFeatures, name, "expects " + inFeatures + " features per image, got input " + in);
        return new TensorShape(in.n(), 1, 1, outFeatures);
    }

    @Override
    public long multiplyAdds(TensorShape in) {
        return (long) in.n() * inFeatures * outFeatures;
    }

    @Override
    public long parameterCount() {
        return (long) weights.length + bias.length;
    }

    @Override
    public String describe() {
        return "dense" + (clamp.isIdentity() ? "" : " " + clamp);
    }
}
