package dev.vinfer.graph.passes;

import dev.vinfer.graph.Graph;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;

import java.util.ArrayList;
import java.util.List;

/**
 * Fuses a residual {@code Add(conv(x), skip)} into the convolution: the skip tensor becomes the
 * Conv's fourth input, added in the epilogue before any activation ({@link FuseActivation} runs after
 * this pass, so ResNet's Conv-Add-Relu ends as one node). The fused Conv takes the Add's place in the
 * order, where the skip value is certainly computed. Whether shapes match exactly is only known once
 * the input size is: the planner splits the Add out again when the skip broadcasts.
 */
public final class FuseResidualAdd implements GraphPass {
    @Override
    public String name() {
        return "fuse-residual-add";
    }

    @Override
    public Graph apply(Graph graph) {
        List<Node> nodes = new ArrayList<>(graph.nodes());
        boolean changed = false;
        for (Node add : graph.nodes()) {
            if (!add.op().equals(Ops.ADD) || add.inputs().size() != 2 || add.input(0).equals(add.input(1))) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                Node conv = graph.producer(add.input(side));
                String skip = add.input(1 - side);
                if (conv == null || !nodes.contains(conv) || !conv.op().equals(Ops.CONV) || conv.inputs().size() > 3
                        || conv.attributes().has(Ops.ACTIVATION) || graph.isConstant(skip)
                        || Rewiring.soleConsumer(graph, conv.output()) != add) {
                    continue;
                }
                List<String> inputs = new ArrayList<>(List.of(conv.input(0), conv.input(1), conv.input(2), skip));
                Node fused = new Node(conv.name(), Ops.CONV, inputs, add.outputs(), conv.attributes());
                nodes.remove(conv);
                nodes.set(nodes.indexOf(add), fused);
                changed = true;
                break;
            }
        }
        return changed ? graph.withNodes(nodes, graph.constants()) : graph;
    }
}
