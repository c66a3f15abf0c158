package dev.vinfer.tensor;

/**
 * The shape of an NHWC tensor: batch, height, width, channels. The order of the components is the
 * memory order: channels vary fastest.
 *
 * @param n batch size
 * @param h height
 * @param w width
 * @param c channels
 */
public record TensorShape(int n, int h, int w, int c) {

    /**
     * Checks the dimensions.
     *
     * @throws IllegalArgumentException when one is below 1 or the tensor would not fit a Java array
     */
    public TensorShape {
        if (n < 1 || h < 1 || w < 1 || c < 1) {
            throw new IllegalArgumentException("every dimension of an NHWC shape must be >= 1, got " + describe(n, h, w, c));
        }
        if ((long) n * h * w * c > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("tensor " + describe(n, h, w, c) + " has more elements than a Java array holds");
        }
    }

    /**
     * {@return the shape of one image of the given height, width and channels}
     *
     * @param h height
     * @param w width
     * @param c channels
     */
    public static TensorShape image(int h, int w, int c) {
        return new TensorShape(1, h, w, c);
    }

    /** {@return the number of floats in the tensor} */
    public int size() {
        return n * h * w * c;
    }

    /** {@return the number of floats in one image (one batch element)} */
    public int imageSize() {
        return h * w * c;
    }

    /**
     * {@return this shape with batch size {@code batch}}
     *
     * @param batch the new batch size
     */
    public TensorShape withBatch(int batch) {
        return new TensorShape(batch, h, w, c);
    }

    /**
     * {@return the flat index of element (n, y, x, ch) in NHWC order}
     *
     * @param n  batch index
     * @param y  row
     * @param x  column
     * @param ch channel
     */
    public int index(int n, int y, int x, int ch) {
        return ((n * h + y) * w + x) * c + ch;
    }

    @Override
    public String toString() {
        return describe(n, h, w, c);
    }

    private static String describe(int n, int h, int w, int c) {
        return "[" + n + ", " + h + ", " + w + ", " + c + "] (NHWC)";
    }
}
