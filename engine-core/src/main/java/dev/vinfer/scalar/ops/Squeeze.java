package dev.vinfer.scalar.ops;

import java.util.Arrays;

/**
 * ONNX Squeeze's shape (opsets 1-17): removes the listed axes, each of which must have length 1
 * (negative axes count from the end); with no axes, every axis of length 1. The data is unchanged
 * in row-major order, so the planner copies or aliases it.
 */
public final class Squeeze {
    private Squeeze() {
    }

    /**
     * The shape after removing axes.
     *
     * @param shape the input's shape
     * @param axes  the axes removed, or null for every axis of length 1
     * @return the output's shape
     */
    public static int[] outputShape(int[] shape, int[] axes) {
        int rank = Shapes.requireValid(shape, "Squeeze input shape").length;
        boolean[] removed = new boolean[rank];
        if (axes == null) {
            for (int i = 0; i < rank; i++) {
                removed[i] = shape[i] == 1;
            }
        } else {
            for (int axis : axes) {
                int a = Shapes.normalizeAxis(axis, rank, "Squeeze");
                if (removed[a]) {
                    throw new IllegalArgumentException("Squeeze: axis " + a + " is listed twice in " + Arrays.toString(axes));
                }
                if (shape[a] != 1) {
                    throw new IllegalArgumentException("Squeeze: axis " + a + " of " + Shapes.format(shape) + " has length "
                            + shape[a] + ", not 1");
                }
                removed[a] = true;
            }
        }
        int[] out = new int[rank];
        int kept = 0;
        for (int i = 0; i < rank; i++) {
            if (!removed[i]) {
                out[kept++] = shape[i];
            }
        }
        return Arrays.copyOf(out, kept);
    }
}
