package dev.vinfer.onnx;

import dev.vinfer.graph.Attributes;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.io.UntrustedText;
import dev.vinfer.onnx.proto.AttributeProto;
import dev.vinfer.onnx.proto.DataTypes;
import dev.vinfer.onnx.proto.MalformedModelException;
import dev.vinfer.onnx.proto.NodeProto;
import dev.vinfer.onnx.proto.TensorProto;
import dev.vinfer.tensor.NdArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shape-arithmetic operators (Shape, Gather, Slice, Split, Cast, ConstantOfShape, Unsqueeze,
 * Squeeze, Expand, Range, Equal, Where) in their newest form: what older opsets gave as attributes
 * (Slice's starts/ends/axes before opset 10; Unsqueeze's and Squeeze's axes and Split's sizes
 * before 13) becomes constant int64 inputs. Cast and ConstantOfShape whose result is an integer
 * tensor are marked {@link Ops#INTEGER_OUTPUT}; {@link IntegerValues} marks the rest.
 */
final class ShapeOpTranslator {
    private final NodeTranslator translator;
    private final ConstantTable constants;
    private final int opset;

    ShapeOpTranslator(NodeTranslator translator, ConstantTable constants, int opset) {
        this.translator = translator;
        this.constants = constants;
        this.opset = opset;
    }

    static boolean handles(String op) {
        return switch (op) {
            case Ops.SHAPE, Ops.GATHER, Ops.SLICE, Ops.SPLIT, Ops.CAST, Ops.CONSTANT_OF_SHAPE, Ops.UNSQUEEZE, Ops.SQUEEZE,
                 Ops.EXPAND, Ops.RANGE, Ops.EQUAL, Ops.WHERE -> true;
            default -> false;
        };
    }

    Node translate(NodeProto proto, String name, Map<String, AttributeProto> attributes) {
        String op = proto.opType();
        List<String> inputs = new ArrayList<>(proto.inputs());
        List<String> outputs = op.equals(Ops.SPLIT) ? splitOutputs(proto) : singleOutput(proto, op);
        Attributes.Builder b = Attributes.builder();
        switch (op) {
            case Ops.SHAPE -> {
                if (opset < 15 && !attributes.isEmpty()) {
                    throw translator.fail("attributes start and end exist from opset 15 on");
                }
                copyInt(attributes, "start", b);
                copyInt(attributes, "end", b);
            }
            case Ops.GATHER -> copyInt(attributes, "axis", b);
            case Ops.SLICE -> {
                if (opset < 10) {
                    requireNoInputs(inputs, "starts, ends and axes", 10);
                    inputs.add(intsInput(attributes, "starts", 10, true));
                    inputs.add(intsInput(attributes, "ends", 10, true));
                    inputs.add(attributes.containsKey("axes") ? intsInput(attributes, "axes", 10, false) : "");
                } else {
                    requireNoAttributes(attributes, "starts, ends and axes", 10);
                    requireInputs(inputs, 3, "data, starts and ends");
                }
            }
            case Ops.SPLIT -> {
                copyInt(attributes, "axis", b);
                if (opset < 13) {
                    requireNoInputs(inputs, "split", 13);
                    inputs.add(attributes.containsKey("split") ? intsInput(attributes, "split", 13, false) : "");
                } else if (attributes.containsKey("split")) {
                    throw translator.fail("takes split as an input from opset 13 on, not as an attribute");
                }
            }
            case Ops.UNSQUEEZE, Ops.SQUEEZE -> {
                boolean required = op.equals(Ops.UNSQUEEZE);
                if (opset < 13) {
                    requireNoInputs(inputs, "axes", 13);
                    if (required && !attributes.containsKey("axes")) {
                        throw translator.fail("attribute axes is required before opset 13");
                    }
                    inputs.add(attributes.containsKey("axes") ? intsInput(attributes, "axes", 13, false) : "");
                } else {
                    requireNoAttributes(attributes, "axes", 13);
                    if (required) {
                        requireInputs(inputs, 2, "data and axes");
                    }
                }
            }
            case Ops.CAST -> {
                AttributeProto to = attributes.get("to");
                if (to == null) {
                    throw translator.fail("attribute to is required");
                }
                int type = (int) to.i();
                if (type != TensorProto.FLOAT && type != TensorProto.DOUBLE && !DataTypes.isInteger(type)) {
                    throw translator.fail("to = " + DataTypes.name(type) + " is not supported (FLOAT, DOUBLE, integer types and BOOL; "
                            + "vinfer computes in float32)");
                }
                b.set("to", (long) type);
                integer(b, DataTypes.isInteger(type));
            }
            case Ops.CONSTANT_OF_SHAPE -> {
                AttributeProto value = attributes.get("value");
                boolean integer = false;
                if (value != null) {
                    TensorProto t = value.t();
                    if (t == null) {
                        throw translator.fail("attribute value holds no tensor");
                    }
                    try {
                        NdArray v = NdArray.wrap(t.shape(), t.toFloats());
                        if (v.size() != 1) {
                            throw translator.fail("value must hold one element, it has shape " + v.shapeText());
                        }
                        b.set("value", v);
                    } catch (MalformedModelException e) {
                        throw translator.fail(e.getMessage());
                    }
                    integer = DataTypes.isInteger(t.dataType());
                }
                integer(b, integer);
            }
            default -> {
                // Expand, Range, Equal, Where: no attributes
            }
        }
        return new Node(name, op, inputs, outputs, b.build());
    }

    private static void integer(Attributes.Builder b, boolean integer) {
        if (integer) {
            b.set(Ops.INTEGER_OUTPUT, 1L);
        }
    }

    private List<String> singleOutput(NodeProto proto, String op) {
        List<String> outputs = proto.outputs();
        for (int i = 1; i < outputs.size(); i++) {
            if (!outputs.get(i).isEmpty()) {
                throw translator.fail("has " + outputs.size() + " outputs, vinfer reads one");
            }
        }
        return List.of(outputs.getFirst());
    }

    private List<String> splitOutputs(NodeProto proto) {
        for (String output : proto.outputs()) {
            if (output.isEmpty()) {
                throw translator.fail("an output of Split has no name");
            }
        }
        return proto.outputs();
    }

    private static void copyInt(Map<String, AttributeProto> attributes, String key, Attributes.Builder b) {
        if (attributes.containsKey(key)) {
            b.set(key, attributes.get(key).i());
        }
    }

    /** Before {@code untilOpset} these were attributes: only the data input may be given. */
    private void requireNoInputs(List<String> inputs, String what, int untilOpset) {
        long given = inputs.stream().skip(1).filter(s -> !s.isEmpty()).count();
        if (given > 0) {
            throw translator.fail("takes " + what + " as attributes before opset " + untilOpset + ", not as inputs");
        }
        while (inputs.size() > 1) {
            inputs.removeLast();
        }
    }

    private void requireNoAttributes(Map<String, AttributeProto> attributes, String what, int fromOpset) {
        for (String key : attributes.keySet()) {
            if (!key.equals("axis")) {
                throw translator.fail("takes " + what + " as inputs from opset " + fromOpset + " on, not as attributes (" + UntrustedText.quote(key) + ")");
            }
        }
    }

    private void requireInputs(List<String> inputs, int count, String what) {
        for (int i = 0; i < count; i++) {
            if (i >= inputs.size() || inputs.get(i).isEmpty()) {
                throw translator.fail("input " + i + " is missing (" + what + " are required)");
            }
        }
    }

    /**
     * A legacy ints attribute (an input from {@code untilOpset} on) as a new int64 constant input.
     * Slice bounds may hold huge values (INT64_MAX for "to the end"): with {@code bounds} they are
     * saturated and may then only be read as bounds; anywhere else they are an error.
     */
    private String intsInput(Map<String, AttributeProto> attributes, String key, int untilOpset, boolean bounds) {
        AttributeProto a = attributes.get(key);
        if (a == null) {
            throw translator.fail("attribute " + key + " is required before opset " + untilOpset);
        }
        long[] ints = a.ints();
        float[] values = new float[ints.length];
        Long inexact = null;
        for (int i = 0; i < ints.length; i++) {
            long v = ints[i];
            if (v > 1 << 24 || v < -(1 << 24)) {
                if (!bounds) {
                    throw translator.fail(key + " holds " + v + ", out of range");
                }
                inexact = inexact == null ? v : inexact;
                v = v > 0 ? 1 << 30 : -(1 << 30);
            }
            values[i] = v;
        }
        String value = translator.constant(key, NdArray.vector(values), TensorProto.INT64);
        if (inexact != null) {
            constants.markInexact(value, inexact);
        }
        return value;
    }
}
