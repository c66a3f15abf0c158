package dev.vinfer.tensor;

import java.util.Arrays;

/**
 * A float32 tensor of any rank (0 to 5) in row-major order with the shape a model file gives it:
 * the logical tensor of a graph (ONNX's NCHW for images). The engine may keep activations in another
 * physical layout internally (NHWC), but everything an embedder passes in or gets back is an
 * {@code NdArray} in the model's own layout.
 *
 * <p>Immutable in shape; the data array is shared, not copied (see {@link #copy()}).
 */
public final class NdArray {
    /** Ranks the engine handles; rank 5 only where an operator needs it. */
    public static final int MAX_RANK = 5;

    private final int[] shape;
    private final float[] data;

    private NdArray(int[] shape, float[] data) {
        this.shape = shape;
        this.data = data;
    }

    /** Wraps row-major data; {@code data.length} must equal the product of {@code shape}. */
    public static NdArray wrap(int[] shape, float[] data) {
        int[] dims = checkedShape(shape);
        long size = elementCount(dims);
        if (data.length != size) {
            throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " needs " + size + " floats, got " + data.length);
        }
        return new NdArray(dims, data);
    }

    /** A new zero-filled tensor. */
    public static NdArray zeros(int... shape) {
        int[] dims = checkedShape(shape);
        return new NdArray(dims, new float[Math.toIntExact(elementCount(dims))]);
    }

    /** A rank-0 tensor holding one value. */
    public static NdArray scalar(float value) {
        return new NdArray(new int[0], new float[] {value});
    }

    /** A rank-1 tensor. */
    public static NdArray vector(float... values) {
        return new NdArray(new int[] {values.length}, values);
    }

    /** Number of elements of a shape, checked to fit a Java array. */
    public static long elementCount(int[] shape) {
        long size = 1;
        for (int d : shape) {
            size *= d;
            if (size > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more elements than a Java array holds");
            }
        }
        return size;
    }

    private static int[] checkedShape(int[] shape) {
        if (shape.length > MAX_RANK) {
            throw new IllegalArgumentException("rank " + shape.length + " is above the supported " + MAX_RANK + ": " + Arrays.toString(shape));
        }
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
        elementCount(shape);
        return shape.clone();
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return data.length;
    }

    /** The backing row-major array (shared, not copied). */
    public float[] data() {
        return data;
    }

    /** The same data under another shape with the same element count. */
    public NdArray reshape(int... newShape) {
        return wrap(newShape, data);
    }

    public NdArray copy() {
        return new NdArray(shape, data.clone());
    }

    public String shapeText() {
        return Arrays.toString(shape);
    }

    @Override
    public String toString() {
        return "NdArray" + shapeText();
    }
}
