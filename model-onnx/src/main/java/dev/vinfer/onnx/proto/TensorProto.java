package dev.vinfer.onnx.proto;

import dev.vinfer.io.UntrustedText;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * ONNX {@code TensorProto}, read in two passes: {@link #parse} notes the header (name, type, dims)
 * and only counts the elements of each data field; {@link #toFloats} checks that the count matches
 * the dims before it allocates anything, then decodes. So a tensor that claims more elements than
 * its bytes hold is an error, never an allocation the file does not justify.
 *
 * <p>Field numbers: dims 1, data_type 2, segment 3, float_data 4, int32_data 5, string_data 6,
 * int64_data 7, name 8, raw_data 9, double_data 10, uint64_data 11, external_data 13, data_location 14.
 */
public final class TensorProto {
    public static final int FLOAT = 1;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int BOOL = 9;
    public static final int DOUBLE = 11;
    public static final int EXTERNAL = 1;
    /** Integers up to this magnitude are exact in float32; shape and pad values are far smaller. */
    private static final long EXACT_FLOAT_INT = 1L << 24;
    /** Largest element count of a Java float array the engine accepts (see NdArray.elementCount). */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 16;

    /** What an integer beyond the exact range becomes when saturated: past any axis length. */
    private static final float SATURATED = 1 << 30;

    private final WireReader message;
    private boolean saturate;
    private Long firstInexact;
    private String name = "";
    private int dataType;
    private final LongList dims = new LongList();
    private ByteBuffer raw;
    private long floatCount;
    private long int32Count;
    private long int64Count;
    private long doubleCount;
    private long otherCount;   // string_data and uint64_data: never read as numbers here
    private int dataLocation;
    private boolean externalData;
    private boolean segment;

    private TensorProto(WireReader message) {
        this.message = message;
    }

    /** A serialized TensorProto on its own, e.g. an ONNX test's {@code input_0.pb}. */
    public static TensorProto parse(ByteBuffer bytes) {
        return parse(WireReader.of(bytes, "TensorProto"));
    }

    public static TensorProto parse(WireReader r) {
        TensorProto t = new TensorProto(r.rewound());
        while (r.hasMore()) {
            int tag = r.readTag();
            switch (WireReader.field(tag)) {
                case 1 -> t.dims.readVarints(r, tag, Limits.MAX_DIMS, "tensor dims");
                case 2 -> {
                    r.expect(tag, WireReader.VARINT);
                    t.dataType = (int) r.readVarint();
                }
                case 3 -> {
                    t.segment = true;
                    r.skip(tag);
                }
                case 4 -> t.floatCount += countFixed(r, tag, 4, WireReader.FIXED32);
                case 5 -> t.int32Count += countVarints(r, tag);
                case 6, 11 -> {
                    t.otherCount++;
                    r.skip(tag);
                }
                case 7 -> t.int64Count += countVarints(r, tag);
                case 8 -> {
                    r.expect(tag, WireReader.LENGTH_DELIMITED);
                    t.name = r.readString(Limits.MAX_NAME_BYTES);
                }
                case 9 -> {
                    r.expect(tag, WireReader.LENGTH_DELIMITED);
                    t.raw = r.readBytes();
                }
                case 10 -> t.doubleCount += countFixed(r, tag, 8, WireReader.FIXED64);
                case 13 -> {
                    t.externalData = true;
                    r.skip(tag);
                }
                case 14 -> {
                    r.expect(tag, WireReader.VARINT);
                    t.dataLocation = (int) r.readVarint();
                }
                default -> r.skip(tag);
            }
        }
        return t;
    }

    private static long countFixed(WireReader r, int tag, int width, int singleWireType) {
        if (WireReader.wireType(tag) == singleWireType) {
            r.skip(tag);
            return 1;
        }
        r.expect(tag, WireReader.LENGTH_DELIMITED);
        int length = r.readBytes().remaining();
        if (length % width != 0) {
            throw r.fail("packed data of " + length + " bytes is not a multiple of " + width);
        }
        return length / width;
    }

    private static long countVarints(WireReader r, int tag) {
        if (WireReader.wireType(tag) == WireReader.VARINT) {
            r.readVarint();
            return 1;
        }
        r.expect(tag, WireReader.LENGTH_DELIMITED);
        WireReader packed = r.readMessage("packed varints");
        long n = 0;
        while (packed.hasMore()) {
            packed.readVarint();
            n++;
        }
        return n;
    }

    public String name() {
        return name;
    }

    public int dataType() {
        return dataType;
    }

    public long[] dims() {
        return dims.toArray();
    }

    /** Whether the data lives in another file ({@code data_location = EXTERNAL} or {@code external_data} set). */
    public boolean isExternal() {
        return dataLocation == EXTERNAL || externalData;
    }

    public boolean isSegment() {
        return segment;
    }

    /** The dims as ints, each checked to be 0 or more and to fit. */
    public int[] shape() {
        long[] d = dims.toArray();
        int[] shape = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] < 0 || d[i] > Integer.MAX_VALUE) {
                throw fail("has dimension " + d[i] + " in " + Arrays.toString(d));
            }
            shape[i] = (int) d[i];
        }
        return shape;
    }

    /** The element count the dims declare, checked to fit a Java array. */
    public int elementCount() {
        int[] shape = shape();
        long n = 1;
        for (int d : shape) {
            if (d == 0) {
                return 0;
            }
            if (n > MAX_ELEMENTS / d) {
                throw fail("dims " + Arrays.toString(shape) + " declare more elements than a Java array holds");
            }
            n *= d;
        }
        return (int) n;
    }

    /**
     * The values as float32: FLOAT as is, DOUBLE rounded, INT32, INT64 and BOOL converted when exact
     * (the caller decides where integers may be used). The element count must match the dims,
     * whether the data is in {@code raw_data} or in the typed field.
     */
    public float[] toFloats() {
        saturate = false;
        return decode();
    }

    /**
     * As {@link #toFloats()}, except that an integer beyond float32's exact range (2^24) becomes
     * {@code +-2^30} instead of an error, and {@link #firstInexactInteger()} then names the first
     * one. Exporters write {@code INT64_MAX} as "to the end" in Slice bounds, where any value past
     * the axis length means the same; the caller decides where such a tensor may be read.
     *
     * @return the values, integers beyond 2^24 saturated
     */
    public float[] toFloatsSaturated() {
        saturate = true;
        return decode();
    }

    /**
     * What {@link #toFloatsSaturated()} saturated first.
     *
     * @return the first integer of the last decode that float32 cannot hold exactly, or null
     */
    public Long firstInexactInteger() {
        return firstInexact;
    }

    private float[] decode() {
        firstInexact = null;
        int n = elementCount();
        if (raw != null && typedCount() > 0) {
            throw fail("holds both raw_data and typed data");
        }
        int width = switch (dataType) {
            case FLOAT, INT32 -> 4;
            case INT64, DOUBLE -> 8;
            case BOOL -> 1;
            default -> throw fail("has data type " + DataTypes.name(dataType) + "; only FLOAT, DOUBLE, INT64, INT32 and BOOL are read");
        };
        if (raw != null) {
            if ((long) n * width != raw.remaining()) {
                throw fail("dims " + Arrays.toString(shape()) + " need " + (long) n * width + " bytes of " + DataTypes.name(dataType)
                        + ", raw_data holds " + raw.remaining());
            }
            return fromRaw(n);
        }
        long count = switch (dataType) {
            case FLOAT -> floatCount;
            case DOUBLE -> doubleCount;
            case INT64 -> int64Count;
            default -> int32Count; // INT32 and BOOL
        };
        if (count != n || typedCount() != count) {
            throw fail("dims " + Arrays.toString(shape()) + " need " + n + " values of " + DataTypes.name(dataType) + ", the tensor holds "
                    + typedCount() + (typedCount() == count ? "" : " in other fields"));
        }
        return n == 0 ? new float[0] : fromTypedFields(n);
    }

    private long typedCount() {
        return floatCount + int32Count + int64Count + doubleCount + otherCount;
    }

    private float[] fromRaw(int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (dataType) {
                case FLOAT -> raw.getFloat(i * 4);
                case DOUBLE -> (float) raw.getDouble(i * 8);
                case INT64 -> exact(raw.getLong(i * 8));
                case INT32 -> exact(raw.getInt(i * 4));
                default -> raw.get(i) != 0 ? 1f : 0f;
            };
        }
        return out;
    }

    private float[] fromTypedFields(int n) {
        float[] out = new float[n];
        int i = 0;
        WireReader r = message.rewound();
        while (r.hasMore()) {
            int tag = r.readTag();
            int field = WireReader.field(tag);
            boolean wanted = switch (dataType) {
                case FLOAT -> field == 4;
                case DOUBLE -> field == 10;
                case INT64 -> field == 7;
                default -> field == 5;
            };
            if (!wanted) {
                r.skip(tag);
                continue;
            }
            if (WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED) {
                WireReader values = r.readMessage("packed data");
                while (values.hasMore()) {
                    out[i++] = next(values);
                }
            } else {
                out[i++] = next(r);
            }
        }
        return out;
    }

    private float next(WireReader values) {
        return switch (dataType) {
            case FLOAT -> Float.intBitsToFloat(values.readFixed32());
            case DOUBLE -> (float) Double.longBitsToDouble(values.readFixed64());
            case BOOL -> values.readVarint() != 0 ? 1f : 0f;
            case INT32 -> exact((int) values.readVarint());
            default -> exact(values.readVarint());
        };
    }

    private float exact(long v) {
        if ((v > EXACT_FLOAT_INT || v < -EXACT_FLOAT_INT) && saturate) {
            if (firstInexact == null) {
                firstInexact = v;
            }
            return v > 0 ? SATURATED : -SATURATED;
        }
        if (v > EXACT_FLOAT_INT || v < -EXACT_FLOAT_INT) {
            throw fail("holds the integer " + v + ", which float32 cannot hold exactly");
        }
        return v;
    }

    private MalformedModelException fail(String problem) {
        return new MalformedModelException("tensor " + UntrustedText.quote(name) + " " + problem);
    }
}
