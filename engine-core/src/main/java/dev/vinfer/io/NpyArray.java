package dev.vinfer.io;

import java.util.Arrays;

/**
 * A float32 NumPy array: its shape (C order) and data.
 *
 * @param shape the dimensions, outermost first
 * @param data  the elements in C order
 */
public record NpyArray(int[] shape, float[] data) {

    /**
     * Checks that the shape holds exactly the data, and copies the shape.
     *
     * @throws IllegalArgumentException on a negative dimension or a size mismatch
     */
    public NpyArray {
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count *= d;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + count + " floats, got " + data.length);
        }
        shape = shape.clone();
    }

    /** {@return a copy of the dimensions, outermost first} */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** {@return the number of dimensions} */
    public int rank() {
        return shape.length;
    }

    /**
     * {@return the size of dimension {@code axis}}
     *
     * @param axis 0 for the outermost
     */
    public int dim(int axis) {
        return shape[axis];
    }

    /** {@return the shape as NumPy-like text, e.g. {@code [1, 224, 224, 3]}} */
    public String shapeText() {
        return Arrays.toString(shape);
    }
}
