package dev.vinfer.scalar.ops;

/**
 * ONNX Range (opsets 11-17): {@code start, start + delta, ...} while below {@code limit} (above it
 * for a negative delta): {@code max(ceil((limit - start) / delta), 0)} values. Computed in double,
 * so integer ranges are exact.
 */
public final class Range {
    /** Longest range accepted: Range builds index tensors, never large data. */
    private static final long MAX_LENGTH = 1 << 24;

    private Range() {
    }

    /**
     * The values of the range.
     *
     * @param start first value
     * @param limit exclusive bound
     * @param delta non-zero step
     * @return the values
     */
    public static float[] values(double start, double limit, double delta) {
        if (delta == 0 || Double.isNaN(delta)) {
            throw new IllegalArgumentException("Range: delta must not be 0");
        }
        double count = Math.max(Math.ceil((limit - start) / delta), 0);
        if (!(count <= MAX_LENGTH)) {
            throw new IllegalArgumentException("Range: " + start + " to " + limit + " by " + delta + " has more than " + MAX_LENGTH + " values");
        }
        float[] out = new float[(int) count];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (start + i * delta);
        }
        return out;
    }
}
