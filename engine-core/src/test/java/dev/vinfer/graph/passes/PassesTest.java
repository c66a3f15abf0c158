package dev.vinfer.graph.passes;

import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.graph.Attributes;
import dev.vinfer.graph.Graph;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.graph.TinyGraphs;
import dev.vinfer.tensor.NdArray;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each pass on a small graph: the graph before and after (which nodes remain, what they read) and,
 * where it rewrites arithmetic, the same outputs as the unrewritten graph run by the planner.
 */
class PassesTest {

    private static List<String> ops(Graph g) {
        return g.nodes().stream().map(Node::op).toList();
    }

    @Test
    void removeIdentitiesRewiresReaders() {
        TinyGraphs t = new TinyGraphs().input("x", 1, 2, 3, 3);
        String id = t.node("id", Ops.IDENTITY, "x");
        String drop = t.node("drop", Ops.DROPOUT, id);
        String relu = t.node("relu", Ops.RELU, drop);
        Graph after = new RemoveIdentities().apply(t.build(relu));
        assertEquals(List.of(Ops.RELU), ops(after));
        assertEquals(List.of("x"), after.nodes().getFirst().inputs());
    }

    @Test
    void anIdentityThatIsAGraphOutputStays() {
        TinyGraphs t = new TinyGraphs().input("x", 1, 2);
        String id = t.node("id", Ops.IDENTITY, "x");
        assertEquals(List.of(Ops.IDENTITY), ops(new RemoveIdentities().apply(t.build(id))));
    }

    @Test
    void aPadOfZerosIsDroppedWhateverItsMode() {
        // The seed MobileNet's export pads the last feature map by zero before its average pool.
        TinyGraphs t = new TinyGraphs().input("x", 1, 2, 3, 3);
        String reflect = t.node("reflect", Ops.PAD, Attributes.builder().set("mode", "reflect").build(), "x",
                t.constant("zeros", NdArray.vector(0, 0, 0, 0, 0, 0, 0, 0)));
        String edge = t.node("edge", Ops.PAD, Attributes.builder().set("mode", "edge").build(), reflect,
                t.constant("zeros2", NdArray.vector(0, 0, 0, 0, 0, 0, 0, 0)));
        String relu = t.node("relu", Ops.RELU, edge);
        Graph before = t.build(relu);
        Graph after = new RemoveIdentities().apply(before);
        assertEquals(List.of(Ops.RELU), ops(after));
        assertEquals(List.of("x"), after.nodes().getFirst().inputs());
        assertSameOutputs(before, after, new int[] {1, 2, 3, 3}, 0f);
    }

    @Test
    void aPadOfOneZeroAndOneOtherStays() {
        TinyGraphs t = new TinyGraphs().input("x", 1, 2, 3, 3);
        String pad = t.node("pad", Ops.PAD, "x", t.constant("pads", NdArray.vector(0, 0, 0, 0, 0, 0, 0, 1)));
        String relu = t.node("relu", Ops.RELU, pad);
        assertEquals(List.of(Ops.PAD, Ops.RELU), ops(new RemoveIdentities().apply(t.build(relu))));
    }

    @Test
    void foldConstantNodesMakesConstants() {
        TinyGraphs t = new TinyGraphs().input("x", 1, 2);
        String c = t.node("c", Ops.CONSTANT, Attributes.builder().set("value", NdArray.vector(1, 2)).build());
        String add = t.node("add", Ops.ADD, "x", c);
        Graph after = new FoldConstantNodes().apply(t.build(add));
        assertEquals(List.of(Ops.ADD), ops(after));
        assertTrue(after.isConstant(c));
    }

    @Test
    void batchNormFoldsIntoTheConvolutionAndKeepsTheResult() {
        TinyGraphs t = new TinyGraphs().input("x", 1, 3, 5, 5);
        String conv = t.conv("conv", "x", 3, 4, 3, 1, 1);
        String bn = t.node("bn", Ops.BATCH_NORMALIZATION, Attributes.builder().set("epsilon", 1e-3f).build(), conv,
                t.constant("g", 4), t.constant("beta", 4), t.constant("mean", 4),
                t.constant("var", NdArray.vector(0.5f, 1f, 2f, 3f)));
        Graph before = t.build(bn);
        Graph after = new FoldBatchNorm().apply(before);
        assertEquals(List.of(Ops.CONV), ops(after));
        assertEquals(bn, after.nodes().getFirst().output());
        assertFalse(after.constants().containsKey("g"), "the folded statistics are dropped");
        assertSameOutputs(before, after, new int[] {1, 3, 5, 5}, 1e-5f);
    }

    @Test
    void aBatchNormWhoseConvolutionFeedsSomethingElseStays() {
        TinyGraphs t = new TinyGraphs().input("x", 1, 3, 5, 5);
        String conv = t.conv("conv", "x", 3, 4, 3, 1, 1);
        String bn = t.node("bn", Ops.BATCH_NORMALIZATION, conv, t.constant("g", 4), t.constant("beta", 4),
                t.constant("mean", 4), t.constant("var", NdArray.vector(1, 1, 1, 1)));
        Graph after = new FoldBatchNorm().apply(t.build(bn, conv));
        assertEquals(List.of(Ops.CONV, Ops.BATCH_NORMALIZATION), ops(after));
    }

    @Test
    void activationsMoveIntoTheProducer() {
        TinyGraphs t = new TinyGraphs().input("x", 1, 3, 5, 5);
        String conv = t.conv("conv", "x", 3, 4, 3, 1, 1);
        String clip = t.node("clip", Ops.CLIP, conv, t.constant("lo", NdArray.scalar(0)), t.constant("hi", NdArray.scalar(6)));
        String conv2 = t.conv("conv2", clip, 4, 4, 1, 1, 0);
        String swish = t.node("swish", Ops.HARD_SWISH, conv2);
        Graph before = t.build(swish);
        Graph after = new FuseActivation().apply(before);
        assertEquals(List.of(Ops.CONV, Ops.CONV), ops(after));
        Attributes first = after.nodes().get(0).attributes();
        assertEquals(Ops.CLIP, first.getString(Ops.ACTIVATION, null));
        assertEquals(6f, first.getFloat("activation_max", 0));
        assertEquals(Ops.HARD_SWISH, after.nodes().get(1).attributes().getString(Ops.ACTIVATION, null));
        assertSameOutputs(before, after, new int[] {1, 3, 5, 5}, 0f);
    }

    @Test
    void aResidualAddAndItsReluFuseIntoOneConvolution() {
        TinyGraphs t = new TinyGraphs().input("x", 1, 4, 6, 6);
        String a = t.conv("a", "x", 4, 4, 3, 1, 1);
        String b = t.conv("b", a, 4, 4, 3, 1, 1);
        String add = t.node("add", Ops.ADD, b, "x");
        String relu = t.node("relu", Ops.RELU, add);
        Graph before = t.build(relu);
        Graph after = StandardPasses.optimize(before);
        assertEquals(List.of(Ops.CONV, Ops.CONV), ops(after));
        Node fused = after.nodes().get(1);
        assertEquals("x", fused.input(3), "the skip connection is the fused Conv's fourth input");
        assertEquals(Ops.RELU, fused.attributes().getString(Ops.ACTIVATION, null));
        assertEquals(relu, fused.output());
        assertSameOutputs(before, after, new int[] {1, 4, 6, 6}, 0f);
    }

    @Test
    void aZeroPadFoldsIntoTheConvolutionsPadding() {
        TinyGraphs t = new TinyGraphs().input("x", 1, 2, 5, 7);
        String pad = t.node("pad", Ops.PAD, Attributes.builder().set("mode", "constant").build(), "x",
                t.constant("pads", NdArray.vector(0, 0, 1, 2, 0, 0, 0, 1)));
        String conv = t.conv("conv", pad, 2, 3, 3, 1, 0);
        Graph before = t.build(conv);
        Graph after = new FoldPadIntoConv().apply(before);
        assertEquals(List.of(Ops.CONV), ops(after));
        assertEquals(List.of(1, 2, 0, 1), java.util.Arrays.stream(after.nodes().getFirst().attributes().getInts("pads")).boxed().toList());
        assertSameOutputs(before, after, new int[] {1, 2, 5, 7}, 0f);
    }

    @Test
    void padsComputedFromConstantsAreFoldedSoTheZeroPadJoinsTheConvolution() {
        // PyTorch's ZeroPad2d((1, 2, 0, 1)): torch order [1, 2, 0, 1] + four zeros, pairs reversed and
        // transposed into ONNX order [0, 0, 0, 1, 0, 0, 1, 2].
        Attributes integer = Attributes.builder().set(Ops.INTEGER_OUTPUT, 1L).build();
        TinyGraphs t = new TinyGraphs().input("x", 1, 2, 5, 7);
        String zeros = t.node("zeros", Ops.CONSTANT_OF_SHAPE, Attributes.builder().set("value", NdArray.vector(0))
                .set(Ops.INTEGER_OUTPUT, 1L).build(), t.constant("four", NdArray.vector(4)));
        String all = t.node("all", Ops.CONCAT, Attributes.builder().set("axis", 0L).set(Ops.INTEGER_OUTPUT, 1L).build(),
                t.constant("torch_pads", NdArray.vector(1, 2, 0, 1)), zeros);
        String pairs = t.node("pairs", Ops.RESHAPE, integer, all, t.constant("pair_shape", NdArray.vector(-1, 2)));
        String reversed = t.node("reversed", Ops.SLICE, integer, pairs, t.constant("start", NdArray.vector(-1)),
                t.constant("end", NdArray.vector(-(1 << 30))), t.constant("axis0", NdArray.vector(0)), t.constant("back", NdArray.vector(-1)));
        String columns = t.node("columns", Ops.TRANSPOSE, Attributes.builder().set("perm", new int[] {1, 0}).set(Ops.INTEGER_OUTPUT, 1L).build(),
                reversed);
        String pads = t.node("pads", Ops.RESHAPE, integer, columns, t.constant("flat", NdArray.vector(-1)));
        String pad = t.node("pad", Ops.PAD, Attributes.builder().set("mode", "constant").build(), "x", pads,
                t.constant("value", NdArray.scalar(0)));
        String conv = t.conv("conv", pad, 2, 3, 3, 1, 0);
        Graph before = t.build(conv);
        Graph after = StandardPasses.optimize(before);
        assertEquals(List.of(Ops.CONV), ops(after));
        assertEquals(List.of(0, 1, 1, 2), java.util.Arrays.stream(after.nodes().getFirst().attributes().getInts("pads")).boxed().toList(),
                "[top, left, bottom, right]");
        assertFalse(after.constants().containsKey("torch_pads"), "constants only the folded chain read are dropped");
        assertSameOutputs(before, after, new int[] {1, 2, 5, 7}, 0f);
    }

    @Test
    void shapeArithmeticThatReadsAShapeIsLeftToThePlanner() {
        TinyGraphs t = new TinyGraphs().input("x", -1, 2, 3, 4);
        String shape = t.node("shape", Ops.SHAPE, "x");
        String batch = t.node("batch", Ops.GATHER, shape, t.constant("zero", NdArray.vector(0)));
        String target = t.node("target", Ops.CONCAT, Attributes.builder().set("axis", 0L).build(), batch, t.constant("rest", NdArray.vector(-1)));
        String view = t.node("view", Ops.RESHAPE, "x", target);
        assertEquals(List.of(Ops.SHAPE, Ops.GATHER, Ops.CONCAT, Ops.RESHAPE), ops(new FoldConstantSubgraphs().apply(t.build(view))));
    }

    @Test
    void aReflectPadOrAMaxPoolKeepsItsPad() {
        TinyGraphs t = new TinyGraphs().input("x", 1, 2, 5, 7);
        String pads = t.constant("pads", NdArray.vector(0, 0, 1, 1, 0, 0, 1, 1));
        String reflect = t.node("reflect", Ops.PAD, Attributes.builder().set("mode", "reflect").build(), "x", pads);
        String conv = t.conv("conv", reflect, 2, 3, 3, 1, 0);
        String zero = t.node("zero", Ops.PAD, "x", pads);
        String pool = t.node("pool", Ops.MAX_POOL, Attributes.builder().set("kernel_shape", new int[] {3, 3}).build(), zero);
        Graph after = new FoldPadIntoConv().apply(t.build(conv, pool));
        assertEquals(List.of(Ops.PAD, Ops.CONV, Ops.PAD, Ops.MAX_POOL), ops(after));
    }

    @Test
    void aDepthwiseConvolutionIsPairedWithThePointwiseOneThatReadsIt() {
        TinyGraphs t = new TinyGraphs().input("x", 1, 4, 6, 6);
        String dw = t.conv("dw", "x", 4, 4, 3, 4, 1);
        String pw = t.conv("pw", dw, 4, 8, 1, 1, 0);
        String dw2 = t.conv("dw2", pw, 8, 8, 3, 8, 1);
        String other = t.conv("other", dw2, 8, 8, 3, 1, 1); // a 3x3 reader: no pair
        Graph before = t.build(other);
        Graph after = new PairDepthwisePointwise().apply(before);
        assertEquals("pw", after.nodes().get(0).attributes().getString(Ops.FUSE_WITH_NEXT, null));
        assertFalse(after.nodes().get(2).attributes().has(Ops.FUSE_WITH_NEXT));
        assertSameOutputs(before, after, new int[] {1, 4, 6, 6}, 0f);
    }

    /** Runs both graphs on the same random input (passes off for the first: it is planned as it is). */
    static void assertSameOutputs(Graph before, Graph after, int[] inputShape, float tolerance) {
        NdArray x = NdArray.zeros(inputShape);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) random.nextDouble(-2, 2);
        }
        String input = before.inputs().getFirst().name();
        try (Model a = Vinfer.compile(before, ModelOptions.defaults().withBackend("scalar").withThreads(1).withoutGraphPasses());
             Model b = Vinfer.compile(after, ModelOptions.defaults().withBackend("scalar").withThreads(1).withoutGraphPasses())) {
            Map<String, NdArray> outA = a.run(Map.of(input, x));
            Map<String, NdArray> outB = b.run(Map.of(input, x));
            for (String name : outA.keySet()) {
                float[] p = outA.get(name).data();
                float[] q = outB.get(name).data();
                assertEquals(p.length, q.length);
                for (int i = 0; i < p.length; i++) {
                    assertEquals(p[i], q[i], tolerance * Math.max(1, Math.abs(p[i])), name + "[" + i + "]");
                }
            }
        }
    }
}
