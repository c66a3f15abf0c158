package dev.vinfer.ops;

/**
 * The two orders convolution weights come in, and the one place that converts between them:
 * {@code [O][I][kH][kW]} (ONNX, PyTorch: "OIHW") and {@code [O][kH][kW][I]} (the kernels' order, which
 * {@link Convolution#weights()} holds: "OHWI"). {@code I} is the input channels per group.
 *
 * <p>When the kernel is 1x1 (pointwise) or there is one input channel per group (depthwise), both
 * orders are the same sequence of floats, and the conversion is a plain copy. That is most of a
 * MobileNet's weights, and converting them element by element used to cost a cold start some
 * 100 ms (three conversions of every weight, the first run before the JIT has compiled the loop).
 */
public final class ConvWeights {
    private ConvWeights() {
    }

    /**
     * {@return a new array: {@code oihw} ({@code [O][I][kH][kW]}) in {@code [O][kH][kW][I]} order}
     *
     * @param oihw     the weights, {@code out * in * kh * kw} floats; not modified
     * @param out      output channels
     * @param in       input channels per group
     * @param kh       kernel height
     * @param kw       kernel width
     */
    public static float[] oihwToOhwi(float[] oihw, int out, int in, int kh, int kw) {
        checkLength(oihw, out, in, kh, kw);
        return sameInBoth(in, kh, kw) ? oihw.clone() : transposeEach(oihw, out, in, kh * kw);
    }

    /**
     * {@return a new array: {@code ohwi} ({@code [O][kH][kW][I]}) in {@code [O][I][kH][kW]} order}
     *
     * @param ohwi     the weights, {@code out * in * kh * kw} floats; not modified
     * @param out      output channels
     * @param in       input channels per group
     * @param kh       kernel height
     * @param kw       kernel width
     */
    public static float[] ohwiToOihw(float[] ohwi, int out, int in, int kh, int kw) {
        checkLength(ohwi, out, in, kh, kw);
        return sameInBoth(in, kh, kw) ? ohwi.clone() : transposeEach(ohwi, out, kh * kw, in);
    }

    /**
     * Each output channel's weights are a {@code rows x cols} matrix in one order and its transpose
     * in the other: OIHW holds {@code [in][taps]} per output, OHWI {@code [taps][in]}.
     */
    private static float[] transposeEach(float[] w, int out, int rows, int cols) {
        float[] t = new float[w.length];
        for (int o = 0, base = 0; o < out; o++, base += rows * cols) {
            for (int c = 0; c < cols; c++) {
                for (int r = 0, to = base + c * rows, from = base + c; r < rows; r++, from += cols) {
                    t[to + r] = w[from];
                }
            }
        }
        return t;
    }

    /** Whether both orders are the same sequence: a 1x1 kernel, or one input channel per group. */
    private static boolean sameInBoth(int in, int kh, int kw) {
        return in == 1 || kh * kw == 1;
    }

    private static void checkLength(float[] weights, int out, int in, int kh, int kw) {
        if ((long) out * in * kh * kw != weights.length) {
            throw new IllegalArgumentException("convolution weights of " + out + "x" + in + "x" + kh + "x" + kw
                    + " need " + (long) out * in * kh * kw + " floats, got " + weights.length);
        }
    }
}
