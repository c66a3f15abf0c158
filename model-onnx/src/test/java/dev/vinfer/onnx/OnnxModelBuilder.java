package dev.vinfer.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small ONNX models for tests with {@link ProtoWriter}, field numbers as in onnx.proto
 * (ModelProto: ir_version 1, graph 7, opset_import 8; GraphProto: node 1, name 2, initializer 5,
 * input 11, output 12; NodeProto: input 1, output 2, name 3, op_type 4, attribute 5, domain 7; ...).
 */
final class OnnxModelBuilder {
    static final int FLOAT = 1;
    static final int INT64 = 7;
    static final int BOOL = 9;
    static final int DOUBLE = 11;

    private final long opset;
    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private String domain = "";

    OnnxModelBuilder(long opset) {
        this.opset = opset;
    }

    OnnxModelBuilder opsetDomain(String d) {
        this.domain = d;
        return this;
    }

    /** A float graph input; a negative dim is written as a symbolic dim_param. */
    OnnxModelBuilder input(String name, long... dims) {
        inputs.add(valueInfo(name, FLOAT, dims));
        return this;
    }

    OnnxModelBuilder typedInput(String name, int elemType, long... dims) {
        inputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    OnnxModelBuilder output(String name, long... dims) {
        outputs.add(valueInfo(name, FLOAT, dims));
        return this;
    }

    OnnxModelBuilder initializer(ProtoWriter tensor) {
        initializers.add(tensor);
        return this;
    }

    OnnxModelBuilder initializer(String name, float[] data, long... dims) {
        return initializer(floatTensor(name, data, dims));
    }

    OnnxModelBuilder node(String op, String name, List<String> in, List<String> out, ProtoWriter... attributes) {
        ProtoWriter n = new ProtoWriter();
        in.forEach(s -> n.string(1, s));
        out.forEach(s -> n.string(2, s));
        n.string(3, name).string(4, op);
        for (ProtoWriter a : attributes) {
            n.message(5, a);
        }
        nodes.add(n);
        return this;
    }

    OnnxModelBuilder node(ProtoWriter rawNode) {
        nodes.add(rawNode);
        return this;
    }

    ProtoWriter graph() {
        ProtoWriter g = new ProtoWriter();
        nodes.forEach(n -> g.message(1, n));
        g.string(2, "test_graph");
        initializers.forEach(t -> g.message(5, t));
        inputs.forEach(i -> g.message(11, i));
        outputs.forEach(o -> g.message(12, o));
        return g;
    }

    /** The model with initializer {@code name} replaced by {@code tensor}, or dropped when it is null. */
    byte[] buildReplacing(String name, ProtoWriter tensor) {
        byte[] wanted = new ProtoWriter().string(8, name).toByteArray();
        for (int k = 0; k < initializers.size(); k++) {
            byte[] bytes = initializers.get(k).toByteArray();
            if (contains(bytes, wanted)) {
                if (tensor == null) {
                    initializers.remove(k);
                } else {
                    initializers.set(k, tensor);
                }
                return build();
            }
        }
        throw new IllegalArgumentException("no initializer " + name);
    }

    private static boolean contains(byte[] a, byte[] b) {
        for (int i = 0; i + b.length <= a.length; i++) {
            if (java.util.Arrays.equals(a, i, i + b.length, b, 0, b.length)) {
                return true;
            }
        }
        return false;
    }

    byte[] build() {
        return new ProtoWriter().varint(1, 8).string(2, "vinfer-test").message(7, graph())
                .message(8, new ProtoWriter().string(1, domain).varint(2, opset)).toByteArray();
    }

    static ProtoWriter valueInfo(String name, int elemType, long... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (long d : dims) {
            shape.message(1, d < 0 ? new ProtoWriter().string(2, "N") : new ProtoWriter().varint(1, d));
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    static ProtoWriter floatTensor(String name, float[] data, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            raw.putFloat(v);
        }
        return tensorHeader(name, FLOAT, dims).bytes(9, raw.array());
    }

    static ProtoWriter int64Tensor(String name, long[] data, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : data) {
            raw.putLong(v);
        }
        return tensorHeader(name, INT64, dims).bytes(9, raw.array());
    }

    static ProtoWriter tensorHeader(String name, int dataType, long... dims) {
        ProtoWriter t = new ProtoWriter();
        if (dims.length > 0) {
            t.packedVarints(1, dims);
        }
        return t.varint(2, dataType).string(8, name);
    }

    // --- attributes (AttributeProto: name 1, f 2, i 3, s 4, t 5, floats 7, ints 8, type 20) ---

    static ProtoWriter ints(String name, long... values) {
        return new ProtoWriter().string(1, name).packedVarints(8, values).varint(20, 7);
    }

    static ProtoWriter i(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, 2);
    }

    static ProtoWriter f(String name, float value) {
        return new ProtoWriter().string(1, name).floatField(2, value).varint(20, 1);
    }

    static ProtoWriter floats(String name, float... values) {
        return new ProtoWriter().string(1, name).packedFloats(7, values).varint(20, 6);
    }

    static ProtoWriter s(String name, String value) {
        return new ProtoWriter().string(1, name).string(4, value).varint(20, 3);
    }

    static ProtoWriter t(String name, ProtoWriter tensor) {
        return new ProtoWriter().string(1, name).message(5, tensor).varint(20, 4);
    }
}
