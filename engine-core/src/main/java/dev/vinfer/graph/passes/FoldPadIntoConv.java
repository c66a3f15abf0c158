package dev.vinfer.graph.passes;

import dev.vinfer.graph.Graph;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.tensor.NdArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds a zero-valued constant-mode Pad of the two spatial axes into the padding of the Conv (or
 * AveragePool counting padded pixels) that reads it, so no padded copy of the activation is made.
 * PyTorch exports {@code nn.ZeroPad2d} and TensorFlow's explicit padding this way. A MaxPool pads
 * with minus infinity, not zero, so a Pad before it stays.
 */
public final class FoldPadIntoConv implements GraphPass {
    @Override
    public String name() {
        return "fold-pad";
    }

    @Override
    public Graph apply(Graph graph) {
        List<Node> nodes = new ArrayList<>(graph.nodes());
        boolean changed = false;
        for (Node pad : graph.nodes()) {
            if (!pad.op().equals(Ops.PAD) || !pad.attributes().getString("mode", "constant").equals("constant")) {
                continue;
            }
            int[] spatial = spatialPads(graph, pad);
            Node reader = Rewiring.soleConsumer(graph, pad.output());
            if (spatial == null || reader == null || !accepts(reader) || !reader.input(0).equals(pad.output())) {
                continue;
            }
            int[] pads = reader.attributes().getInts("pads");
            int[] merged = new int[4];
            for (int i = 0; i < 4; i++) {
                merged[i] = spatial[i] + (pads == null ? 0 : pads[i]);
            }
            List<String> inputs = new ArrayList<>(reader.inputs());
            inputs.set(0, pad.input(0));
            Node folded = reader.withInputs(inputs).withAttributes(reader.attributes().toBuilder().set("pads", merged).build());
            nodes.set(nodes.indexOf(reader), folded);
            nodes.remove(pad);
            changed = true;
        }
        return changed ? graph.withNodes(nodes, graph.constants()) : graph;
    }

    private static boolean accepts(Node reader) {
        boolean explicit = reader.attributes().getString("auto_pad", "NOTSET").equals("NOTSET");
        int[] pads = reader.attributes().getInts("pads");
        boolean fourPads = pads == null || pads.length == 4;
        return explicit && fourPads && switch (reader.op()) {
            case Ops.CONV -> true;
            case Ops.AVERAGE_POOL -> reader.attributes().getLong("count_include_pad", 0) == 1;
            default -> false;
        };
    }

    /** [top, left, bottom, right] of a rank-4 NCHW pad that pads only H and W with zeros, else null. */
    private static int[] spatialPads(Graph graph, Node pad) {
        NdArray pads = graph.constants().get(pad.input(1));
        if (pads == null || pads.size() != 8) {
            return null;
        }
        if (pad.hasInput(2)) {
            NdArray value = graph.constants().get(pad.input(2));
            if (value == null || value.size() != 1 || value.data()[0] != 0f) {
                return null;
            }
        }
        float[] p = pads.data(); // begins n, c, h, w then ends n, c, h, w
        if (p[0] != 0 || p[1] != 0 || p[4] != 0 || p[5] != 0) {
            return null;
        }
        int[] spatial = {(int) p[2], (int) p[3], (int) p[6], (int) p[7]};
        for (int v : spatial) {
            if (v < 0) {
                return null; // a crop, not a pad
            }
        }
        return spatial;
    }
}
