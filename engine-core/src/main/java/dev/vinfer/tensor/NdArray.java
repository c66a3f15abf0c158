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

    /**
     * {@return a tensor over {@code data}, shared rather than copied: later writes to the array show
     * through}
     *
     * @param shape the dimensions, at most {@link #MAX_RANK} of them, none negative; copied
     * @param data  the elements in row-major order; its length must equal the product of {@code shape}
     * @throws IllegalArgumentException when the rank, a dimension or the data length is wrong
     */
    public static NdArray wrap(int[] shape, float[] data) {
        int[] dims = checkedShape(shape);
        long size = elementCount(dims);
        if (data.length != size) {
            throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " needs " + size + " floats, got " + data.length);
        }
        return new NdArray(dims, data);
    }

    /**
     * {@return a new zero-filled tensor}
     *
     * @param shape the dimensions, at most {@link #MAX_RANK} of them, none negative
     * @throws IllegalArgumentException when the rank or a dimension is wrong, or the tensor would not
     *                                  fit a Java array
     */
    public static NdArray zeros(int... shape) {
        int[] dims = checkedShape(shape);
        return new NdArray(dims, new float[Math.toIntExact(elementCount(dims))]);
    }

    /**
     * {@return a rank-0 tensor holding one value}
     *
     * @param value the element
     */
    public static NdArray scalar(float value) {
        return new NdArray(new int[0], new float[] {value});
    }

    /**
     * {@return a rank-1 tensor over {@code values} (shared, not copied)}
     *
     * @param values the elements
     */
    public static NdArray vector(float... values) {
        return new NdArray(new int[] {values.length}, values);
    }

    /**
     * {@return the number of elements of a shape}
     *
     * @param shape the dimensions
     * @throws IllegalArgumentException when that many floats would not fit a Java array
     */
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

    /** {@return a copy of the dimensions} */
    public int[] shape() {
        return shape.clone();
    }

    /** {@return the number of dimensions, 0 for a scalar} */
    public int rank() {
        return shape.length;
    }

    /**
     * {@return the extent of dimension {@code axis}}
     *
     * @param axis from 0 to {@code rank() - 1}
     */
    public int dim(int axis) {
        return shape[axis];
    }

    /** {@return the number of elements} */
    public int size() {
        return data.length;
    }

    /** {@return the backing row-major array (shared, not copied: writes change this tensor)} */
    public float[] data() {
        return data;
    }

    /**
     * {@return the same data (shared) under another shape with the same element count}
     *
     * @param newShape the dimensions
     * @throws IllegalArgumentException when the element counts differ or the shape is invalid
     */
    public NdArray reshape(int... newShape) {
        return wrap(newShape, data);
    }

    /** {@return a tensor of the same shape over a copy of the data} */
    public NdArray copy() {
        return new NdArray(shape, data.clone());
    }

    /** {@return the shape for messages, such as {@code [1, 3, 224, 224]}} */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    @Override
    public String toString() {
        return "NdArray" + shapeText();
    }
}
