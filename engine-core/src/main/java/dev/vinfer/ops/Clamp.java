package dev.vinfer.ops;

/**
 * A fused activation expressed as clamp bounds applied when a kernel stores its result:
 * {@code out = min(max(x, min), max)}. ReLU is {@code [0, +inf)}, ReLU6 is {@code [0, 6]}.
 * Expressing every activation this way lets one kernel serve all three.
 *
 * @param name for messages and reports, e.g. {@code relu6}
 * @param min  the lower bound, or negative infinity
 * @param max  the upper bound, or positive infinity
 */
public record Clamp(String name, float min, float max) {
    /** No activation. */
    public static final Clamp NONE = new Clamp("none", Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
    /** ReLU: {@code [0, +inf)}. */
    public static final Clamp RELU = new Clamp("relu", 0f, Float.POSITIVE_INFINITY);
    /** ReLU6: {@code [0, 6]}. */
    public static final Clamp RELU6 = new Clamp("relu6", 0f, 6f);

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException when a bound is NaN or {@code min > max}
     */
    public Clamp {
        if (Float.isNaN(min) || Float.isNaN(max) || min > max) {
            throw new IllegalArgumentException("clamp bounds must satisfy min <= max, got [" + min + ", " + max + "]");
        }
    }

    /**
     * {@return {@code x} clamped to {@code [min, max]}}
     *
     * @param x a pre-activation value
     */
    public float apply(float x) {
        return Math.min(Math.max(x, min), max);
    }

    /** {@return whether this clamp changes nothing (no activation)} */
    public boolean isIdentity() {
        return min == Float.NEGATIVE_INFINITY && max == Float.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return name;
    }
}
