package dev.vinfer.scalar.ops;

import java.util.Arrays;

/**
 * ONNX Gather (opsets 1-17): picks entries of {@code data} along {@code axis} by index. The output
 * shape is {@code data[:axis] + indices.shape + data[axis+1:]}; a rank-0 index removes the axis.
 * Negative indices count from the end; any other index outside the axis is an error. Each output
 * block is one contiguous copy of the entries after {@code axis}.
 *
 * <p>{@link #run} covers blocks {@code [from, to)} (one per outer index and gathered index); any
 * split gives the same result. The output must not alias the input.
 */
public final class Gather {
    private final int[] outputShape;
    private final int[] indices;
    private final int axisLength;
    private final int inner;
    private final int outer;

    private Gather(int[] outputShape, int[] indices, int axisLength, int inner, int outer) {
        this.outputShape = outputShape;
        this.indices = indices;
        this.axisLength = axisLength;
        this.inner = inner;
        this.outer = outer;
    }

    /**
     * Plans a gather from a tensor of shape {@code dataShape}.
     *
     * @param dataShape    the shape of the data (rank at least 1)
     * @param axis         the axis indexed, negative counting from the end
     * @param indices      the indices, row-major, each integral and in {@code [-dim, dim)}
     * @param indicesShape the shape of the indices tensor
     * @return the planned gather
     */
    public static Gather of(int[] dataShape, int axis, float[] indices, int[] indicesShape) {
        int rank = Shapes.requireValid(dataShape, "Gather data shape").length;
        if (rank == 0) {
            throw new IllegalArgumentException("Gather: the data must have rank at least 1, it is a scalar");
        }
        int a = Shapes.normalizeAxis(axis, rank, "Gather");
        if (indices.length != Shapes.size(indicesShape)) {
            throw new IllegalArgumentException("Gather: " + indices.length + " indices for indices shape " + Shapes.format(indicesShape));
        }
        int dim = dataShape[a];
        int[] resolved = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            float v = indices[i];
            if (v != Math.rint(v) || v < -dim || v >= dim) {
                throw new IllegalArgumentException("Gather: index " + v + " is out of range for axis " + a + " of "
                        + Shapes.format(dataShape) + " (allowed " + (-dim) + ".." + (dim - 1) + ")");
            }
            resolved[i] = v < 0 ? (int) v + dim : (int) v;
        }
        int[] out = new int[rank - 1 + indicesShape.length];
        System.arraycopy(dataShape, 0, out, 0, a);
        System.arraycopy(indicesShape, 0, out, a, indicesShape.length);
        System.arraycopy(dataShape, a + 1, out, a + indicesShape.length, rank - a - 1);
        Shapes.size(out);
        int outerSize = 1;
        for (int i = 0; i < a; i++) {
            outerSize *= dataShape[i];
        }
        int innerSize = 1;
        for (int i = a + 1; i < rank; i++) {
            innerSize *= dataShape[i];
        }
        return new Gather(out, resolved, dim, innerSize, outerSize);
    }

    /**
     * The output's shape.
     *
     * @return the output's shape
     */
    public int[] outputShape() {
        return outputShape.clone();
    }

    /**
     * The work to split.
     *
     * @return the number of copied blocks: the exclusive upper bound of a {@link #run} range
     */
    public int taskCount() {
        return outer * indices.length;
    }

    /**
     * Blocks {@code [from, to)} of the gather from {@code in}.
     *
     * @param in   the data, row-major
     * @param out  the output, row-major in {@link #outputShape()}
     * @param from first block
     * @param to   end (exclusive)
     */
    public void run(float[] in, float[] out, int from, int to) {
        int n = indices.length;
        for (int t = from; t < to; t++) {
            int o = t / n;
            int src = (o * axisLength + indices[t % n]) * inner;
            System.arraycopy(in, src, out, t * inner, inner);
        }
    }

    @Override
    public String toString() {
        return "Gather" + Arrays.toString(indices) + " -> " + Shapes.format(outputShape);
    }
}
