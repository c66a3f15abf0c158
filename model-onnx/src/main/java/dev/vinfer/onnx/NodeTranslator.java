package dev.vinfer.onnx;

import dev.vinfer.graph.Attributes;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.io.UntrustedText;
import dev.vinfer.onnx.proto.AttributeProto;
import dev.vinfer.onnx.proto.MalformedModelException;
import dev.vinfer.onnx.proto.NodeProto;
import dev.vinfer.onnx.proto.TensorProto;
import dev.vinfer.tensor.NdArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one ONNX node of a given opset into the core form of {@link Ops}: checks the operator, its
 * inputs and every attribute against {@link OperatorSpec}, and normalises what older opsets said
 * differently (Clip's and Pad's attributes become constant inputs, Softmax before opset 13 is marked
 * legacy, Dropout loses its ratio and training inputs). Constant nodes become constants. Any problem
 * is one {@link MalformedModelException} naming the node, the operator and the opset.
 */
final class NodeTranslator {
    private static final Set<String> AUTO_PAD = Set.of("NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID");
    private static final Set<String> PAD_MODES = Set.of("constant", "reflect", "edge");

    private final int opset;
    private final ConstantTable constants;
    /** Values read by some node or by the graph's outputs (a Dropout mask may exist only unread). */
    private final Set<String> readValues;
    private final FreshNames fresh;

    private NodeProto proto;
    private String name;

    NodeTranslator(int opset, ConstantTable constants, Set<String> readValues, FreshNames fresh) {
        this.opset = opset;
        this.constants = constants;
        this.readValues = readValues;
        this.fresh = fresh;
    }

    /** The core nodes: usually one, none when the node became a constant (Constant), two for ReduceMean without keepdims. */
    List<Node> translate(NodeProto node, String nodeName) {
        this.proto = node;
        this.name = nodeName;
        String domain = node.domain();
        if (!domain.isEmpty() && !domain.equals("ai.onnx")) {
            throw fail("operator domain " + UntrustedText.quote(domain) + " is not supported (only the default ONNX domain)");
        }
        OperatorSpec spec = OperatorSpec.of(node.opType());
        if (spec == null) {
            throw fail("operator " + UntrustedText.quote(node.opType()) + " is not supported (vinfer reads "
                    + String.join(", ", OperatorSpec.supported()) + ")");
        }
        if (opset < spec.minOpset()) {
            throw fail("vinfer reads " + node.opType() + " from opset " + spec.minOpset() + " on");
        }
        checkInputs(spec);
        Map<String, AttributeProto> attributes = attributes(spec);
        return switch (node.opType()) {
            case Ops.CONSTANT -> constant(attributes);
            case OperatorSpec.REDUCE_MEAN -> reduceMean(attributes);
            case Ops.CLIP -> List.of(clip(attributes));
            case Ops.PAD -> List.of(pad(attributes));
            case Ops.DROPOUT -> List.of(dropout());
            default -> ShapeOpTranslator.handles(node.opType())
                    ? List.of(new ShapeOpTranslator(this, constants, opset).translate(node, name, attributes))
                    : List.of(plain(spec, attributes));
        };
    }

    private void checkInputs(OperatorSpec spec) {
        List<String> inputs = proto.inputs();
        int given = inputs.size();
        while (given > 0 && inputs.get(given - 1).isEmpty()) {
            given--; // trailing omitted optional inputs
        }
        if (given > spec.maxInputs()) {
            throw fail("has " + given + " inputs, at most " + spec.maxInputs() + " are allowed");
        }
        for (int i = 0; i < spec.minInputs(); i++) {
            if (i >= inputs.size() || inputs.get(i).isEmpty()) {
                throw fail("input " + i + " is missing (" + spec.minInputs() + " required)");
            }
        }
        if (proto.outputs().isEmpty() || proto.outputs().getFirst().isEmpty()) {
            throw fail("has no output");
        }
    }

    /** The node's attributes by name, each checked to be known, of the right type, and not a subgraph. */
    private Map<String, AttributeProto> attributes(OperatorSpec spec) {
        Map<String, AttributeProto> byName = new LinkedHashMap<>(); // file order, so the graph is deterministic
        for (AttributeProto a : proto.attributes()) {
            String shown = UntrustedText.quote(a.name());
            if (a.unsupported() != null) {
                throw fail("attribute " + shown + " holds " + a.unsupported() + ", which vinfer does not support");
            }
            if (a.isReference()) {
                throw fail("attribute " + shown + " refers to a function's attribute, which vinfer does not support");
            }
            Integer expected = spec.attributes().get(a.name());
            if (expected == null) {
                throw fail("attribute " + shown + " is not supported");
            }
            if (a.type() != expected) {
                throw fail("attribute " + shown + " is " + AttributeProto.typeName(a.type()) + ", expected " + AttributeProto.typeName(expected));
            }
            if (byName.put(a.name(), a) != null) {
                throw fail("attribute " + shown + " is given twice");
            }
        }
        return byName;
    }

    /** Operators whose attributes pass through once checked. */
    private Node plain(OperatorSpec spec, Map<String, AttributeProto> attributes) {
        Attributes.Builder b = Attributes.builder();
        for (AttributeProto a : attributes.values()) {
            copy(a, b);
        }
        List<String> outputs = outputs(spec.op());
        switch (spec.op()) {
            case Ops.CONV -> {
                checkWindow(attributes, false);
                positive(attributes, "group");
                NdArray weight = constants.get(proto.inputs().get(1));
                if (weight != null && weight.rank() != 4) {
                    throw fail("weight " + UntrustedText.quote(proto.inputs().get(1)) + " has shape " + weight.shapeText()
                            + "; only 2-D convolutions (a rank-4 weight) are supported");
                }
            }
            case Ops.MAX_POOL, Ops.AVERAGE_POOL -> {
                checkWindow(attributes, true);
                flag(attributes, "ceil_mode");
                flag(attributes, "count_include_pad");
                b.remove("storage_order");
            }
            case Ops.BATCH_NORMALIZATION -> {
                if (intAttribute(attributes, "spatial", 1) != 1) {
                    throw fail("spatial = 0 (per-position statistics) is not supported");
                }
                if (intAttribute(attributes, "training_mode", 0) != 0) {
                    throw fail("training_mode = 1 is not supported (inference only)");
                }
                b.remove("spatial").remove("training_mode").remove("momentum");
                b.set("epsilon", floatAttribute(attributes, "epsilon", 1e-5f));
            }
            case Ops.LEAKY_RELU -> b.set("alpha", floatAttribute(attributes, "alpha", 0.01f));
            case Ops.HARD_SIGMOID -> {
                b.set("alpha", floatAttribute(attributes, "alpha", 0.2f));
                b.set("beta", floatAttribute(attributes, "beta", 0.5f));
            }
            case Ops.FLATTEN -> b.set("axis", intAttribute(attributes, "axis", 1));
            case Ops.CONCAT -> {
                if (!attributes.containsKey("axis")) {
                    throw fail("attribute axis is required");
                }
            }
            case Ops.GEMM -> {
                flag(attributes, "transA");
                flag(attributes, "transB");
            }
            case Ops.RESHAPE -> flag(attributes, "allowzero");
            case Ops.SOFTMAX -> {
                if (opset < 13) {
                    b.set(Ops.LEGACY_SOFTMAX, 1L);
                    b.set("axis", intAttribute(attributes, "axis", 1));
                } else {
                    b.set("axis", intAttribute(attributes, "axis", -1));
                }
            }
            default -> {
            }
        }
        return new Node(name, spec.op(), proto.inputs(), outputs, b.build());
    }

    /**
     * The outputs kept: the first, plus nothing else. BatchNormalization's statistics and MaxPool's
     * Indices exist only in training or for unpooling and must be omitted (empty names).
     */
    private List<String> outputs(String op) {
        List<String> outputs = proto.outputs();
        for (int i = 1; i < outputs.size(); i++) {
            if (!outputs.get(i).isEmpty()) {
                String what = switch (op) {
                    case Ops.BATCH_NORMALIZATION -> "training statistics (outputs 1 to 4) are not supported";
                    case Ops.MAX_POOL -> "the Indices output is not supported";
                    default -> "has " + outputs.size() + " outputs, vinfer reads one";
                };
                throw fail(what);
            }
        }
        return List.of(outputs.getFirst());
    }

    /** kernel_shape, strides, dilations, pads and auto_pad of a 2-D convolution or pool. */
    private void checkWindow(Map<String, AttributeProto> attributes, boolean kernelRequired) {
        AttributeProto kernel = attributes.get("kernel_shape");
        if (kernel == null && kernelRequired) {
            throw fail("attribute kernel_shape is required");
        }
        if (kernel != null && kernel.ints().length != 2) {
            throw fail("kernel_shape has " + kernel.ints().length + " entries; only 2-D windows are supported");
        }
        ints(attributes, "kernel_shape", 2, 1);
        ints(attributes, "strides", 2, 1);
        ints(attributes, "dilations", 2, 1);
        ints(attributes, "pads", 4, 0);
        AttributeProto autoPad = attributes.get("auto_pad");
        if (autoPad != null && !AUTO_PAD.contains(autoPad.s())) {
            throw fail("auto_pad = " + UntrustedText.quote(autoPad.s()) + " is not supported (NOTSET, SAME_UPPER, SAME_LOWER, VALID)");
        }
    }

    private void ints(Map<String, AttributeProto> attributes, String key, int count, long min) {
        AttributeProto a = attributes.get(key);
        if (a == null) {
            return;
        }
        if (a.ints().length != count) {
            throw fail(key + " has " + a.ints().length + " entries, expected " + count + " (2-D only)");
        }
        for (long v : a.ints()) {
            if (v < min || v > 1 << 16) {
                throw fail(key + " holds " + v + ", expected " + min + " to " + (1 << 16));
            }
        }
    }

    private void positive(Map<String, AttributeProto> attributes, String key) {
        long v = intAttribute(attributes, key, 1);
        if (v < 1 || v > 1 << 20) {
            throw fail(key + " = " + v + " is out of range");
        }
    }

    private void flag(Map<String, AttributeProto> attributes, String key) {
        long v = intAttribute(attributes, key, 0);
        if (v != 0 && v != 1) {
            throw fail(key + " = " + v + ", expected 0 or 1");
        }
    }

    /** Clip: before opset 11 the bounds are attributes; they become constant inputs here. */
    private Node clip(Map<String, AttributeProto> attributes) {
        List<String> inputs = new ArrayList<>(proto.inputs());
        if (opset < 11) {
            if (inputs.size() > 1) {
                throw fail("takes its bounds as attributes before opset 11, not as inputs");
            }
            inputs.add(attributes.containsKey("min") ? scalarConstant("min", attributes.get("min").f()) : "");
            inputs.add(attributes.containsKey("max") ? scalarConstant("max", attributes.get("max").f()) : "");
        } else if (!attributes.isEmpty()) {
            throw fail("takes its bounds as inputs from opset 11 on, not as attributes");
        }
        return new Node(name, Ops.CLIP, inputs, outputs(Ops.CLIP), Attributes.NONE);
    }

    /** Pad: before opset 11, pads and value are attributes; they become constant inputs here. */
    private Node pad(Map<String, AttributeProto> attributes) {
        String mode = attributes.containsKey("mode") ? attributes.get("mode").s() : "constant";
        if (!PAD_MODES.contains(mode)) {
            throw fail("mode = " + UntrustedText.quote(mode) + " is not supported (constant, reflect, edge)");
        }
        List<String> inputs = new ArrayList<>(proto.inputs());
        if (opset < 11) {
            AttributeProto pads = attributes.get("pads");
            if (pads == null) {
                throw fail("attribute pads is required before opset 11");
            }
            if (inputs.size() > 1) {
                throw fail("takes pads and value as attributes before opset 11, not as inputs");
            }
            float[] values = new float[pads.ints().length];
            for (int i = 0; i < values.length; i++) {
                long p = pads.ints()[i];
                if (p < -(1 << 16) || p > 1 << 16) { // not Math.abs: it leaves Long.MIN_VALUE negative
                    throw fail("pads holds " + p + ", out of range");
                }
                values[i] = p;
            }
            inputs.add(constant("pads", NdArray.vector(values), TensorProto.INT64));
            inputs.add(scalarConstant("value", attributes.containsKey("value") ? attributes.get("value").f() : 0f));
        } else {
            if (attributes.containsKey("pads") || attributes.containsKey("value")) {
                throw fail("takes pads and value as inputs from opset 11 on, not as attributes");
            }
            if (inputs.size() < 2 || inputs.get(1).isEmpty()) {
                throw fail("input 1 (pads) is missing");
            }
        }
        return new Node(name, Ops.PAD, inputs, outputs(Ops.PAD), Attributes.builder().set("mode", mode).build());
    }

    /** Dropout at inference is the identity: ratio is dropped, training mode refused, the mask only if unread. */
    private Node dropout() {
        String training = proto.inputs().size() > 2 ? proto.inputs().get(2) : "";
        if (!training.isEmpty()) {
            if (!constants.contains(training)) {
                throw fail("training_mode is not a constant; only inference (training_mode = false) is supported");
            }
            NdArray mode = constants.get(training);
            if (mode.size() != 1 || mode.data()[0] != 0f) {
                throw fail("training_mode is true; only inference is supported");
            }
        }
        List<String> outputs = proto.outputs();
        if (outputs.size() > 2) {
            throw fail("has " + outputs.size() + " outputs, at most 2 are allowed");
        }
        if (outputs.size() == 2 && !outputs.get(1).isEmpty() && readValues.contains(outputs.get(1))) {
            throw fail("its mask output " + UntrustedText.quote(outputs.get(1)) + " is used, which is not supported");
        }
        return new Node(name, Ops.DROPOUT, List.of(proto.inputs().getFirst()), List.of(outputs.getFirst()), Attributes.NONE);
    }

    /**
     * ReduceMean over the spatial axes [2, 3] of an NCHW tensor (PyTorch's {@code x.mean([2, 3])},
     * e.g. MnasNet) is GlobalAveragePool, followed by Flatten when {@code keepdims} = 0. Other axes
     * are refused. The input is assumed to be rank 4 (the engine's convolutions are 2-D); a graph
     * input of another declared rank is refused by the graph builder.
     */
    private List<Node> reduceMean(Map<String, AttributeProto> attributes) {
        AttributeProto axes = attributes.get("axes");
        if (axes == null || !java.util.Arrays.equals(axes.ints(), new long[] {2, 3})) {
            throw fail("only the spatial mean, axes = [2, 3] of an NCHW tensor, is supported (as GlobalAveragePool)");
        }
        long keepDims = intAttribute(attributes, "keepdims", 1);
        if (keepDims != 0 && keepDims != 1) {
            throw fail("keepdims = " + keepDims + ", expected 0 or 1");
        }
        String input = proto.inputs().getFirst();
        String output = outputs(OperatorSpec.REDUCE_MEAN).getFirst();
        if (keepDims == 1) {
            return List.of(new Node(name, Ops.GLOBAL_AVERAGE_POOL, List.of(input), List.of(output)));
        }
        String pooled = fresh.value(output + "/pooled");
        return List.of(new Node(name, Ops.GLOBAL_AVERAGE_POOL, List.of(input), List.of(pooled)),
                new Node(fresh.node(name + "/flatten"), Ops.FLATTEN, List.of(pooled), List.of(output),
                        Attributes.builder().set("axis", 1L).build()));
    }

    /** Constant: its one value attribute becomes a constant of the graph. */
    private List<Node> constant(Map<String, AttributeProto> attributes) {
        if (attributes.size() != 1) {
            throw fail("needs exactly one value attribute, has " + attributes.size());
        }
        outputs(Ops.CONSTANT);
        String output = proto.outputs().getFirst();
        AttributeProto a = attributes.values().iterator().next();
        if (a.name().startsWith("value_") && opset < 12) {
            throw fail("attribute " + a.name() + " exists from opset 12 on");
        }
        if (a.name().equals("value") && a.t() == null) {
            throw fail("attribute value holds no tensor");
        }
        try {
            switch (a.name()) {
                case "value" -> constants.addTensor(output, a.t(), "Constant");
                case "value_float" -> constants.add(output, NdArray.scalar(a.f()), TensorProto.FLOAT);
                case "value_floats" -> constants.add(output, NdArray.vector(a.floats()), TensorProto.FLOAT);
                case "value_int" -> constants.add(output, NdArray.scalar(exactInt(a.i())), TensorProto.INT64);
                default -> {
                    long[] ints = a.ints();
                    float[] values = new float[ints.length];
                    for (int i = 0; i < ints.length; i++) {
                        values[i] = exactInt(ints[i]);
                    }
                    constants.add(output, NdArray.vector(values), TensorProto.INT64);
                }
            }
        } catch (MalformedModelException e) {
            throw fail(e.getMessage());
        }
        return List.of();
    }

    private float exactInt(long v) {
        if (v < -(1 << 24) || v > 1 << 24) {
            throw fail("value " + v + " cannot be held exactly as float32");
        }
        return v;
    }

    private String scalarConstant(String role, float value) {
        return constant(role, NdArray.scalar(value), TensorProto.FLOAT);
    }

    /** A new constant for a legacy attribute, named after the node so that it is unique. */
    String constant(String role, NdArray value, int dataType) {
        String valueName = fresh.value(name + ":" + role);
        constants.add(valueName, value, dataType);
        return valueName;
    }

    private static void copy(AttributeProto a, Attributes.Builder b) {
        switch (a.type()) {
            case AttributeProto.FLOAT -> b.set(a.name(), a.f());
            case AttributeProto.INT -> b.set(a.name(), a.i());
            case AttributeProto.STRING -> b.set(a.name(), a.s());
            case AttributeProto.FLOATS -> b.set(a.name(), a.floats());
            case AttributeProto.INTS -> b.set(a.name(), a.ints());
            case AttributeProto.STRINGS -> b.set(a.name(), a.strings());
            default -> throw new IllegalStateException("attribute type " + a.type() + " passed the spec check");
        }
    }

    private static long intAttribute(Map<String, AttributeProto> attributes, String key, long defaultValue) {
        AttributeProto a = attributes.get(key);
        return a == null ? defaultValue : a.i();
    }

    private static float floatAttribute(Map<String, AttributeProto> attributes, String key, float defaultValue) {
        AttributeProto a = attributes.get(key);
        return a == null ? defaultValue : a.f();
    }

    MalformedModelException fail(String problem) {
        return new MalformedModelException("node " + UntrustedText.name(name) + " (" + UntrustedText.name(proto.opType())
                + ", opset " + opset + "): " + problem);
    }
}
