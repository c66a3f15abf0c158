package dev.vinfer.graph.passes;

import dev.vinfer.graph.Graph;

import java.util.List;

/** The passes every model goes through before planning, in the order they must run. */
public final class StandardPasses {
    /**
     * Constants first (so later passes see weights, and pads computed from constants), then the
     * clean-up, then the folds that change weights, then the epilogue fusions: residual before
     * activation, so Conv-Add-Relu fuses whole; last the pairing of depthwise and pointwise
     * convolutions, which needs their final epilogues.
     */
    public static final List<GraphPass> ALL = List.of(new FoldConstantNodes(), new FoldConstantSubgraphs(),
            new RemoveIdentities(), new FoldBatchNorm(), new FoldPadIntoConv(), new FuseResidualAdd(), new FuseActivation(),
            new PairDepthwisePointwise());

    private StandardPasses() {
    }

    public static Graph optimize(Graph graph) {
        for (GraphPass pass : ALL) {
            graph = pass.apply(graph);
        }
        return graph;
    }
}
