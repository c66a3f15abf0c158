package dev.vinfer.onnx.proto;

/**
 * ONNX {@code ValueInfoProto} (name 1, type 2) with the parts of {@code TypeProto} a CNN uses:
 * {@code tensor_type} 1 holding {@code elem_type} 1 and {@code shape} 2, a {@code TensorShapeProto}
 * of {@code dim} 1 entries, each {@code dim_value} 1 or {@code dim_param} 2.
 *
 * @param kind     "tensor", or what else the type is ("sequence", "map", ...; "none" when absent)
 * @param elemType the element type of a tensor (0 when not given)
 * @param dims     the shape with -1 for symbolic or missing dimensions; {@code null} when no shape is given
 */
public record ValueInfoProto(String name, String kind, int elemType, long[] dims) {

    static ValueInfoProto parse(WireReader r) {
        String name = "";
        String kind = "none";
        int elemType = 0;
        long[] dims = null;
        while (r.hasMore()) {
            int tag = r.readTag();
            if (WireReader.field(tag) == 1) {
                r.expect(tag, WireReader.LENGTH_DELIMITED);
                name = r.readString(Limits.MAX_NAME_BYTES);
            } else if (WireReader.field(tag) == 2) {
                r.expect(tag, WireReader.LENGTH_DELIMITED);
                WireReader type = r.readMessage("TypeProto");
                while (type.hasMore()) {
                    int t = type.readTag();
                    switch (WireReader.field(t)) {
                        case 1 -> {
                            type.expect(t, WireReader.LENGTH_DELIMITED);
                            kind = "tensor";
                            WireReader tensor = type.readMessage("TypeProto.Tensor");
                            while (tensor.hasMore()) {
                                int f = tensor.readTag();
                                if (WireReader.field(f) == 1) {
                                    tensor.expect(f, WireReader.VARINT);
                                    elemType = (int) tensor.readVarint();
                                } else if (WireReader.field(f) == 2) {
                                    tensor.expect(f, WireReader.LENGTH_DELIMITED);
                                    dims = shape(tensor.readMessage("TensorShapeProto"));
                                } else {
                                    tensor.skip(f);
                                }
                            }
                        }
                        case 4 -> { kind = "sequence"; type.skip(t); }
                        case 5 -> { kind = "map"; type.skip(t); }
                        case 8 -> { kind = "sparse tensor"; type.skip(t); }
                        case 9 -> { kind = "optional"; type.skip(t); }
                        default -> type.skip(t);
                    }
                }
            } else {
                r.skip(tag);
            }
        }
        return new ValueInfoProto(name, kind, elemType, dims);
    }

    private static long[] shape(WireReader r) {
        LongList dims = new LongList();
        while (r.hasMore()) {
            int tag = r.readTag();
            if (WireReader.field(tag) != 1) {
                r.skip(tag);
                continue;
            }
            r.expect(tag, WireReader.LENGTH_DELIMITED);
            Limits.checkCount(r, dims.size(), Limits.MAX_DIMS, "dimensions");
            WireReader dim = r.readMessage("TensorShapeProto.Dimension");
            long value = -1; // a dim_param, or nothing at all: unknown
            while (dim.hasMore()) {
                int f = dim.readTag();
                if (WireReader.field(f) == 1) {
                    dim.expect(f, WireReader.VARINT);
                    value = dim.readVarint();
                    if (value < 0) {
                        throw r.fail("dim_value " + value + " is negative");
                    }
                } else {
                    dim.skip(f);
                }
            }
            dims.add(value);
        }
        return dims.toArray();
    }

    @Override
    public long[] dims() {
        return dims == null ? null : dims.clone();
    }
}
