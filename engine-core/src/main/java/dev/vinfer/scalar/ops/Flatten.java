package dev.vinfer.scalar.ops;

/**
 * ONNX Flatten's shape: dims {@code [0, axis)} become the rows, dims {@code [axis, rank)} the
 * columns. The data is unchanged in row-major order, so the planner copies or aliases it.
 */
public final class Flatten {
    private Flatten() {
    }

    /** {@code [prod(shape[0, axis)), prod(shape[axis, rank))]}; {@code axis} in {@code [-rank, rank]}. */
    public static int[] outputShape(int[] shape, int axis) {
        Shapes.size(shape);
        int a = Shapes.normalizeAxis(axis, shape.length, shape.length, "Flatten");
        int rows = 1;
        for (int i = 0; i < a; i++) {
            rows *= shape[i];
        }
        int columns = 1;
        for (int i = a; i < shape.length; i++) {
            columns *= shape[i];
        }
        return new int[] {rows, columns};
    }
}
