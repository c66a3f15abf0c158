package dev.vinfer.graph;

import dev.vinfer.tensor.NdArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Builds small graphs for pass and planner tests: one input, nodes appended in order, random weights. */
public final class TinyGraphs {
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, NdArray> constants = new LinkedHashMap<>();
    private final SplittableRandom random = new SplittableRandom(7);

    public TinyGraphs input(String name, int... dims) {
        inputs.add(new ValueInfo(name, dims));
        return this;
    }

    public String constant(String name, int... shape) {
        NdArray c = NdArray.zeros(shape);
        for (int i = 0; i < c.size(); i++) {
            c.data()[i] = (float) random.nextDouble(-1, 1);
        }
        constants.put(name, c);
        return name;
    }

    public String constant(String name, NdArray value) {
        constants.put(name, value);
        return name;
    }

    public String node(String name, String op, Attributes attributes, String... inputNames) {
        nodes.add(new Node(name, op, List.of(inputNames), List.of(name + ":0"), attributes));
        return name + ":0";
    }

    /** A node with several outputs, named {@code name:0}, {@code name:1}, ... */
    public List<String> node(String name, String op, Attributes attributes, int outputs, String... inputNames) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            names.add(name + ":" + i);
        }
        nodes.add(new Node(name, op, List.of(inputNames), names, attributes));
        return names;
    }

    public String node(String name, String op, String... inputNames) {
        return node(name, op, Attributes.NONE, inputNames);
    }

    /** A Conv with random OIHW weights and bias. */
    public String conv(String name, String x, int in, int out, int k, int group, int pad) {
        String w = constant(name + ".w", out, in / group, k, k);
        String b = constant(name + ".b", out);
        return node(name, Ops.CONV, Attributes.builder().set("group", group).set("pads", new int[] {pad, pad, pad, pad}).build(), x, w, b);
    }

    public Graph build(String... outputs) {
        List<ValueInfo> outs = new ArrayList<>();
        for (String o : outputs) {
            outs.add(ValueInfo.unshaped(o));
        }
        return new Graph("tiny", inputs, outs, nodes, constants, ModelMetadata.NONE);
    }
}
