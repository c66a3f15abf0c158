package dev.vinfer.plan;

import dev.vinfer.graph.Node;

/**
 * A node the planner cannot turn into steps: an unsupported attribute value, a shape that does not
 * fit, a computed weight. The message names the node and its operator; the engine adds the file.
 */
public final class PlanException extends IllegalArgumentException {
    /**
     * A problem with one node.
     *
     * @param node    the node that cannot be planned
     * @param problem what is wrong, for a message that starts with the node's name and operator
     */
    public PlanException(Node node, String problem) {
        super("node " + node.name() + " (" + node.op() + "): " + problem);
    }
}
