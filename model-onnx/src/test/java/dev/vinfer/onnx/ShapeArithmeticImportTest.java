package dev.vinfer.onnx;

import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.graph.Graph;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.tensor.NdArray;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.vinfer.onnx.OnnxLoadErrorsTest.expect;
import static dev.vinfer.onnx.OnnxModelBuilder.i;
import static dev.vinfer.onnx.OnnxModelBuilder.int64Tensor;
import static dev.vinfer.onnx.OnnxModelBuilder.ints;
import static dev.vinfer.onnx.OnnxModelBuilder.t;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The importer's side of shape arithmetic: the operators in their newest form, legacy attributes
 * turned into inputs, integer-typed values marked, huge Slice bounds accepted only as bounds, and
 * integer tensors refused where a model would compute with them as real numbers.
 */
class ShapeArithmeticImportTest {
    private static final long INT64_MAX = Long.MAX_VALUE;

    private static Graph read(OnnxModelBuilder m) throws Exception {
        return OnnxImporter.read(m.build(), "test.onnx");
    }

    private static Node node(Graph g, String name) {
        return g.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private static boolean integer(Graph g, String name) {
        return node(g, name).attributes().getLong(Ops.INTEGER_OUTPUT, 0) == 1;
    }

    /** ShuffleNet's chunk as torch.onnx.export writes it at opset 17, the bound INT64_MAX included. */
    private static OnnxModelBuilder chunk(long opset) {
        return new OnnxModelBuilder(opset).input("x", 1, 5, 2, 2).output("a").output("b")
                .initializer(int64Tensor("one", new long[] {1}, 1))
                .initializer(int64Tensor("two", new long[] {2}, 1))
                .initializer(int64Tensor("zero", new long[] {0}, 1))
                .initializer(int64Tensor("to_end", new long[] {INT64_MAX}, 1))
                .node("Shape", "shape", List.of("x"), List.of("s"))
                .node("Gather", "gather", List.of("s", "one"), List.of("c"), i("axis", 0))
                .node("Add", "add", List.of("c", "one"), List.of("c1"))
                .node("Div", "div", List.of("c1", "two"), List.of("half"))
                .node("Cast", "cast", List.of("half"), List.of("half64"), i("to", 7))
                .node("Slice", "first", List.of("x", "zero", "half64", "one"), List.of("a"))
                .node("Slice", "second", List.of("x", "half64", "to_end", "one"), List.of("b"));
    }

    @Test
    void integerValuesAreMarkedWhereverTheyFlow() throws Exception {
        Graph g = read(chunk(17));
        for (String name : List.of("shape", "gather", "add", "div", "cast")) {
            assertEquals(true, integer(g, name), name + " makes an integer tensor");
        }
        assertFalse(integer(g, "first"), "a slice of the float activation is real-valued");
        assertEquals(1 << 30, g.constants().get("to_end").data()[0], "INT64_MAX is held saturated, past any axis");
    }

    @Test
    void chunkRunsAndSlicesAtTheTruncatedHalf() throws Exception {
        Graph g = read(chunk(17));
        float[] data = new float[20];
        for (int k = 0; k < data.length; k++) {
            data[k] = k;
        }
        try (Model model = Vinfer.compile(g, ModelOptions.defaults().withBackend("scalar").withThreads(1))) {
            Map<String, NdArray> out = model.run(Map.of("x", NdArray.wrap(new int[] {1, 5, 2, 2}, data)));
            // (5 + 1) / 2 = 3 channels, then the other 2
            assertArrayEquals(new int[] {1, 3, 2, 2}, out.get("a").shape());
            assertArrayEquals(new int[] {1, 2, 2, 2}, out.get("b").shape());
            assertArrayEquals(new float[] {12, 13, 14, 15, 16, 17, 18, 19}, out.get("b").data());
        }
    }

    @Test
    void legacyAttributesBecomeInputs() throws Exception {
        Graph g = read(new OnnxModelBuilder(9).input("x", 2, 6).output("y").output("z").output("p").output("q")
                .node("Slice", "slice", List.of("x"), List.of("y"), ints("starts", 1), ints("ends", INT64_MAX), ints("axes", 1))
                .node("Unsqueeze", "unsq", List.of("x"), List.of("z"), ints("axes", 0))
                .node("Split", "split", List.of("x"), List.of("p", "q"), i("axis", 1), ints("split", 2, 4)));
        Node slice = node(g, "slice");
        assertEquals(4, slice.inputs().size(), "data, starts, ends, axes");
        assertArrayEquals(new float[] {1}, g.constants().get(slice.input(1)).data());
        assertArrayEquals(new float[] {1 << 30}, g.constants().get(slice.input(2)).data());
        assertArrayEquals(new float[] {1}, g.constants().get(slice.input(3)).data());
        assertArrayEquals(new float[] {0}, g.constants().get(node(g, "unsq").input(1)).data());
        Node split = node(g, "split");
        assertEquals(List.of("p", "q"), split.outputs());
        assertArrayEquals(new float[] {2, 4}, g.constants().get(split.input(1)).data());
        try (Model model = Vinfer.compile(g, ModelOptions.defaults().withBackend("scalar").withThreads(1))) {
            float[] data = new float[12];
            for (int k = 0; k < 12; k++) {
                data[k] = k;
            }
            Map<String, NdArray> out = model.run(Map.of("x", NdArray.wrap(new int[] {2, 6}, data)));
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 7, 8, 9, 10, 11}, out.get("y").data());
            assertArrayEquals(new int[] {1, 2, 6}, out.get("z").shape());
            assertArrayEquals(new float[] {0, 1, 6, 7}, out.get("p").data());
        }
    }

    @Test
    void constantOfShapeKeepsItsValueAndType() throws Exception {
        Graph g = read(new OnnxModelBuilder(17).input("x", 1, 1, 2, 2).output("y")
                .initializer(int64Tensor("four", new long[] {4}, 1))
                .initializer(int64Tensor("pads_hw", new long[] {0, 0, 1, 1}, 4))
                .node("ConstantOfShape", "zeros", List.of("four"), List.of("z"), t("value", int64Tensor("", new long[] {0}, 1)))
                .node("Concat", "concat", List.of("z", "pads_hw"), List.of("pads"), i("axis", 0))
                .node("Pad", "pad", List.of("x", "pads"), List.of("y")));
        assertEquals(true, integer(g, "zeros"));
        assertEquals(true, integer(g, "concat"));
        try (Model model = Vinfer.compile(g, ModelOptions.defaults().withBackend("scalar").withThreads(1))) {
            NdArray y = model.run(NdArray.wrap(new int[] {1, 1, 2, 2}, new float[] {1, 2, 3, 4}));
            assertArrayEquals(new int[] {1, 1, 3, 3}, y.shape());
            assertArrayEquals(new float[] {1, 2, 0, 3, 4, 0, 0, 0, 0}, y.data());
        }
    }

    @Test
    void integersReadAsRealNumbersAreRefused() {
        expect(new OnnxModelBuilder(17).input("x", 1, 2).output("y")
                .node("Shape", "shape", List.of("x"), List.of("s"))
                .node("Add", "add", List.of("x", "s"), List.of("y")),
                "node add (Add, opset 17): input 1 's' is an integer tensor; vinfer reads integer tensors only in shape arithmetic");
        expect(new OnnxModelBuilder(17).input("x", 1, 2).output("y")
                .node("Shape", "shape", List.of("x"), List.of("y")),
                "graph output 'y' is an integer tensor; vinfer runs float32 tensors only");
        expect(new OnnxModelBuilder(17).input("x", 2).output("y").initializer(int64Tensor("big", new long[] {INT64_MAX}, 1))
                .node("Reshape", "r", List.of("x", "big"), List.of("y")),
                "input 1 'big' holds the integer 9223372036854775807, which float32 cannot hold exactly (vinfer reads such values only as Slice's starts and ends)");
        expect(new OnnxModelBuilder(17).input("x", 2).output("y")
                .node("Cast", "c", List.of("x"), List.of("y"), i("to", 10)), "node c (Cast, opset 17): to = FLOAT16 is not supported");
        expect(new OnnxModelBuilder(13).input("x", 2).output("y")
                .node("Unsqueeze", "u", List.of("x"), List.of("y"), ints("axes", 0)), "takes axes as inputs from opset 13 on");
        expect(new OnnxModelBuilder(13).input("x", 2).output("y")
                .node("Shape", "s", List.of("x"), List.of("y"), i("start", 1)), "attributes start and end exist from opset 15 on");
    }
}
