package dev.vinfer.scalar.ops;

/**
 * ONNX Cast (opsets 6-17) on float32-held values: to a floating-point type the value is kept; to
 * an integer type it is truncated toward zero (as ONNX Runtime and NumPy's {@code astype} do); to
 * BOOL it becomes 1 when non-zero, else 0. Element types are ONNX's {@code TensorProto.DataType}
 * codes. Casting to FLOAT16 or BFLOAT16 is refused: it would round, and the engine holds float32.
 *
 * <p>{@link #run} covers elements {@code [from, to)}; the output may alias the input.
 */
public final class Cast {
    /** ONNX element types that hold integers (UINT8 to INT64, UINT32, UINT64) or booleans. */
    private static final int[] INTEGER_TYPES = {2, 3, 4, 5, 6, 7, 9, 12, 13};
    private static final int FLOAT = 1;
    private static final int DOUBLE = 11;
    private static final int BOOL = 9;

    private enum Kind { KEEP, TRUNCATE, BOOLEAN }

    private final Kind kind;

    private Cast(Kind kind) {
        this.kind = kind;
    }

    /**
     * The cast to an element type.
     *
     * @param onnxType the target's ONNX element type code
     * @return the cast to it
     */
    public static Cast to(int onnxType) {
        if (onnxType == FLOAT || onnxType == DOUBLE) {
            return new Cast(Kind.KEEP);
        }
        if (onnxType == BOOL) {
            return new Cast(Kind.BOOLEAN);
        }
        if (isInteger(onnxType)) {
            return new Cast(Kind.TRUNCATE);
        }
        throw new IllegalArgumentException("Cast: to = " + onnxType + " is not supported (FLOAT, DOUBLE, integer types and BOOL)");
    }

    /**
     * Whether an element type holds integers.
     *
     * @param onnxType an ONNX element type code
     * @return whether it holds integers or booleans
     */
    public static boolean isInteger(int onnxType) {
        for (int t : INTEGER_TYPES) {
            if (t == onnxType) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the cast is a copy.
     *
     * @return whether this cast leaves every value as it is
     */
    public boolean keepsValues() {
        return kind == Kind.KEEP;
    }

    /**
     * Elements {@code [from, to)}.
     *
     * @param in   the values
     * @param out  the cast values
     * @param from first element
     * @param to   end (exclusive)
     */
    public void run(float[] in, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            float x = in[i];
            out[i] = switch (kind) {
                case KEEP -> x;
                case TRUNCATE -> (x < 0 ? (float) Math.ceil(x) : (float) Math.floor(x)) + 0f; // + 0: an integer has no -0
                case BOOLEAN -> x != 0f ? 1f : 0f;
            };
        }
    }
}
