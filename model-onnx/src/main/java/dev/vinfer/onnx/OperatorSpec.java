package dev.vinfer.onnx;

import dev.vinfer.graph.Ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.vinfer.onnx.proto.AttributeProto.FLOAT;
import static dev.vinfer.onnx.proto.AttributeProto.FLOATS;
import static dev.vinfer.onnx.proto.AttributeProto.INT;
import static dev.vinfer.onnx.proto.AttributeProto.INTS;
import static dev.vinfer.onnx.proto.AttributeProto.STRING;
import static dev.vinfer.onnx.proto.AttributeProto.TENSOR;

/**
 * What vinfer accepts of one ONNX operator: the oldest opset whose version of it has the meaning
 * vinfer implements (older versions had other attributes, such as {@code consumed_inputs} or the
 * pre-NumPy {@code broadcast}), how many inputs, and each attribute with its type. An attribute not
 * listed is refused, so a file is never run with a setting silently ignored.
 *
 * @param minOpset   the oldest default-domain opset accepted for this operator
 * @param minInputs  inputs that must be present (non-empty)
 * @param maxInputs  inputs that may be given
 * @param attributes name to {@code AttributeProto} type
 */
record OperatorSpec(String op, int minOpset, int minInputs, int maxInputs, Map<String, Integer> attributes) {
    /** Not a core operator: translated to GlobalAveragePool (+ Flatten) for the spatial axes only. */
    static final String REDUCE_MEAN = "ReduceMean";
    /** Newest default-domain opset read: opset 18 changed Pad, ReduceMean and others. */
    static final int MAX_OPSET = 17;
    /** The opset range the issue promises; older opsets are read for operators unchanged since. */
    static final int MIN_GENERAL_OPSET = 7;

    private static final Map<String, Integer> POOL = Map.of("kernel_shape", INTS, "strides", INTS, "pads", INTS,
            "auto_pad", STRING, "ceil_mode", INT, "dilations", INTS);
    private static final Map<String, OperatorSpec> SPECS = new TreeMap<>();

    static {
        add(Ops.CONV, 1, 2, 3, Map.of("kernel_shape", INTS, "strides", INTS, "dilations", INTS, "pads", INTS,
                "group", INT, "auto_pad", STRING));
        add(Ops.BATCH_NORMALIZATION, 7, 5, 5, Map.of("epsilon", FLOAT, "momentum", FLOAT, "spatial", INT, "training_mode", INT));
        add(Ops.RELU, 6, 1, 1, Map.of());
        add(Ops.SIGMOID, 6, 1, 1, Map.of());
        add(Ops.TANH, 6, 1, 1, Map.of());
        add(Ops.LEAKY_RELU, 6, 1, 1, Map.of("alpha", FLOAT));
        add(Ops.HARD_SIGMOID, 6, 1, 1, Map.of("alpha", FLOAT, "beta", FLOAT));
        add(Ops.HARD_SWISH, 14, 1, 1, Map.of());
        add(Ops.PRELU, 7, 2, 2, Map.of());
        add(Ops.CLIP, 6, 1, 3, Map.of("min", FLOAT, "max", FLOAT));
        for (String op : new String[] {Ops.ADD, Ops.SUB, Ops.MUL, Ops.DIV}) {
            add(op, 7, 2, 2, Map.of());
        }
        Map<String, Integer> maxPool = new LinkedHashMap<>(POOL);
        maxPool.put("storage_order", INT); // only changes the Indices output, which is refused
        add(Ops.MAX_POOL, 1, 1, 1, maxPool);
        Map<String, Integer> averagePool = new LinkedHashMap<>(POOL);
        averagePool.put("count_include_pad", INT);
        add(Ops.AVERAGE_POOL, 1, 1, 1, averagePool);
        add(Ops.GLOBAL_AVERAGE_POOL, 1, 1, 1, Map.of());
        add(Ops.CONCAT, 4, 1, Integer.MAX_VALUE, Map.of("axis", INT));
        add(Ops.FLATTEN, 1, 1, 1, Map.of("axis", INT));
        add(Ops.RESHAPE, 5, 2, 2, Map.of("allowzero", INT));
        add(Ops.TRANSPOSE, 1, 1, 1, Map.of("perm", INTS));
        add(Ops.GEMM, 7, 2, 3, Map.of("alpha", FLOAT, "beta", FLOAT, "transA", INT, "transB", INT));
        add(Ops.MATMUL, 1, 2, 2, Map.of());
        add(Ops.SOFTMAX, 1, 1, 1, Map.of("axis", INT));
        add(Ops.PAD, 2, 1, 3, Map.of("mode", STRING, "pads", INTS, "value", FLOAT));
        add(Ops.IDENTITY, 1, 1, 1, Map.of());
        add(Ops.DROPOUT, 7, 1, 3, Map.of("ratio", FLOAT, "seed", INT));
        add(REDUCE_MEAN, 1, 1, 1, Map.of("axes", INTS, "keepdims", INT));
        // Shape arithmetic (ShapeOpTranslator): legacy attributes become inputs.
        add(Ops.SHAPE, 1, 1, 1, Map.of("start", INT, "end", INT));
        add(Ops.GATHER, 1, 2, 2, Map.of("axis", INT));
        add(Ops.SLICE, 1, 1, 5, Map.of("starts", INTS, "ends", INTS, "axes", INTS));
        add(Ops.SPLIT, 2, 1, 2, Map.of("axis", INT, "split", INTS));
        add(Ops.CAST, 6, 1, 1, Map.of("to", INT));
        add(Ops.CONSTANT_OF_SHAPE, 9, 1, 1, Map.of("value", TENSOR));
        add(Ops.UNSQUEEZE, 1, 1, 2, Map.of("axes", INTS));
        add(Ops.SQUEEZE, 1, 1, 2, Map.of("axes", INTS));
        add(Ops.EXPAND, 8, 2, 2, Map.of());
        add(Ops.RANGE, 11, 3, 3, Map.of());
        add(Ops.EQUAL, 7, 2, 2, Map.of());
        add(Ops.WHERE, 9, 3, 3, Map.of());
        add(Ops.CONSTANT, 1, 0, 0, Map.of("value", TENSOR, "value_float", FLOAT, "value_floats", FLOATS,
                "value_int", INT, "value_ints", INTS));
    }

    private static void add(String op, int minOpset, int minInputs, int maxInputs, Map<String, Integer> attributes) {
        SPECS.put(op, new OperatorSpec(op, minOpset, minInputs, maxInputs, Map.copyOf(attributes)));
    }

    /** The spec of an ONNX operator, or null when vinfer does not read it. */
    static OperatorSpec of(String onnxOp) {
        return SPECS.get(onnxOp);
    }

    static Set<String> supported() {
        return SPECS.keySet();
    }
}
