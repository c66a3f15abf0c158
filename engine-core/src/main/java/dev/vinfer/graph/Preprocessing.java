package dev.vinfer.graph;

import java.util.Arrays;

/**
 * How a model expects RGB pixels in {@code [0, 255]} to be turned into its input:
 * {@code x = (pixel / 255 - mean[c]) / std[c]}. Keras MobileNet's {@code x/127.5 - 1} is mean 0.5 and
 * std 0.5; PyTorch's ImageNet convention is the {@link #IMAGENET} default.
 *
 * @param mean the red, green and blue means, on the {@code [0, 1]} scale
 * @param std  the red, green and blue standard deviations, positive
 */
public record Preprocessing(float[] mean, float[] std) {
    /** PyTorch's ImageNet normalisation. */
    public static final Preprocessing IMAGENET = new Preprocessing(
            new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    /** Keras MobileNet's {@code x / 127.5 - 1}. */
    public static final Preprocessing MINUS_ONE_TO_ONE = new Preprocessing(
            new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});

    /**
     * Checks and copies the arrays.
     *
     * @throws IllegalArgumentException unless there are 3 means and 3 positive, finite stds
     */
    public Preprocessing {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("preprocessing needs 3 means and 3 stds (RGB)");
        }
        for (float s : std) {
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException("preprocessing std must be positive and finite, got " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** {@return a copy of the red, green and blue means} */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** {@return a copy of the red, green and blue standard deviations} */
    @Override
    public float[] std() {
        return std.clone();
    }

    @Override
    public String toString() {
        return "mean " + Arrays.toString(mean) + " std " + Arrays.toString(std);
    }
}
