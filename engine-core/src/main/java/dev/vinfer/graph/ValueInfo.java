package dev.vinfer.graph;

import java.util.Arrays;

/**
 * A named graph input or output with its declared logical shape. A dimension of {@link #UNKNOWN} is
 * symbolic (typically the batch, or the height and width of a fully convolutional network) and is
 * fixed when a plan is bound to concrete inputs.
 *
 * <p>Immutable: the shape is copied on the way in and on the way out.
 *
 * @param name the value's name in the graph; never empty
 * @param dims the declared shape; {@code null} when the file declares no shape at all
 */
public record ValueInfo(String name, int[] dims) {
    /** The dimension of a symbolic (not yet known) extent. */
    public static final int UNKNOWN = -1;

    /**
     * Checks the name and the dimensions, and copies {@code dims}.
     *
     * @throws IllegalArgumentException when the name is null or empty, or a dimension is below
     *                                  {@link #UNKNOWN}
     */
    public ValueInfo {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a graph input or output needs a name");
        }
        if (dims != null) {
            dims = dims.clone();
            for (int d : dims) {
                if (d < UNKNOWN) {
                    throw new IllegalArgumentException("value " + name + " has dimension " + d + " in " + Arrays.toString(dims));
                }
            }
        }
    }

    /**
     * {@return a value whose shape is not declared}
     *
     * @param name the value's name
     */
    public static ValueInfo unshaped(String name) {
        return new ValueInfo(name, null);
    }

    /** {@return a copy of the declared shape, or {@code null} when none is declared} */
    @Override
    public int[] dims() {
        return dims == null ? null : dims.clone();
    }

    /** {@return whether the file declares a shape (possibly with {@link #UNKNOWN} dimensions)} */
    public boolean hasShape() {
        return dims != null;
    }

    /** {@return the number of dimensions, or -1 when no shape is declared} */
    public int rank() {
        return dims == null ? -1 : dims.length;
    }

    @Override
    public String toString() {
        return name + (dims == null ? "" : Arrays.toString(dims).replace("-1", "?"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueInfo v && v.name.equals(name) && Arrays.equals(v.dims, dims);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dims);
    }
}
