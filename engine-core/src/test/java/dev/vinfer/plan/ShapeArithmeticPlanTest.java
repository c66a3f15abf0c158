package dev.vinfer.plan;

import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.api.VinferException;
import dev.vinfer.graph.Attributes;
import dev.vinfer.graph.Graph;
import dev.vinfer.graph.Ops;
import dev.vinfer.graph.TinyGraphs;
import dev.vinfer.tensor.NdArray;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shape arithmetic is evaluated while planning: a Shape-based chain becomes plan-time constants (no
 * step) that follow the input shapes the plan is bound to, and Slice, Split of activations run as
 * steps in the activation's own layout.
 */
class ShapeArithmeticPlanTest {
    private static final Attributes INTEGER = Attributes.builder().set(Ops.INTEGER_OUTPUT, 1L).build();

    private static Model compile(Graph graph) {
        return Vinfer.compile(graph, ModelOptions.defaults().withBackend("scalar").withThreads(1).withoutGraphPasses());
    }

    private static NdArray ints(float... values) {
        return NdArray.vector(values);
    }

    private static NdArray random(long seed, int... shape) {
        NdArray a = NdArray.zeros(shape);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < a.size(); i++) {
            a.data()[i] = (float) r.nextDouble(-1, 1);
        }
        return a;
    }

    /** {@code x.view(x.size(0), -1)} as PyTorch exports it with a dynamic batch. */
    private static Graph viewBatchByRest() {
        TinyGraphs t = new TinyGraphs().input("x", -1, 2, 3, 4);
        String shape = t.node("shape", Ops.SHAPE, INTEGER, "x");
        String batch = t.node("batch", Ops.GATHER, INTEGER, shape, t.constant("zero", NdArray.scalar(0)));
        String batch1 = t.node("unsqueeze", Ops.UNSQUEEZE, INTEGER, batch, t.constant("axes", ints(0)));
        String target = t.node("target", Ops.CONCAT, Attributes.builder().set("axis", 0L).set(Ops.INTEGER_OUTPUT, 1L).build(),
                batch1, t.constant("rest", ints(-1)));
        return t.build(t.node("view", Ops.RESHAPE, "x", target));
    }

    @Test
    void aShapeGatherReshapeChainBecomesConstantsThatFollowTheBatch() {
        try (Model model = compile(viewBatchByRest())) {
            for (int batch : new int[] {1, 3}) {
                ExecutionPlan plan = model.plan(Map.of("x", new int[] {batch, 2, 3, 4}));
                List<String> stepNames = plan.steps().stream().map(Step::name).toList();
                assertEquals(List.of("view"), stepNames, "only the reshape copies data; the shape arithmetic is not a step");
                assertArrayEquals(new int[] {batch, 24}, plan.outputs().getFirst().logical());
                NdArray x = random(batch, batch, 2, 3, 4);
                NdArray y = model.run(x);
                assertArrayEquals(new int[] {batch, 24}, y.shape());
                assertArrayEquals(x.data(), y.data(), "a reshape keeps row-major order");
            }
        }
    }

    /** ShuffleNet V2's {@code x.chunk(2, dim=1)}: (C + 1) / 2 in int64 arithmetic, then two Slices of the activation. */
    private static Graph chunkOfAConvolution(int channels) {
        TinyGraphs t = new TinyGraphs().input("x", 1, 3, 5, 6);
        String c = t.conv("conv", "x", 3, channels, 3, 1, 1);
        String shape = t.node("shape", Ops.SHAPE, INTEGER, c);
        String ch = t.node("channels", Ops.GATHER, INTEGER, shape, t.constant("one", ints(1)));
        String plus = t.node("plus", Ops.ADD, INTEGER, ch, t.constant("c1", ints(1)));
        String half = t.node("half", Ops.DIV, INTEGER, plus, t.constant("c2", ints(2)));
        String end = t.node("end", Ops.MUL, INTEGER, half, t.constant("c2b", ints(2)));
        String first = t.node("first", Ops.SLICE, c, t.constant("zero", ints(0)), half, t.constant("axis", ints(1)));
        String second = t.node("second", Ops.SLICE, c, half, end, "axis");
        return t.build(c, first, second);
    }

    @Test
    void chunkSlicesTheActivationWhereIntegerDivisionSays() {
        try (Model model = compile(chunkOfAConvolution(7))) {
            ExecutionPlan plan = model.plan(Map.of("x", new int[] {1, 3, 5, 6}));
            Set<String> steps = Set.copyOf(plan.steps().stream().map(Step::name).toList());
            assertFalse(steps.contains("shape") || steps.contains("half"), "shape arithmetic is not a step: " + steps);
            Step first = plan.steps().stream().filter(s -> s.name().equals("first")).findFirst().orElseThrow();
            assertEquals(Layout.NHWC, first.inputs().getFirst().layout(), "the convolution's output is sliced where it lies, NHWC");
            Map<String, NdArray> out = model.run(Map.of("x", random(5, 1, 3, 5, 6)));
            NdArray conv = out.get("conv:0");
            NdArray a = out.get("first:0");
            NdArray b = out.get("second:0");
            // (7 + 1) / 2 = 4 channels, then the remaining 3 (the end 8 is clamped to 7).
            assertArrayEquals(new int[] {1, 4, 5, 6}, a.shape());
            assertArrayEquals(new int[] {1, 3, 5, 6}, b.shape());
            float[] joined = Arrays.copyOf(a.data(), conv.size());
            System.arraycopy(b.data(), 0, joined, a.size(), b.size());
            assertArrayEquals(conv.data(), joined, "the two slices are the channels in order");
        }
        try (Model model = compile(chunkOfAConvolution(6))) {
            // (6 + 1) / 2 truncates to 3; a real division would give 3.5, which is no slice bound.
            Map<String, NdArray> out = model.run(Map.of("x", random(6, 1, 3, 5, 6)));
            assertArrayEquals(new int[] {1, 3, 5, 6}, out.get("first:0").shape());
            assertArrayEquals(new int[] {1, 3, 5, 6}, out.get("second:0").shape());
        }
    }

    @Test
    void splitGivesEveryPartInTheActivationsLayout() {
        TinyGraphs t = new TinyGraphs().input("x", 2, 3, 4, 4);
        String c = t.conv("conv", "x", 3, 6, 1, 1, 0);
        List<String> parts = t.node("split", Ops.SPLIT, Attributes.builder().set("axis", 1L).build(), 2, c, t.constant("sizes", ints(2, 4)));
        try (Model model = compile(t.build(c, parts.get(0), parts.get(1)))) {
            Map<String, NdArray> out = model.run(Map.of("x", random(7, 2, 3, 4, 4)));
            NdArray conv = out.get("conv:0");
            NdArray a = out.get(parts.get(0));
            NdArray b = out.get(parts.get(1));
            assertArrayEquals(new int[] {2, 2, 4, 4}, a.shape());
            assertArrayEquals(new int[] {2, 4, 4, 4}, b.shape());
            for (int n = 0; n < 2; n++) {
                for (int ch = 0; ch < 6; ch++) {
                    NdArray part = ch < 2 ? a : b;
                    int partChannels = ch < 2 ? 2 : 4;
                    int partChannel = ch < 2 ? ch : ch - 2;
                    for (int p = 0; p < 16; p++) {
                        assertEquals(conv.data()[(n * 6 + ch) * 16 + p], part.data()[(n * partChannels + partChannel) * 16 + p],
                                "image " + n + " channel " + ch);
                    }
                }
            }
        }
    }

    @Test
    void aPadsChainOfConstantsFeedsPad() {
        // PyTorch's ReflectionPad2d((2, 1, 1, 2)): pads [2, 1, 1, 2] + four zeros, reshaped [-1, 2], rows
        // reversed, transposed, flattened: ONNX order [0, 0, 1, 2, 0, 0, 2, 1].
        TinyGraphs t = new TinyGraphs().input("x", 1, 1, 3, 3);
        String zeros = t.node("zeros", Ops.CONSTANT_OF_SHAPE, Attributes.builder().set("value", NdArray.vector(0))
                .set(Ops.INTEGER_OUTPUT, 1L).build(), t.constant("four", ints(4)));
        String all = t.node("all", Ops.CONCAT, Attributes.builder().set("axis", 0L).set(Ops.INTEGER_OUTPUT, 1L).build(),
                t.constant("torch_pads", ints(2, 1, 1, 2)), zeros);
        String pairs = t.node("pairs", Ops.RESHAPE, INTEGER, all, t.constant("pair_shape", ints(-1, 2)));
        String reversed = t.node("reversed", Ops.SLICE, INTEGER, pairs, t.constant("start", ints(-1)),
                t.constant("end", ints(-(1 << 30))), t.constant("axis0", ints(0)), t.constant("back", ints(-1)));
        String columns = t.node("columns", Ops.TRANSPOSE, Attributes.builder().set("perm", new int[] {1, 0}).set(Ops.INTEGER_OUTPUT, 1L).build(),
                reversed);
        String pads = t.node("pads", Ops.RESHAPE, INTEGER, columns, t.constant("flat", ints(-1)));
        String cast = t.node("cast", Ops.CAST, Attributes.builder().set("to", 7L).set(Ops.INTEGER_OUTPUT, 1L).build(), pads);
        String y = t.node("pad", Ops.PAD, Attributes.builder().set("mode", "reflect").build(), "x", cast);
        try (Model model = compile(t.build(y))) {
            ExecutionPlan plan = model.plan(Map.of("x", new int[] {1, 1, 3, 3}));
            assertEquals(List.of("pad"), plan.steps().stream().map(Step::name).toList());
            NdArray out = model.run(NdArray.wrap(new int[] {1, 1, 3, 3}, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}));
            // rows: 1 before, 2 after; columns: 2 before, 1 after (numpy.pad reflect)
            assertArrayEquals(new int[] {1, 1, 6, 6}, out.shape());
            assertArrayEquals(new float[] {6, 5, 4, 5, 6, 5}, Arrays.copyOfRange(out.data(), 0, 6), "first row: input row 2 reflected");
            assertArrayEquals(new float[] {3, 2, 1, 2, 3, 2}, Arrays.copyOfRange(out.data(), 6, 12), "second row: input row 1");
        }
    }

    @Test
    void aHugeConstantOfShapeIsAClearErrorNotAnOutOfMemoryError() {
        TinyGraphs t = new TinyGraphs().input("x", 2);
        String fill = t.node("fill", Ops.CONSTANT_OF_SHAPE, t.constant("huge", ints(100000, 100000)));
        String y = t.node("add", Ops.ADD, "x", fill);
        Graph graph = t.build(y);
        var e = assertThrows(VinferException.class, () -> compile(graph).close());
        assertTrue(e.getMessage().contains("fill") && e.getMessage().contains("[100000, 100000] has more than"), e.getMessage());
    }

    @Test
    void shapeArithmeticOnValuesComputedAtRunTimeIsAClearError() {
        TinyGraphs t = new TinyGraphs().input("x", 2);
        String y = t.node("fill", Ops.CONSTANT_OF_SHAPE, "x");
        Graph graph = t.build(y);
        var e = assertThrows(VinferException.class, () -> compile(graph).close()); // a fixed input shape is planned at once
        assertTrue(e.getMessage().contains("fill") && e.getMessage().contains("must be known when the model is planned"), e.getMessage());
    }
}
