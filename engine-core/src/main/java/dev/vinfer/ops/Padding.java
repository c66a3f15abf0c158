package dev.vinfer.ops;

/**
 * Explicit zero padding of a convolution's input, per side. PyTorch pads symmetrically; TensorFlow's
 * "same" puts the odd extra row/column at the bottom/right, which matters on stride 2.
 */
public record Padding(int top, int left, int bottom, int right) {
    public static final Padding NONE = new Padding(0, 0, 0, 0);

    public Padding {
        if (top < 0 || left < 0 || bottom < 0 || right < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + top + "/" + left + "/" + bottom + "/" + right);
        }
    }

    /** The same padding on every side (PyTorch's {@code padding=p}). */
    public static Padding symmetric(int p) {
        return new Padding(p, p, p, p);
    }

    /**
     * TensorFlow/Keras {@code padding="same"}: output size is {@code ceil(in / stride)}, and of the
     * total padding needed the smaller half goes before (top/left), the rest after (bottom/right).
     */
    public static Padding same(int inH, int inW, int kernelH, int kernelW, int strideH, int strideW) {
        return PaddingMode.SAME_UPPER.resolve(NONE, inH, inW, kernelH, kernelW, strideH, strideW, 1, 1);
    }

    @Override
    public String toString() {
        return "pad(t" + top + " l" + left + " b" + bottom + " r" + right + ")";
    }
}
