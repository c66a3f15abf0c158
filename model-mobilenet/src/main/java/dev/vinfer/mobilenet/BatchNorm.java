package dev.vinfer.mobilenet;

/**
 * Inference-time BatchNorm parameters of one layer:
 * {@code y = gamma * (x - mean) / sqrt(variance + epsilon) + beta}, per channel.
 *
 * @param gamma    the scale per channel
 * @param beta     the shift per channel
 * @param mean     the running mean per channel
 * @param variance the running variance per channel
 * @param epsilon  added to the variance
 */
public record BatchNorm(float[] gamma, float[] beta, float[] mean, float[] variance, double epsilon) {

    /**
     * Checks the lengths and epsilon.
     *
     * @throws IllegalArgumentException when the vectors differ in length or epsilon is negative or NaN
     */
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

    /** {@return the number of channels} */
    public int channels() {
        return gamma.length;
    }
}
