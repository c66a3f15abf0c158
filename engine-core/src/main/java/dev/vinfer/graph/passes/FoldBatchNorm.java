package dev.vinfer.graph.passes;

import dev.vinfer.graph.Graph;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.tensor.NdArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds an inference BatchNormalization into the convolution before it: with
 * {@code s = scale / sqrt(var + eps)} per output channel, {@code W' = W * s} and
 * {@code B' = (B - mean) * s + bias}. Computed in double, then rounded once. Applies only when the
 * convolution's output feeds nothing but the BatchNorm and every weight is a constant; any other
 * BatchNorm stays a node of its own.
 */
public final class FoldBatchNorm implements GraphPass {
    @Override
    public String name() {
        return "fold-batchnorm";
    }

    @Override
    public Graph apply(Graph graph) {
        List<Node> nodes = new ArrayList<>(graph.nodes());
        Map<String, NdArray> constants = new LinkedHashMap<>(graph.constants());
        boolean changed = false;
        for (Node bn : graph.nodes()) {
            if (!bn.op().equals(Ops.BATCH_NORMALIZATION)) {
                continue;
            }
            Node conv = graph.producer(bn.input(0));
            if (conv == null || !conv.op().equals(Ops.CONV) || conv.inputs().size() > 3
                    || conv.attributes().has(Ops.ACTIVATION) || Rewiring.soleConsumer(graph, conv.output()) != bn) {
                continue;
            }
            NdArray w = constants.get(conv.input(1));
            NdArray b = conv.hasInput(2) ? constants.get(conv.input(2)) : null;
            NdArray[] params = new NdArray[4];
            boolean allConstant = w != null && w.rank() >= 1 && (b != null || !conv.hasInput(2));
            for (int i = 0; i < 4 && allConstant; i++) {
                params[i] = constants.get(bn.input(i + 1));
                allConstant = params[i] != null && w != null && params[i].size() == w.dim(0);
            }
            if (!allConstant) {
                continue;
            }
            float eps = bn.attributes().getFloat("epsilon", 1e-5f);
            float[][] folded = fold(w, b, params[0].data(), params[1].data(), params[2].data(), params[3].data(), eps);
            String weightName = conv.name() + "::weight_bn_folded";
            String biasName = conv.name() + "::bias_bn_folded";
            constants.put(weightName, NdArray.wrap(w.shape(), folded[0]));
            constants.put(biasName, NdArray.vector(folded[1]));
            Node fused = new Node(conv.name(), Ops.CONV, List.of(conv.input(0), weightName, biasName),
                    bn.outputs().subList(0, 1), conv.attributes());
            nodes.set(nodes.indexOf(conv), fused);
            nodes.remove(bn);
            changed = true;
        }
        if (!changed) {
            return graph;
        }
        Graph result = graph.withNodes(nodes, constants);
        return result.withNodes(nodes, UnusedConstants.drop(result));
    }

    /** The folded weights and bias, the maths of the class comment. */
    static float[][] fold(NdArray weights, NdArray bias, float[] scale, float[] shift, float[] mean, float[] variance, float eps) {
        int out = weights.dim(0);
        int perChannel = weights.size() / out;
        float[] w = weights.data();
        float[] foldedW = new float[w.length];
        float[] foldedB = new float[out];
        for (int o = 0; o < out; o++) {
            double s = scale[o] / Math.sqrt((double) variance[o] + eps);
            for (int i = 0; i < perChannel; i++) {
                foldedW[o * perChannel + i] = (float) (w[o * perChannel + i] * s);
            }
            double b = bias == null ? 0 : bias.data()[o];
            foldedB[o] = (float) ((b - mean[o]) * s + shift[o]);
        }
        return new float[][] {foldedW, foldedB};
    }
}
