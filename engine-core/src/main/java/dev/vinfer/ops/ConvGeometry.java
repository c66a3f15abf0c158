package dev.vinfer.ops;

/**
 * Shape and padding arithmetic shared by every convolution kernel, scalar or SIMD, so that no kernel
 * re-derives it. Along one axis: output {@code o} reads inputs {@code o*stride - padBefore + k} for
 * kernel taps {@code k} in {@code [0, kernel)}; taps that land outside {@code [0, in)} read zero.
 */
public final class ConvGeometry {
    private ConvGeometry() {
    }

    /**
     * {@return the output extent along one axis: {@code floor((in + padBefore + padAfter - kernel) / stride) + 1}}
     *
     * @param in        input extent
     * @param kernel    kernel extent
     * @param stride    stride
     * @param padBefore zero padding before the input
     * @param padAfter  zero padding after the input
     */
    public static int outputExtent(int in, int kernel, int stride, int padBefore, int padAfter) {
        int padded = in + padBefore + padAfter;
        if (padded < kernel) {
            throw new IllegalArgumentException("input extent " + in + " with padding " + padBefore + "+" + padAfter
                    + " is smaller than the kernel (" + kernel + ")");
        }
        return (padded - kernel) / stride + 1;
    }

    /**
     * {@return the extent a dilated kernel spans: {@code (kernel - 1) * dilation + 1}}
     *
     * @param kernel   taps along the axis
     * @param dilation spacing of the taps
     */
    public static int effectiveKernel(int kernel, int dilation) {
        return (kernel - 1) * dilation + 1;
    }

    /**
     * {@return the first input coordinate read by output {@code o} (may be negative: padding)}
     *
     * @param o         output coordinate
     * @param stride    stride
     * @param padBefore zero padding before the input
     */
    public static int inputOrigin(int o, int stride, int padBefore) {
        return o * stride - padBefore;
    }

    /**
     * {@return the first kernel tap of output origin {@code origin} that lands inside the input}
     *
     * @param origin the output's first input coordinate, {@link #inputOrigin}
     */
    public static int firstValidTap(int origin) {
        return Math.max(0, -origin);
    }

    /**
     * {@return one past the last kernel tap of output origin {@code origin} that lands inside an input of extent {@code in}}
     *
     * @param origin the output's first input coordinate, {@link #inputOrigin}
     * @param kernel kernel extent
     * @param in     input extent
     */
    public static int endValidTap(int origin, int kernel, int in) {
        return Math.min(kernel, in - origin);
    }

    /**
     * The range of outputs {@code [first, end)} whose whole kernel window lies inside the input, so
     * kernels can run a branch-free interior and handle only the border specially.
     *
     * @param stride    stride
     * @param padBefore zero padding before the input
     * @return {@code first}: the first output whose window starts inside the input
     */
    public static int firstInteriorOutput(int stride, int padBefore) {
        return (padBefore + stride - 1) / stride;
    }

    /**
     * {@return one past the last output whose window {@code [o*s - pad, o*s - pad + kernel)} lies within {@code [0, in)}}
     *
     * @param in        input extent
     * @param kernel    kernel extent
     * @param stride    stride
     * @param padBefore zero padding before the input
     * @param outExtent the output extent, {@link #outputExtent}
     */
    public static int endInteriorOutput(int in, int kernel, int stride, int padBefore, int outExtent) {
        int last = Math.floorDiv(in - kernel + padBefore, stride);
        return Math.max(Math.min(last + 1, outExtent), 0);
    }
}
