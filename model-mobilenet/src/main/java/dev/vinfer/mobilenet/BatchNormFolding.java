package dev.vinfer.mobilenet;

/**
 * Folds a BatchNorm (and the convolution's own bias) into the convolution it follows, so inference
 * runs one fused kernel. With {@code s = gamma / sqrt(var + eps)}:
 * {@code w' = w * s[o]} and {@code b' = (b - mean) * s + beta}. Computed in double so folding adds
 * no error beyond the final rounding to float.
 */
public final class BatchNormFolding {
    private BatchNormFolding() {
    }

    /**
     * Weights and bias after folding.
     *
     * @param weights the folded weights, in the layout they came in
     * @param bias    the folded bias, one per output channel
     */
    public record Folded(float[] weights, float[] bias) {
    }

    /**
     * Folds BatchNorm into the convolution before it: {@code w' = w * s}, {@code b' = (b - mean) * s + beta}
     * with {@code s = gamma / sqrt(variance + epsilon)}, per output channel.
     *
     * @param weights  {@code [out][...]}: every output channel's weights contiguous (OHWI or OIHW alike)
     * @param convBias the convolution's bias, or {@code null} when it has none
     * @param bn       the BatchNorm that follows the convolution
     * @return new arrays; the inputs are left untouched
     */
    public static Folded fold(float[] weights, float[] convBias, BatchNorm bn) {
        int out = bn.channels();
        if (weights.length % out != 0) {
            throw new IllegalArgumentException("weights of " + weights.length + " floats do not split into " + out + " output channels");
        }
        if (convBias != null && convBias.length != out) {
            throw new IllegalArgumentException("conv bias has " + convBias.length + " values for " + out + " channels");
        }
        int perChannel = weights.length / out;
        float[] w = new float[weights.length];
        float[] b = new float[out];
        for (int o = 0; o < out; o++) {
            double scale = bn.gamma()[o] / Math.sqrt((double) bn.variance()[o] + bn.epsilon());
            for (int i = 0; i < perChannel; i++) {
                w[o * perChannel + i] = (float) (weights[o * perChannel + i] * scale);
            }
            double bias = convBias == null ? 0 : convBias[o];
            b[o] = (float) ((bias - bn.mean()[o]) * scale + bn.beta()[o]);
        }
        return new Folded(w, b);
    }
}
