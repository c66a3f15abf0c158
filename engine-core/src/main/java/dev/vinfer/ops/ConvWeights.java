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
        if (sameInBoth(in, kh, kw)) {
            return oihw.clone();
        }
        int taps = kh * kw;
        float[] ohwi = new float[oihw.length];
        for (int o = 0; o < out; o++) {
            int base = o * in * taps;
            for (int t = 0; t < taps; t++) {
                for (int i = 0, to = base + t * in, from = base + t; i < in; i++, from += taps) {
                    ohwi[to + i] = oihw[from];
                }
            }
        }
        return ohwi;
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
        if (sameInBoth(in, kh, kw)) {
            return ohwi.clone();
        }
        int taps = kh * kw;
        float[] oihw = new float[ohwi.length];
        for (int o = 0; o < out; o++) {
            int base = o * in * taps;
            for (int i = 0; i < in; i++) {
                for (int t = 0, to = base + i * taps, from = base + i; t < taps; t++, from += in) {
                    oihw[to + t] = ohwi[from];
                }
            }
        }
        return oihw;
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
