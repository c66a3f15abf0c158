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
 * @param outputs value names, each produced by this node only
 */
public record Node(String name, String op, List<String> inputs, List<String> outputs, Attributes attributes) {

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

    public Node(String name, String op, List<String> inputs, List<String> outputs) {
        this(name, op, inputs, outputs, Attributes.NONE);
    }

    /** Input {@code i}, or {@code ""} when it is omitted or beyond the list. */
    public String input(int i) {
        return i < inputs.size() ? inputs.get(i) : "";
    }

    public boolean hasInput(int i) {
        return !input(i).isEmpty();
    }

    public String output() {
        return outputs.getFirst();
    }

    public Node withInputs(List<String> newInputs) {
        return new Node(name, op, newInputs, outputs, attributes);
    }

    public Node withOutputs(List<String> newOutputs) {
        return new Node(name, op, inputs, newOutputs, attributes);
    }

    public Node withAttributes(Attributes newAttributes) {
        return new Node(name, op, inputs, outputs, newAttributes);
    }

    @Override
    public String toString() {
        return name + " = " + op + inputs + " -> " + outputs + (attributes.names().isEmpty() ? "" : " " + attributes);
    }
}
