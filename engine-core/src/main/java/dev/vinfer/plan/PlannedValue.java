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

    public String name() {
        return name;
    }

    /** The shape in the model's own (ONNX) order. */
    public int[] logical() {
        return logical.clone();
    }

    public int rank() {
        return logical.length;
    }

    public int dim(int axis) {
        return logical[axis];
    }

    public Layout layout() {
        return layout;
    }

    /** The shape in memory order. */
    public int[] physical() {
        return layout.physical(logical);
    }

    public int size() {
        int size = 1;
        for (int d : logical) {
            size *= d;
        }
        return size;
    }

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
