package dev.vinfer.plan;

import dev.vinfer.graph.Node;

/**
 * A node the planner cannot turn into steps: an unsupported attribute value, a shape that does not
 * fit, a computed weight. The message names the node and its operator; the engine adds the file.
 */
public final class PlanException extends IllegalArgumentException {
    public PlanException(Node node, String problem) {
        super("node " + node.name() + " (" + node.op() + "): " + problem);
    }
}
