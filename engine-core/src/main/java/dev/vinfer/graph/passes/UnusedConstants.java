package dev.vinfer.graph.passes;

import dev.vinfer.graph.Graph;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.ValueInfo;
import dev.vinfer.tensor.NdArray;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Drops constants no node reads any more (weights a fold replaced), so they are not kept in memory. */
final class UnusedConstants {
    private UnusedConstants() {
    }

    static Map<String, NdArray> drop(Graph graph) {
        Set<String> used = new HashSet<>();
        for (Node node : graph.nodes()) {
            used.addAll(node.inputs());
        }
        for (ValueInfo output : graph.outputs()) {
            used.add(output.name());
        }
        Map<String, NdArray> kept = new LinkedHashMap<>();
        graph.constants().forEach((name, value) -> {
            if (used.contains(name)) {
                kept.put(name, value);
            }
        });
        return kept;
    }
}
