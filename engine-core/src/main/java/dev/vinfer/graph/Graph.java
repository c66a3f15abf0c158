package dev.vinfer.graph;

import dev.vinfer.tensor.NdArray;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model as the engine sees it: a directed acyclic graph of named values. Values are graph inputs,
 * constants (weights) and node outputs; each is defined once (static single assignment), and the
 * nodes are in topological order (every input defined before it is used). Immutable: a pass returns a
 * new graph. Shapes are logical (the model's own layout, NCHW for images); the planner chooses the
 * physical layout.
 *
 * <p>The constructor checks the structure, so a graph that exists is well formed: an importer that
 * builds a bad one gets an {@link IllegalArgumentException} naming the node and the value.
 * {@link TopologicalOrder} sorts the nodes of a file that lists them out of order and finds cycles.
 *
 * @param name      the model's name, as the file or the provider gives it (shown in messages and by
 *                  {@code vinfer info})
 * @param inputs    graph inputs the caller feeds (constants are not among them)
 * @param outputs   graph outputs, in order; each must be defined by the graph
 * @param nodes     the operations, in topological order
 * @param constants weights and other tensors known at load time, by value name; the graph shares
 *                  these arrays and never writes them
 * @param metadata  labels and preprocessing; {@code null} stands for {@link ModelMetadata#NONE}
 */
public record Graph(String name, List<ValueInfo> inputs, List<ValueInfo> outputs, List<Node> nodes,
                    Map<String, NdArray> constants, ModelMetadata metadata) {

    /**
     * Copies the lists and the map (not the tensors) and checks the structure.
     *
     * @throws IllegalArgumentException when an operator is not in {@link Ops#ALL}, a node or value
     *                                  name is defined twice, a node reads a value not defined before
     *                                  it, or the graph has no output or an undefined one
     */
    public Graph {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        nodes = List.copyOf(nodes);
        constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        if (metadata == null) {
            metadata = ModelMetadata.NONE;
        }
        validate(inputs, outputs, nodes, constants);
    }

    private static void validate(List<ValueInfo> inputs, List<ValueInfo> outputs, List<Node> nodes,
                                 Map<String, NdArray> constants) {
        Set<String> defined = new HashSet<>();
        for (ValueInfo input : inputs) {
            if (!defined.add(input.name())) {
                throw new IllegalArgumentException("graph input " + input.name() + " is declared twice");
            }
            if (constants.containsKey(input.name())) {
                throw new IllegalArgumentException("value " + input.name() + " is both a graph input and a constant");
            }
        }
        defined.addAll(constants.keySet());
        Set<String> nodeNames = new HashSet<>();
        for (Node node : nodes) {
            if (!Ops.ALL.contains(node.op())) {
                throw new IllegalArgumentException("node " + node.name() + ": operator " + node.op() + " is not a core operator");
            }
            if (!nodeNames.add(node.name())) {
                throw new IllegalArgumentException("node name " + node.name() + " is used twice");
            }
            for (String in : node.inputs()) {
                if (!in.isEmpty() && !defined.contains(in)) {
                    throw new IllegalArgumentException("node " + node.name() + " (" + node.op() + ") reads " + in
                            + ", which no graph input, constant or earlier node defines");
                }
            }
            for (String out : node.outputs()) {
                if (out.isEmpty() || !defined.add(out)) {
                    throw new IllegalArgumentException("node " + node.name() + " (" + node.op() + ") defines value '" + out
                            + "', which is empty or already defined");
                }
            }
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("the graph has no outputs");
        }
        for (ValueInfo output : outputs) {
            if (!defined.contains(output.name())) {
                throw new IllegalArgumentException("graph output " + output.name() + " is not defined by any node, input or constant");
            }
        }
    }

    /**
     * {@return the node that defines {@code value}, or {@code null} for inputs and constants}
     *
     * @param value a value name
     */
    public Node producer(String value) {
        for (Node node : nodes) {
            if (node.outputs().contains(value)) {
                return node;
            }
        }
        return null;
    }

    /**
     * {@return the nodes that read {@code value}, in graph order}
     *
     * @param value a value name
     */
    public List<Node> consumers(String value) {
        return nodes.stream().filter(n -> n.inputs().contains(value)).toList();
    }

    /**
     * {@return whether {@code value} is one of the graph's outputs}
     *
     * @param value a value name
     */
    public boolean isGraphOutput(String value) {
        return outputs.stream().anyMatch(o -> o.name().equals(value));
    }

    /**
     * {@return whether {@code value} is a constant (known at load time)}
     *
     * @param value a value name
     */
    public boolean isConstant(String value) {
        return constants.containsKey(value);
    }

    /**
     * {@return the graph input named {@code inputName}, or {@code null} when there is none}
     *
     * @param inputName an input's name
     */
    public ValueInfo input(String inputName) {
        return inputs.stream().filter(i -> i.name().equals(inputName)).findFirst().orElse(null);
    }

    /**
     * {@return this graph with other nodes and constants (what a pass produces), checked anew}
     *
     * @param newNodes     the operations, in topological order
     * @param newConstants the constants by value name
     */
    public Graph withNodes(List<Node> newNodes, Map<String, NdArray> newConstants) {
        return new Graph(name, inputs, outputs, newNodes, newConstants, metadata);
    }

    /**
     * {@return this graph with other labels and preprocessing}
     *
     * @param newMetadata the metadata; {@code null} for {@link ModelMetadata#NONE}
     */
    public Graph withMetadata(ModelMetadata newMetadata) {
        return new Graph(name, inputs, outputs, nodes, constants, newMetadata);
    }

    /**
     * {@return this graph with other input declarations (for example a fixed batch or image size)}
     *
     * @param newInputs the graph inputs
     */
    public Graph withInputs(List<ValueInfo> newInputs) {
        return new Graph(name, newInputs, outputs, nodes, constants, metadata);
    }

    /** {@return the sum of the sizes of every constant, the model's parameter count} */
    public long parameterCount() {
        long total = 0;
        for (NdArray c : constants.values()) {
            total += c.size();
        }
        return total;
    }
}
