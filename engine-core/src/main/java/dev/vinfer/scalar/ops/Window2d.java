package dev.vinfer.scalar.ops;

/**
 * The sliding window of a 2-D convolution or pool: kernel size, strides, dilations and explicit
 * pads on the four sides (ONNX's {@code pads} for two spatial axes are
 * {@code [top, left, bottom, right]}). auto_pad modes are resolved to explicit pads by the planner
 * before a window is made.
 */
public record Window2d(int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW,
        int padTop, int padLeft, int padBottom, int padRight) {

    public Window2d {
        if (kernelH < 1 || kernelW < 1) {
            throw new IllegalArgumentException("kernel " + kernelH + "x" + kernelW + " must be at least 1x1");
        }
        if (strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("strides " + strideH + ", " + strideW + " must be at least 1");
        }
        if (dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("dilations " + dilationH + ", " + dilationW + " must be at least 1");
        }
        if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) {
            throw new IllegalArgumentException("pads [" + padTop + ", " + padLeft + ", " + padBottom + ", " + padRight
                    + "] must not be negative");
        }
    }

    /** A window with stride 1, no dilation and no padding. */
    public static Window2d of(int kernelH, int kernelW) {
        return new Window2d(kernelH, kernelW, 1, 1, 1, 1, 0, 0, 0, 0);
    }

    public Window2d withStrides(int h, int w) {
        return new Window2d(kernelH, kernelW, h, w, dilationH, dilationW, padTop, padLeft, padBottom, padRight);
    }

    public Window2d withDilations(int h, int w) {
        return new Window2d(kernelH, kernelW, strideH, strideW, h, w, padTop, padLeft, padBottom, padRight);
    }

    public Window2d withPads(int top, int left, int bottom, int right) {
        return new Window2d(kernelH, kernelW, strideH, strideW, dilationH, dilationW, top, left, bottom, right);
    }

    /** Output rows for {@code inputH} input rows. */
    public int outputH(int inputH, boolean ceilMode) {
        return outputLength("height", inputH, kernelH, strideH, dilationH, padTop, padBottom, ceilMode);
    }

    /** Output columns for {@code inputW} input columns. */
    public int outputW(int inputW, boolean ceilMode) {
        return outputLength("width", inputW, kernelW, strideW, dilationW, padLeft, padRight, ceilMode);
    }

    /**
     * ONNX's output length: {@code floor((in + pads - extent) / stride) + 1}, or with {@code ceilMode}
     * the ceiling, less one if the last window would start past the input and its left padding
     * (so every window starts inside them).
     */
    static int outputLength(String axis, int in, int kernel, int stride, int dilation, int padBegin, int padEnd,
            boolean ceilMode) {
        long extent = (long) dilation * (kernel - 1) + 1;
        long span = (long) in + padBegin + padEnd - extent;
        if (in < 1 || span < 0) {
            throw new IllegalArgumentException("input " + axis + " " + in + " (padded " + ((long) in + padBegin + padEnd)
                    + ") is smaller than the window's extent " + extent);
        }
        long out = (ceilMode ? Math.ceilDiv(span, stride) : span / stride) + 1;
        if (ceilMode && (out - 1) * stride >= (long) in + padBegin) {
            out--;
        }
        return (int) out;
    }
}
