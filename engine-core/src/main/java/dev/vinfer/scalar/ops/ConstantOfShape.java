package dev.vinfer.scalar.ops;

import java.util.Arrays;

/**
 * ONNX ConstantOfShape (opsets 9-17): a tensor of the shape its input holds, every element one
 * value. The shape tensor's entries must be non-negative integers; an empty shape tensor gives a
 * scalar.
 */
public final class ConstantOfShape {
    private ConstantOfShape() {
    }

    /**
     * The shape a shape tensor holds.
     *
     * @param dims the shape tensor's values (integers held as floats)
     * @return the shape
     */
    public static int[] outputShape(float[] dims) {
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            float d = dims[i];
            if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("ConstantOfShape: " + Arrays.toString(dims) + " is not a shape (entry " + i + ")");
            }
            shape[i] = (int) d;
        }
        Shapes.size(shape);
        return shape;
    }

    /**
     * A new row-major tensor of {@code shape} filled with {@code value}.
     *
     * @param shape the shape (see {@link #outputShape})
     * @param value the fill value
     * @return the data
     */
    public static float[] fill(int[] shape, float value) {
        float[] out = new float[Shapes.size(shape)];
        Arrays.fill(out, value);
        return out;
    }
}
