package dev.vinfer.onnx.proto;

import java.util.ArrayList;
import java.util.List;

/**
 * ONNX {@code AttributeProto}: name 1, f 2, i 3, s 4, t 5, g 6, floats 7, ints 8, strings 9,
 * tensors 10, graphs 11, tp 14, type_protos 15, type 20, ref_attr_name 21, sparse_tensor 22,
 * sparse_tensors 23. Subgraphs and the other kinds vinfer cannot use are not parsed, only noted in
 * {@link #unsupported}, so a hostile file cannot nest graphs inside attributes to any depth here.
 *
 * @param type        the declared {@code AttributeType} (FLOAT 1, INT 2, STRING 3, TENSOR 4, FLOATS 6,
 *                    INTS 7, STRINGS 8); when the file leaves it 0, inferred from the field present
 * @param unsupported what an unusable value is ("a subgraph", "a sparse tensor", ...), or null
 */
public record AttributeProto(String name, int type, float f, long i, String s, TensorProto t,
                             float[] floats, long[] ints, List<String> strings, String unsupported, boolean isReference) {
    public static final int FLOAT = 1;
    public static final int INT = 2;
    public static final int STRING = 3;
    public static final int TENSOR = 4;
    public static final int FLOATS = 6;
    public static final int INTS = 7;
    public static final int STRINGS = 8;

    static AttributeProto parse(WireReader r) {
        String name = "";
        int type = 0;
        int inferred = 0;
        float f = 0;
        long i = 0;
        String s = ""; // protobuf's default for an absent string; a STRING attribute may omit it
        TensorProto t = null;
        LongList floats = new LongList();
        LongList ints = new LongList();
        List<String> strings = new ArrayList<>();
        String unsupported = null;
        boolean reference = false;
        while (r.hasMore()) {
            int tag = r.readTag();
            switch (WireReader.field(tag)) {
                case 1 -> {
                    r.expect(tag, WireReader.LENGTH_DELIMITED);
                    name = r.readString(Limits.MAX_NAME_BYTES);
                }
                case 2 -> {
                    r.expect(tag, WireReader.FIXED32);
                    f = Float.intBitsToFloat(r.readFixed32());
                    inferred = FLOAT;
                }
                case 3 -> {
                    r.expect(tag, WireReader.VARINT);
                    i = r.readVarint();
                    inferred = INT;
                }
                case 4 -> {
                    r.expect(tag, WireReader.LENGTH_DELIMITED);
                    s = r.readString(Limits.MAX_STRING_BYTES);
                    inferred = STRING;
                }
                case 5 -> {
                    r.expect(tag, WireReader.LENGTH_DELIMITED);
                    t = TensorProto.parse(r.readMessage("TensorProto"));
                    inferred = TENSOR;
                }
                case 7 -> {
                    floats.readFloatBits(r, tag, Limits.MAX_LIST, "attribute floats");
                    inferred = FLOATS;
                }
                case 8 -> {
                    ints.readVarints(r, tag, Limits.MAX_LIST, "attribute ints");
                    inferred = INTS;
                }
                case 9 -> {
                    r.expect(tag, WireReader.LENGTH_DELIMITED);
                    Limits.checkCount(r, strings.size(), Limits.MAX_LIST, "attribute strings");
                    strings.add(r.readString(Limits.MAX_NAME_BYTES));
                    inferred = STRINGS;
                }
                case 6, 11 -> {
                    unsupported = "a subgraph";
                    r.skip(tag);
                }
                case 10 -> {
                    unsupported = "a list of tensors";
                    r.skip(tag);
                }
                case 14, 15 -> {
                    unsupported = "a type";
                    r.skip(tag);
                }
                case 22, 23 -> {
                    unsupported = "a sparse tensor";
                    r.skip(tag);
                }
                case 20 -> {
                    r.expect(tag, WireReader.VARINT);
                    type = (int) r.readVarint();
                }
                case 21 -> {
                    reference = true;
                    r.skip(tag);
                }
                default -> r.skip(tag);
            }
        }
        return new AttributeProto(name, type != 0 ? type : inferred, f, i, s, t, floats.toFloats(), ints.toArray(),
                strings, unsupported, reference);
    }

    public static String typeName(int type) {
        return switch (type) {
            case FLOAT -> "FLOAT";
            case INT -> "INT";
            case STRING -> "STRING";
            case TENSOR -> "TENSOR";
            case 5 -> "GRAPH";
            case FLOATS -> "FLOATS";
            case INTS -> "INTS";
            case STRINGS -> "STRINGS";
            case 9 -> "TENSORS";
            case 10 -> "GRAPHS";
            case 11 -> "SPARSE_TENSOR";
            case 12 -> "SPARSE_TENSORS";
            case 13 -> "TYPE_PROTO";
            case 14 -> "TYPE_PROTOS";
            default -> "type " + type;
        };
    }
}
