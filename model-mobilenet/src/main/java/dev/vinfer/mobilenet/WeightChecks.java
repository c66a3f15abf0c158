package dev.vinfer.mobilenet;

/**
 * Checks every model provider applies to weights read from an untrusted file, so that a NaN or an
 * infinity is refused at load with the tensor's name instead of silently turning every prediction
 * into NaN.
 */
public final class WeightChecks {
    private WeightChecks() {
    }

    /**
     * {@return the index of the first NaN or infinite value, or -1 when every value is finite}
     *
     * @param values weights
     */
    public static int firstNonFinite(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@return a problem description for {@code values[index]}, e.g. "holds NaN at element 3 of 27"}
     *
     * @param values weights
     * @param index  the bad element
     */
    public static String describe(float[] values, int index) {
        return "holds " + values[index] + " at element " + index + " of " + values.length
                + "; NaN and infinite weights are refused";
    }

    /**
     * The first BatchNorm channel whose {@code variance + epsilon} is not positive (its scale would
     * be infinite or NaN), or -1.
     *
     * @param bn BatchNorm parameters
     * @return the channel, or -1
     */
    public static int firstBadVariance(BatchNorm bn) {
        for (int c = 0; c < bn.channels(); c++) {
            if (!((double) bn.variance()[c] + bn.epsilon() > 0)) {
                return c;
            }
        }
        return -1;
    }
}
