package dev.vinfer.graph.passes;

import dev.vinfer.graph.Graph;

/**
 * One named rewrite of a graph: a pure function that returns an equivalent graph (the same outputs
 * for every input, up to float rounding where it folds arithmetic). Passes know no backend; the
 * planner later decides which kernel runs each node.
 */
public interface GraphPass {

    /** Short name for logs and tests, e.g. {@code fold-batchnorm}. */
    String name();

    Graph apply(Graph graph);
}
