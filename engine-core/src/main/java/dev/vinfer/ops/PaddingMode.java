package dev.vinfer.ops;

import java.util.Locale;

/**
 * How a convolution or pooling window is padded, as a model states it. Explicit padding is fixed
 * numbers; the other modes depend on the input size and are resolved into a {@link Padding} only when
 * a plan is bound to a concrete input ({@link #resolve}), so one model serves every input size.
 */
public enum PaddingMode {
    /** The {@code pads} given, whatever the input size (ONNX {@code NOTSET}, PyTorch's padding). */
    EXPLICIT,
    /**
     * Output {@code ceil(in / stride)}, the odd extra pixel of padding after (bottom/right). This is
     * TensorFlow and Keras {@code padding="same"}.
     */
    SAME_UPPER,
    /** Output {@code ceil(in / stride)}, the odd extra pixel of padding before (top/left). */
    SAME_LOWER,
    /** No padding. */
    VALID;

    /**
     * {@return the mode of an ONNX {@code auto_pad} value}
     *
     * @param autoPad NOTSET (or empty), SAME_UPPER, SAME_LOWER or VALID, in any case
     * @throws IllegalArgumentException for any other value
     */
    public static PaddingMode ofAutoPad(String autoPad) {
        return switch (autoPad.toUpperCase(Locale.ROOT)) {
            case "NOTSET", "" -> EXPLICIT;
            case "SAME_UPPER" -> SAME_UPPER;
            case "SAME_LOWER" -> SAME_LOWER;
            case "VALID" -> VALID;
            default -> throw new IllegalArgumentException("auto_pad " + autoPad + " is not NOTSET, SAME_UPPER, SAME_LOWER or VALID");
        };
    }

    /**
     * {@return the padding of a 2-D window over an {@code inH x inW} input}
     *
     * @param explicit  the pads of {@link #EXPLICIT}; ignored by the other modes
     * @param inH       input height, in pixels
     * @param inW       input width, in pixels
     * @param kernelH   window height before dilation
     * @param kernelW   window width before dilation
     * @param strideH   vertical stride
     * @param strideW   horizontal stride
     * @param dilationH vertical dilation (1 for none)
     * @param dilationW horizontal dilation (1 for none)
     */
    public Padding resolve(Padding explicit, int inH, int inW, int kernelH, int kernelW, int strideH, int strideW,
                           int dilationH, int dilationW) {
        return switch (this) {
            case EXPLICIT -> explicit;
            case VALID -> Padding.NONE;
            case SAME_UPPER, SAME_LOWER -> {
                int totalH = sameTotal(inH, ConvGeometry.effectiveKernel(kernelH, dilationH), strideH);
                int totalW = sameTotal(inW, ConvGeometry.effectiveKernel(kernelW, dilationW), strideW);
                int smallH = totalH / 2;
                int smallW = totalW / 2;
                yield this == SAME_UPPER
                        ? new Padding(smallH, smallW, totalH - smallH, totalW - smallW)
                        : new Padding(totalH - smallH, totalW - smallW, smallH, smallW);
            }
        };
    }

    private static int sameTotal(int in, int effectiveKernel, int stride) {
        int out = (in + stride - 1) / stride;
        return Math.max((out - 1) * stride + effectiveKernel - in, 0);
    }
}
