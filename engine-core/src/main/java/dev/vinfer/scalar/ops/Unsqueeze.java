package dev.vinfer.scalar.ops;

import java.util.Arrays;

/**
 * ONNX Unsqueeze's shape (opsets 1-17): inserts a dimension of 1 at each listed axis, the axes
 * counting in the output's rank (negative from its end), each at most once. The data is unchanged
 * in row-major order, so the planner copies or aliases it.
 */
public final class Unsqueeze {
    private Unsqueeze() {
    }

    /**
     * The shape after inserting axes of length 1.
     *
     * @param shape the input's shape
     * @param axes  where the new dimensions go, in {@code [-(rank + axes), rank + axes)}
     * @return the output's shape
     */
    public static int[] outputShape(int[] shape, int[] axes) {
        Shapes.requireValid(shape, "Unsqueeze input shape");
        if (axes == null) {
            throw new IllegalArgumentException("Unsqueeze: axes are missing");
        }
        int rank = shape.length + axes.length;
        boolean[] inserted = new boolean[rank];
        for (int axis : axes) {
            int a = Shapes.normalizeAxis(axis, rank, "Unsqueeze");
            if (inserted[a]) {
                throw new IllegalArgumentException("Unsqueeze: axis " + a + " is listed twice in " + Arrays.toString(axes));
            }
            inserted[a] = true;
        }
        int[] out = new int[rank];
        int next = 0;
        for (int i = 0; i < rank; i++) {
            out[i] = inserted[i] ? 1 : shape[next++];
        }
        return out;
    }
}
