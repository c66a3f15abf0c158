package dev.vinfer.ops;

/**
 * A fused activation expressed as clamp bounds applied when a kernel stores its result:
 * {@code out = min(max(x, min), max)}. ReLU is {@code [0, +inf)}, ReLU6 is {@code [0, 6]}.
 * Expressing every activation this way lets one kernel serve all three.
 */
public record Clamp(String name, float min, float max) {
    public static final Clamp NONE = new Clamp("none", Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
    public static final Clamp RELU = new Clamp("relu", 0f, Float.POSITIVE_INFINITY);
    public static final Clamp RELU6 = new Clamp("relu6", 0f, 6f);

    public Clamp {
        if (Float.isNaN(min) || Float.isNaN(max) || min > max) {
            throw new IllegalArgumentException("clamp bounds must satisfy min <= max, got [" + min + ", " + max + "]");
        }
    }

    public float apply(float x) {
        return Math.min(Math.max(x, min), max);
    }

    public boolean isIdentity() {
        return min == Float.NEGATIVE_INFINITY && max == Float.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return name;
    }
}
