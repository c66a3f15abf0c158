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

    /** A new zero-filled tensor. */
    public static Tensor zeros(TensorShape shape) {
        return new Tensor(shape, new float[shape.size()]);
    }

    /** Wraps NHWC data without copying; the array length must equal the shape's size. */
    public static Tensor wrap(TensorShape shape, float[] nhwc) {
        if (nhwc.length != shape.size()) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.size() + " floats, got " + nhwc.length);
        }
        return new Tensor(shape, nhwc);
    }

    /** A view over the first {@code shape.size()} floats of a (possibly larger) buffer. */
    public static Tensor view(TensorShape shape, float[] storage) {
        if (storage.length < shape.size()) {
            throw new IllegalArgumentException("buffer of " + storage.length + " floats cannot hold " + shape);
        }
        return new Tensor(shape, storage);
    }

    /** Copies NCHW data ({@code [n][c][h][w]}, as PyTorch holds images) into a new NHWC tensor. */
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

    public TensorShape shape() {
        return shape;
    }

    /** The backing array (NHWC); for a view it may be longer than the tensor. */
    public float[] data() {
        return data;
    }

    public float get(int n, int y, int x, int c) {
        return data[shape.index(n, y, x, c)];
    }

    public void set(int n, int y, int x, int c, float value) {
        data[shape.index(n, y, x, c)] = value;
    }

    /** A copy of exactly this tensor's elements. */
    public float[] toArray() {
        return Arrays.copyOf(data, shape.size());
    }

    @Override
    public String toString() {
        return "Tensor" + shape;
    }
}
