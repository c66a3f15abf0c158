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

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the planner decides: buffers by liveness, layout regions, padding modes, shape errors. */
class PlannerTest {

    private static ExecutionPlan plan(Graph graph, int... inputShape) {
        try (Model model = Vinfer.compile(graph, ModelOptions.defaults().withBackend("scalar").withThreads(1).withoutGraphPasses())) {
            return model.plan(Map.of(graph.inputs().getFirst().name(), inputShape));
        }
    }

    private static PlannedValue valueWritten(ExecutionPlan plan, String stepName) {
        return plan.steps().stream().filter(s -> s.name().equals(stepName)).findFirst().orElseThrow().outputs().getFirst();
    }

    @Test
    void aChainOfConvolutionsPingPongsBetweenTwoBuffers() {
        TinyGraphs t = new TinyGraphs().input("x", 1, 4, 8, 8);
        String v = "x";
        for (int i = 0; i < 8; i++) {
            v = t.conv("c" + i, v, 4, 4, 3, 1, 1);
        }
        ExecutionPlan plan = plan(t.build(v), 1, 4, 8, 8);
        // the input, and two buffers the intermediates and finally the output alternate between
        assertEquals(3, plan.slotSizes().length, java.util.Arrays.toString(plan.slotSizes()));
        assertEquals(3L * 4 * 8 * 8 * Float.BYTES, plan.activationBytes());
    }

    @Test
    void aResidualKeepsItsBufferUntilTheAddReadsIt() {
        TinyGraphs t = new TinyGraphs().input("x", 1, 4, 8, 8);
        String skip = t.conv("skip", "x", 4, 4, 1, 1, 0);
        String a = t.conv("a", skip, 4, 4, 3, 1, 1);
        String b = t.conv("b", a, 4, 4, 3, 1, 1);
        String c = t.conv("c", b, 4, 4, 3, 1, 1);
        String sum = t.node("sum", Ops.ADD, c, skip);
        ExecutionPlan plan = plan(t.build(sum), 1, 4, 8, 8);
        int skipSlot = valueWritten(plan, "skip").slot;
        for (String later : List.of("a", "b", "c")) {
            assertNotEquals(skipSlot, valueWritten(plan, later).slot, later + " must not overwrite the residual");
        }
    }

    @Test
    void convolutionsRunNhwcAndTheLayoutChangesOnceBeforeTheHead() {
        TinyGraphs t = new TinyGraphs().input("x", 2, 3, 6, 6);
        String c1 = t.conv("c1", "x", 3, 4, 3, 1, 1);
        String c2 = t.conv("c2", c1, 4, 4, 3, 1, 1);
        String flat = t.node("flat", Ops.FLATTEN, Attributes.builder().set("axis", 1).build(), c2);
        String gemm = t.node("fc", Ops.GEMM, Attributes.builder().set("transB", 1).build(), flat, t.constant("w", 5, 144), t.constant("b", 5));
        ExecutionPlan plan = plan(t.build(gemm), 2, 3, 6, 6);
        assertEquals(Layout.NHWC, plan.inputs().getFirst().layout(), "the image input is stored NHWC");
        long conversions = plan.steps().stream().filter(s -> s.description().startsWith("to ")).count();
        assertEquals(1, conversions, plan.steps().stream().map(Step::description).toList().toString());
        assertEquals(Layout.PLAIN, plan.outputs().getFirst().layout());
    }

    @Test
    void aResidualAndItsReluAreOnePassAfterTheConvolution() {
        TinyGraphs t = new TinyGraphs().input("x", 1, 4, 6, 6);
        String a = t.conv("a", "x", 4, 4, 3, 1, 1);
        String b = t.conv("b", a, 4, 4, 3, 1, 1);
        String relu = t.node("relu", Ops.RELU, t.node("add", Ops.ADD, b, "x"));
        ExecutionPlan plan;
        try (Model model = Vinfer.compile(t.build(relu), ModelOptions.defaults().withBackend("scalar").withThreads(1))) {
            plan = model.plan(Map.of("x", new int[] {1, 4, 6, 6}));
        }
        List<String> steps = plan.steps().stream().map(Step::name).toList();
        assertTrue(steps.stream().anyMatch(n -> n.endsWith("#add+Relu")), steps.toString());
        assertTrue(steps.stream().noneMatch(n -> n.endsWith("#Relu") || n.endsWith("#add")), steps.toString());
    }

    @Test
    void samePaddingIsResolvedForEachInputSize() {
        TinyGraphs t = new TinyGraphs().input("x", 1, 2, -1, -1);
        String w = t.constant("w", 3, 2, 3, 3);
        String conv = t.node("conv", Ops.CONV, Attributes.builder().set("strides", new int[] {2, 2}).set("auto_pad", "SAME_UPPER").build(), "x", w);
        Graph g = t.build(conv);
        for (int size : new int[] {7, 8, 9, 225}) {
            int[] out = plan(g, 1, 2, size, size).outputs().getFirst().logical();
            int expected = (size + 1) / 2;
            assertEquals(List.of(1, 3, expected, expected), java.util.Arrays.stream(out).boxed().toList(), "input " + size);
        }
    }

    @Test
    void anInputTooSmallForAWindowNamesTheNode() {
        TinyGraphs t = new TinyGraphs().input("x", 1, 2, -1, -1);
        String conv = t.conv("stem", "x", 2, 3, 5, 1, 0);
        Graph g = t.build(conv);
        try (Model model = Vinfer.compile(g, ModelOptions.defaults().withBackend("scalar").withThreads(1))) {
            VinferException e = assertThrows(VinferException.class, () -> model.run(Map.of("x", NdArray.zeros(1, 2, 3, 3))));
            assertTrue(e.getMessage().contains("node stem (Conv)") && e.getMessage().contains("too small"), e.getMessage());
        }
    }

    @Test
    void aComputedWeightIsRefusedByName() {
        TinyGraphs t = new TinyGraphs().input("x", 1, 2, 4, 4).input("w", 3, 2, 1, 1);
        String conv = t.node("conv", Ops.CONV, "x", "w");
        // Both input shapes are declared, so the model is planned, and refused, when it is loaded.
        VinferException e = assertThrows(VinferException.class,
                () -> Vinfer.compile(t.build(conv), ModelOptions.defaults().withBackend("scalar").withThreads(1)));
        assertTrue(e.getMessage().contains("node conv (Conv)") && e.getMessage().contains("constant"), e.getMessage());
    }
}
