package dev.vinfer.onnx.proto;

/** Names of ONNX's {@code TensorProto.DataType} values, for errors. */
public final class DataTypes {
    private static final String[] NAMES = {"UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64",
            "STRING", "BOOL", "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16",
            "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4", "INT4"};

    private DataTypes() {
    }

    /**
     * @param dataType an ONNX element type code
     * @return whether it holds integers or booleans (UINT8 to INT64, BOOL, UINT32, UINT64)
     */
    public static boolean isInteger(int dataType) {
        return switch (dataType) {
            case 2, 3, 4, 5, 6, 7, 9, 12, 13 -> true;
            default -> false;
        };
    }

    public static String name(int dataType) {
        return dataType >= 0 && dataType < NAMES.length ? NAMES[dataType] : "type " + dataType;
    }
}
