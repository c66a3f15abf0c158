package dev.vinfer.onnx;

import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.graph.ValueInfo;
import dev.vinfer.io.UntrustedText;
import dev.vinfer.onnx.proto.MalformedModelException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the values that are integer (or boolean) tensors in the model and marks the nodes that
 * make them with {@link Ops#INTEGER_OUTPUT}, so the engine keeps integer semantics (Div truncates).
 * Integer tensors start at int64/int32/bool constants, Shape, Equal, and Cast or ConstantOfShape to
 * an integer type, and flow through the shape-arithmetic operators, whose result has the type of
 * their data input. They may be read only by shape arithmetic and where ONNX wants integers
 * (a Reshape's shape, Pad's pads, Slice's bounds, Gather's indices, axes...); read anywhere else,
 * vinfer would compute in float what the model computes in integers, so that is an error. Integer
 * constants float32 cannot hold exactly (INT64_MAX as "to the end") may only be Slice's bounds.
 */
final class IntegerValues {
    /** Inputs ONNX defines as integers whatever the node computes: shapes, pads, bounds, indices, axes, sizes, conditions. */
    private static final Map<String, Set<Integer>> INTEGER_INPUTS = Map.ofEntries(
            Map.entry(Ops.RESHAPE, Set.of(1)), Map.entry(Ops.PAD, Set.of(1)), Map.entry(Ops.SLICE, Set.of(1, 2, 3, 4)),
            Map.entry(Ops.GATHER, Set.of(1)), Map.entry(Ops.UNSQUEEZE, Set.of(1)), Map.entry(Ops.SQUEEZE, Set.of(1)),
            Map.entry(Ops.EXPAND, Set.of(1)), Map.entry(Ops.CONSTANT_OF_SHAPE, Set.of(0)), Map.entry(Ops.SPLIT, Set.of(1)),
            Map.entry(Ops.WHERE, Set.of(0)), Map.entry(Ops.CAST, Set.of(0)), Map.entry(Ops.SHAPE, Set.of(0)));
    /** Operators whose output has the element type of their input 0. */
    private static final Set<String> TYPE_OF_INPUT_0 = Set.of(Ops.GATHER, Ops.SLICE, Ops.SPLIT, Ops.UNSQUEEZE, Ops.SQUEEZE,
            Ops.EXPAND, Ops.RANGE, Ops.CONCAT, Ops.RESHAPE, Ops.TRANSPOSE, Ops.FLATTEN, Ops.IDENTITY, Ops.DROPOUT, Ops.ADD,
            Ops.SUB, Ops.MUL, Ops.DIV);

    private IntegerValues() {
    }

    /** The nodes (in topological order), integer-producing ones marked; throws on an integer read as a real number. */
    static List<Node> mark(List<Node> nodes, List<ValueInfo> outputs, ConstantTable constants, int opset) {
        Set<String> integers = new HashSet<>();
        constants.values().keySet().stream().filter(c -> !constants.isFloat(c)).forEach(integers::add);
        List<Node> marked = new ArrayList<>(nodes.size());
        for (Node node : nodes) {
            boolean integer = switch (node.op()) {
                case Ops.SHAPE, Ops.EQUAL -> true;
                case Ops.CAST, Ops.CONSTANT_OF_SHAPE -> node.attributes().getLong(Ops.INTEGER_OUTPUT, 0) != 0;
                case Ops.WHERE -> integers.contains(node.input(1));
                default -> TYPE_OF_INPUT_0.contains(node.op()) && integers.contains(node.input(0));
            };
            for (int i = 0; i < node.inputs().size(); i++) {
                check(node, i, integer, integers, constants, opset);
            }
            if (integer) {
                node = node.withAttributes(node.attributes().toBuilder().set(Ops.INTEGER_OUTPUT, 1L).build());
                integers.addAll(node.outputs());
            }
            marked.add(node);
        }
        for (ValueInfo output : outputs) {
            if (integers.contains(output.name())) {
                String type = constants.contains(output.name()) ? "a " + constants.typeName(output.name()) : "an integer";
                throw new MalformedModelException("graph output " + UntrustedText.quote(output.name()) + " is " + type
                        + " tensor; vinfer runs float32 tensors only");
            }
        }
        return marked;
    }

    private static void check(Node node, int i, boolean integerNode, Set<String> integers, ConstantTable constants, int opset) {
        String in = node.input(i);
        if (in.isEmpty()) {
            return;
        }
        Long inexact = constants.contains(in) ? constants.inexactInteger(in) : null;
        boolean sliceBound = node.op().equals(Ops.SLICE) && (i == 1 || i == 2);
        if (inexact != null && !sliceBound) {
            throw fail(node, opset, "input " + i + " " + UntrustedText.quote(in) + " holds the integer " + inexact
                    + ", which float32 cannot hold exactly (vinfer reads such values only as Slice's starts and ends)");
        }
        if (integers.contains(in) && !integerNode && !INTEGER_INPUTS.getOrDefault(node.op(), Set.of()).contains(i)) {
            String type = constants.contains(in) ? "a " + constants.typeName(in) : "an integer";
            throw fail(node, opset, "input " + i + " " + UntrustedText.quote(in) + " is " + type + " tensor; vinfer reads integer "
                    + "tensors only in shape arithmetic and as shapes, pads, slice bounds, indices and axes");
        }
    }

    private static MalformedModelException fail(Node node, int opset, String problem) {
        return new MalformedModelException("node " + UntrustedText.name(node.name()) + " (" + node.op() + ", opset " + opset + "): " + problem);
    }
}
