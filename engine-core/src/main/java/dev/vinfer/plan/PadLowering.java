package dev.vinfer.plan;

import dev.vinfer.graph.Node;

/** Pad in plain layout (a zero Pad before a Conv was already folded into its padding). */
final class PadLowering {
    private PadLowering() {
    }

    static void lower(PlanBuilder plan, Node node) {
        throw new PlanException(node, "Pad is not wired yet");
    }
}
