package dev.vinfer.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Orders nodes so that each comes after the producers of its inputs (Kahn's algorithm, keeping the
 * file's order among independent nodes). Model files are supposed to be sorted already; a hostile or
 * careless one is sorted here, and a cycle or a value nobody defines is reported by name.
 */
public final class TopologicalOrder {
    private TopologicalOrder() {
    }

    /**
     * {@return {@code nodes} in an order where every node follows the producers of its inputs}
     *
     * @param nodes     the nodes in file order; not modified
     * @param available values defined before any node runs: graph inputs and constants
     * @throws IllegalArgumentException naming a node on a cycle, a node reading an undefined value, or
     *                                  a value defined twice
     */
    public static List<Node> sort(List<Node> nodes, Set<String> available) {
        Map<String, Integer> producerOf = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String out : nodes.get(i).outputs()) {
                if (producerOf.putIfAbsent(out, i) != null || available.contains(out)) {
                    throw new IllegalArgumentException("value '" + out + "' is defined twice (node " + nodes.get(i).name() + ")");
                }
            }
        }
        int[] missing = new int[nodes.size()];
        List<List<Integer>> dependents = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < nodes.size(); i++) {
            Set<Integer> waitsOn = new HashSet<>();
            for (String in : nodes.get(i).inputs()) {
                if (in.isEmpty() || available.contains(in)) {
                    continue;
                }
                Integer producer = producerOf.get(in);
                if (producer == null) {
                    Node n = nodes.get(i);
                    throw new IllegalArgumentException("node " + n.name() + " (" + n.op() + ") reads '" + in
                            + "', which no graph input, initializer or node defines");
                }
                if (waitsOn.add(producer)) {
                    dependents.get(producer).add(i);
                    missing[i]++;
                }
            }
        }
        // Taking the lowest ready index first keeps the file's order wherever it is already valid.
        PriorityQueue<Integer> queue = new PriorityQueue<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (missing[i] == 0) {
                queue.add(i);
            }
        }
        List<Node> sorted = new ArrayList<>(nodes.size());
        while (!queue.isEmpty()) {
            int i = queue.poll();
            sorted.add(nodes.get(i));
            for (int d : dependents.get(i)) {
                if (--missing[d] == 0) {
                    queue.add(d);
                }
            }
        }
        if (sorted.size() != nodes.size()) {
            for (int i = 0; i < nodes.size(); i++) {
                if (missing[i] > 0) {
                    Node n = nodes.get(i);
                    throw new IllegalArgumentException("the graph has a cycle through node " + n.name() + " (" + n.op() + ")");
                }
            }
        }
        return sorted;
    }
}
