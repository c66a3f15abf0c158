package dev.vinfer.mobilenet;

/**
 * Inference-time BatchNorm parameters of one layer:
 * {@code y = gamma * (x - mean) / sqrt(variance + epsilon) + beta}, per channel.
 */
public record BatchNorm(float[] gamma, float[] beta, float[] mean, float[] variance, double epsilon) {

    public BatchNorm {
        int c = gamma.length;
        if (beta.length != c || mean.length != c || variance.length != c) {
            throw new IllegalArgumentException("BatchNorm vectors differ in length: gamma " + c + ", beta " + beta.length
                    + ", mean " + mean.length + ", variance " + variance.length);
        }
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("BatchNorm epsilon must be >= 0, got " + epsilon);
        }
    }

    public int channels() {
        return gamma.length;
    }
}
