package dev.vinfer.plan;

import java.util.Arrays;

/**
 * A value of a plan: its logical shape (batch included), its physical layout and where it lives. A
 * constant carries its data (already in its physical layout); any other value gets a buffer slot
 * from {@link BufferAssignment} once every step is known.
 */
public final class PlannedValue {
    private final String name;
    private final int[] logical;
    private final Layout layout;
    private final float[] constant;
    int slot = -1;
    int definedAt = -1;
    int lastUse = -1;
    boolean definedByStep;

    PlannedValue(String name, int[] logical, Layout layout, float[] constant) {
        if (layout == Layout.NHWC && logical.length != 4) {
            throw new IllegalArgumentException("value " + name + ": NHWC needs rank 4, got " + Arrays.toString(logical));
        }
        this.name = name;
        this.logical = logical.clone();
        this.layout = layout;
        this.constant = constant;
    }

    /**
     * {@return the graph value's name; values the planner adds (split epilogues, layout copies) are
     * named after their node with a {@code #} suffix}
     */
    public String name() {
        return name;
    }

    /** {@return a copy of the shape in the model's own (ONNX) order, batch included} */
    public int[] logical() {
        return logical.clone();
    }

    /** {@return the number of dimensions} */
    public int rank() {
        return logical.length;
    }

    /**
     * {@return the logical extent of dimension {@code axis}}
     *
     * @param axis from 0 to {@code rank() - 1}, in logical order
     */
    public int dim(int axis) {
        return logical[axis];
    }

    /** {@return how the elements lie in memory} */
    public Layout layout() {
        return layout;
    }

    /** {@return the shape in memory order} */
    public int[] physical() {
        return layout.physical(logical);
    }

    /** {@return the number of elements} */
    public int size() {
        int size = 1;
        for (int d : logical) {
            size *= d;
        }
        return size;
    }

    /** {@return whether the value is a constant whose data the plan carries (no buffer slot)} */
    public boolean isConstant() {
        return constant != null;
    }

    /** The constant's data in its physical layout; null for a computed value. */
    float[] constantData() {
        return constant;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(logical) + (layout == Layout.NHWC ? " nhwc" : "");
    }
}
