package dev.vinfer.tensor;

import java.util.Arrays;

/**
 * A float32 tensor in NHWC layout: {@code data[((n*H + y)*W + x)*C + c]}. vinfer has one layout, so
 * it is part of the type rather than a runtime flag; {@link #fromNchw} converts from PyTorch's.
 *
 * <p>A tensor may be a view over a larger buffer (the engine reuses activation buffers between
 * layers): only the first {@code shape().size()} floats of {@link #data()} belong to it.
 */
public final class Tensor {
    private final TensorShape shape;
    private final float[] data;

    private Tensor(TensorShape shape, float[] data) {
        this.shape = shape;
        this.data = data;
    }

    /**
     * {@return a new zero-filled tensor}
     *
     * @param shape its shape
     */
    public static Tensor zeros(TensorShape shape) {
        return new Tensor(shape, new float[shape.size()]);
    }

    /**
     * {@return a tensor over NHWC data, not copied}
     *
     * @param shape its shape
     * @param nhwc  exactly {@code shape.size()} floats in NHWC order
     */
    public static Tensor wrap(TensorShape shape, float[] nhwc) {
        if (nhwc.length != shape.size()) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.size() + " floats, got " + nhwc.length);
        }
        return new Tensor(shape, nhwc);
    }

    /**
     * {@return a view over the first {@code shape.size()} floats of a (possibly larger) buffer}
     *
     * @param shape   the view's shape
     * @param storage at least {@code shape.size()} floats
     */
    public static Tensor view(TensorShape shape, float[] storage) {
        if (storage.length < shape.size()) {
            throw new IllegalArgumentException("buffer of " + storage.length + " floats cannot hold " + shape);
        }
        return new Tensor(shape, storage);
    }

    /**
     * {@return a new NHWC tensor holding NCHW data ({@code [n][c][h][w]}, as PyTorch holds images)}
     *
     * @param n    batch size
     * @param c    channels
     * @param h    height
     * @param w    width
     * @param nchw exactly {@code n * c * h * w} floats in NCHW order
     */
    public static Tensor fromNchw(int n, int c, int h, int w, float[] nchw) {
        TensorShape shape = new TensorShape(n, h, w, c);
        if (nchw.length != shape.size()) {
            throw new IllegalArgumentException("NCHW [" + n + ", " + c + ", " + h + ", " + w + "] needs " + shape.size() + " floats, got " + nchw.length);
        }
        float[] out = new float[nchw.length];
        int plane = h * w;
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                int src = (b * c + ch) * plane;
                for (int p = 0; p < plane; p++) {
                    out[(b * plane + p) * c + ch] = nchw[src + p];
                }
            }
        }
        return new Tensor(shape, out);
    }

    /** {@return the shape} */
    public TensorShape shape() {
        return shape;
    }

    /** {@return the backing array (NHWC); for a view it may be longer than the tensor} */
    public float[] data() {
        return data;
    }

    /**
     * {@return element (n, y, x, c)}
     *
     * @param n batch index
     * @param y row
     * @param x column
     * @param c channel
     */
    public float get(int n, int y, int x, int c) {
        return data[shape.index(n, y, x, c)];
    }

    /**
     * Sets element (n, y, x, c).
     *
     * @param n     batch index
     * @param y     row
     * @param x     column
     * @param c     channel
     * @param value the new value
     */
    public void set(int n, int y, int x, int c, float value) {
        data[shape.index(n, y, x, c)] = value;
    }

    /** {@return a copy of exactly this tensor's elements} */
    public float[] toArray() {
        return Arrays.copyOf(data, shape.size());
    }

    @Override
    public String toString() {
        return "Tensor" + shape;
    }
}
