package dev.vinfer.ops;

/**
 * Shape and padding arithmetic shared by every convolution kernel, scalar or SIMD, so that no kernel
 * re-derives it. Along one axis: output {@code o} reads inputs {@code o*stride - padBefore + k} for
 * kernel taps {@code k} in {@code [0, kernel)}; taps that land outside {@code [0, in)} read zero.
 */
public final class ConvGeometry {
    private ConvGeometry() {
    }

    /** Output extent along one axis: {@code floor((in + padBefore + padAfter - kernel) / stride) + 1}. */
    public static int outputExtent(int in, int kernel, int stride, int padBefore, int padAfter) {
        int padded = in + padBefore + padAfter;
        if (padded < kernel) {
            throw new IllegalArgumentException("input extent " + in + " with padding " + padBefore + "+" + padAfter
                    + " is smaller than the kernel (" + kernel + ")");
        }
        return (padded - kernel) / stride + 1;
    }

    /** The extent a dilated kernel spans: {@code (kernel - 1) * dilation + 1}. */
    public static int effectiveKernel(int kernel, int dilation) {
        return (kernel - 1) * dilation + 1;
    }

    /** First input coordinate read by output {@code o} (may be negative: padding). */
    public static int inputOrigin(int o, int stride, int padBefore) {
        return o * stride - padBefore;
    }

    /** First kernel tap of output origin {@code origin} that lands inside the input. */
    public static int firstValidTap(int origin) {
        return Math.max(0, -origin);
    }

    /** One past the last kernel tap of output origin {@code origin} that lands inside an input of extent {@code in}. */
    public static int endValidTap(int origin, int kernel, int in) {
        return Math.min(kernel, in - origin);
    }

    /**
     * The range of outputs {@code [first, end)} whose whole kernel window lies inside the input, so
     * kernels can run a branch-free interior and handle only the border specially.
     */
    public static int firstInteriorOutput(int stride, int padBefore) {
        return (padBefore + stride - 1) / stride;
    }

    /** One past the last output whose window {@code [o*s - pad, o*s - pad + kernel)} lies within {@code [0, in)}. */
    public static int endInteriorOutput(int in, int kernel, int stride, int padBefore, int outExtent) {
        int last = Math.floorDiv(in - kernel + padBefore, stride);
        return Math.max(Math.min(last + 1, outExtent), 0);
    }
}
