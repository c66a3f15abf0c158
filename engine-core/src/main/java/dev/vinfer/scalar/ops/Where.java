package dev.vinfer.scalar.ops;

/**
 * ONNX Where (opsets 9-17): {@code condition != 0 ? x : y}, the three broadcast together as NumPy
 * does. {@link #run} covers output elements {@code [from, to)}; any split gives the same result.
 */
public final class Where {
    private final int[] outputShape;
    private final int size;
    private final CollapsedLayout layout;

    private Where(int[] outputShape, CollapsedLayout layout) {
        this.outputShape = outputShape;
        this.size = Shapes.size(outputShape);
        this.layout = layout;
    }

    /**
     * Plans a selection between operands of these shapes.
     *
     * @param conditionShape shape of the condition
     * @param xShape         shape of the values taken where the condition holds
     * @param yShape         shape of the values taken elsewhere
     * @return the planned selection
     */
    public static Where of(int[] conditionShape, int[] xShape, int[] yShape) {
        int[] out = Shapes.broadcast(Shapes.broadcast(conditionShape, xShape, "Where"), yShape, "Where");
        return new Where(out, new CollapsedLayout(out, Shapes.broadcastStrides(conditionShape, out),
                Shapes.broadcastStrides(xShape, out), Shapes.broadcastStrides(yShape, out)));
    }

    /**
     * The output's shape.
     *
     * @return the broadcast output shape
     */
    public int[] outputShape() {
        return outputShape.clone();
    }

    /**
     * The work to split.
     *
     * @return the number of output elements: the exclusive upper bound of a {@link #run} range
     */
    public int taskCount() {
        return size;
    }

    /**
     * Output elements {@code [from, to)}.
     *
     * @param condition the condition (non-zero is true)
     * @param x         values where it holds
     * @param y         values elsewhere
     * @param out       the output
     * @param from      first output element
     * @param to        end (exclusive)
     */
    public void run(float[] condition, float[] x, float[] y, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = condition[layout.offset(0, i)] != 0f ? x[layout.offset(1, i)] : y[layout.offset(2, i)];
        }
    }
}
