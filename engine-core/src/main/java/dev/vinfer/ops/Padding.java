package dev.vinfer.ops;

/**
 * Explicit zero padding of a convolution's input, per side. PyTorch pads symmetrically; TensorFlow's
 * "same" puts the odd extra row/column at the bottom/right, which matters on stride 2.
 *
 * @param top    rows of zeros above
 * @param left   columns of zeros on the left
 * @param bottom rows of zeros below
 * @param right  columns of zeros on the right
 */
public record Padding(int top, int left, int bottom, int right) {
    /** No padding. */
    public static final Padding NONE = new Padding(0, 0, 0, 0);

    /**
     * Checks the sides.
     *
     * @throws IllegalArgumentException when one is negative
     */
    public Padding {
        if (top < 0 || left < 0 || bottom < 0 || right < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + top + "/" + left + "/" + bottom + "/" + right);
        }
    }

    /**
     * {@return the same padding on every side (PyTorch's {@code padding=p})}
     *
     * @param p rows or columns of zeros on each side
     */
    public static Padding symmetric(int p) {
        return new Padding(p, p, p, p);
    }

    /**
     * TensorFlow/Keras {@code padding="same"}: output size is {@code ceil(in / stride)}, and of the
     * total padding needed the smaller half goes before (top/left), the rest after (bottom/right).
     *
     * @param inH     input height
     * @param inW     input width
     * @param kernelH kernel height
     * @param kernelW kernel width
     * @param strideH vertical stride
     * @param strideW horizontal stride
     * @return the padding TensorFlow would apply
     */
    public static Padding same(int inH, int inW, int kernelH, int kernelW, int strideH, int strideW) {
        return PaddingMode.SAME_UPPER.resolve(NONE, inH, inW, kernelH, kernelW, strideH, strideW, 1, 1);
    }

    @Override
    public String toString() {
        return "pad(t" + top + " l" + left + " b" + bottom + " r" + right + ")";
    }
}
