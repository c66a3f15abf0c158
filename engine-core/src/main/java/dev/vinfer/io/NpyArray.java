package dev.vinfer.io;

import java.util.Arrays;

/**
 * A float32 NumPy array: its shape (C order) and data.
 */
public record NpyArray(int[] shape, float[] data) {

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

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public String shapeText() {
        return Arrays.toString(shape);
    }
}
