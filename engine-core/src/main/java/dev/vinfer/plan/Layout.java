package dev.vinfer.plan;

/**
 * How a value's elements lie in memory. Shapes in the graph are always logical (ONNX order); the
 * planner keeps image activations NHWC, the layout the convolution kernels stream, and everything
 * else in the logical row-major order. Conversions happen only at the boundary of an NHWC region.
 */
public enum Layout {
    /** Row-major in the logical shape's order. */
    PLAIN,
    /** A rank-4 logical {@code [N, C, H, W]} stored as {@code [N, H, W, C]}. */
    NHWC;

    /**
     * {@return the shape in memory order of a value of logical shape {@code logical} in this layout}
     *
     * @param logical the shape in the model's own order; rank 4 for {@link #NHWC}; not modified
     */
    public int[] physical(int[] logical) {
        if (this == PLAIN) {
            return logical.clone();
        }
        return new int[] {logical[0], logical[2], logical[3], logical[1]};
    }

    /**
     * {@return whether a rank-4 value of this logical shape has the same memory order in both
     * layouts} True when it has one channel or one pixel, as after a global pool, so a conversion is
     * a plain copy.
     *
     * @param logical the shape in the model's own order
     */
    public static boolean sameInBoth(int[] logical) {
        return logical.length == 4 && (logical[1] == 1 || (logical[2] == 1 && logical[3] == 1));
    }
}
