package dev.vinfer.graph;

import java.util.List;

/**
 * One operation of a {@link Graph}: an operator of the core set ({@link Ops}) applied to named input
 * values, producing named output values.
 *
 * @param name    unique within the graph, for errors and profiles (importers invent one when the
 *                file has none)
 * @param op      the core operator, e.g. {@link Ops#CONV}
 * @param inputs  value names; an empty string stands for an omitted optional input
 * @param outputs value names, each produced by this node only; at least one
 * @param attributes the operator's attributes ({@link Ops} lists them); {@code null} for none
 */
public record Node(String name, String op, List<String> inputs, List<String> outputs, Attributes attributes) {

    /**
     * Copies the lists.
     *
     * @throws IllegalArgumentException when the name or operator is missing, or there is no output
     */
    public Node {
        if (name == null || op == null || op.isEmpty()) {
            throw new IllegalArgumentException("a node needs a name and an operator");
        }
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("node " + name + " (" + op + ") has no outputs");
        }
        if (attributes == null) {
            attributes = Attributes.NONE;
        }
    }

    /**
     * A node without attributes.
     *
     * @param name    unique within the graph
     * @param op      the core operator
     * @param inputs  value names; an empty string omits an optional input
     * @param outputs value names, at least one
     */
    public Node(String name, String op, List<String> inputs, List<String> outputs) {
        this(name, op, inputs, outputs, Attributes.NONE);
    }

    /**
     * {@return input {@code i}, or {@code ""} when it is omitted or beyond the list}
     *
     * @param i the input's position, from 0
     */
    public String input(int i) {
        return i < inputs.size() ? inputs.get(i) : "";
    }

    /**
     * {@return whether input {@code i} is given (not omitted, not beyond the list)}
     *
     * @param i the input's position, from 0
     */
    public boolean hasInput(int i) {
        return !input(i).isEmpty();
    }

    /** {@return the first (usually the only) output} */
    public String output() {
        return outputs.getFirst();
    }

    /**
     * {@return this node reading other values}
     *
     * @param newInputs value names; an empty string omits an optional input
     */
    public Node withInputs(List<String> newInputs) {
        return new Node(name, op, newInputs, outputs, attributes);
    }

    /**
     * {@return this node defining other values}
     *
     * @param newOutputs value names, at least one
     */
    public Node withOutputs(List<String> newOutputs) {
        return new Node(name, op, inputs, newOutputs, attributes);
    }

    /**
     * {@return this node with other attributes (passes use it to fuse an activation, for example)}
     *
     * @param newAttributes the attributes; {@code null} for none
     */
    public Node withAttributes(Attributes newAttributes) {
        return new Node(name, op, inputs, outputs, newAttributes);
    }

    @Override
    public String toString() {
        return name + " = " + op + inputs + " -> " + outputs + (attributes.names().isEmpty() ? "" : " " + attributes);
    }
}
