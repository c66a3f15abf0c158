package dev.vinfer.onnx;

import dev.vinfer.graph.Graph;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.graph.Preprocessing;
import dev.vinfer.graph.ValueInfo;
import dev.vinfer.tensor.NdArray;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import static dev.vinfer.onnx.OnnxModelBuilder.f;
import static dev.vinfer.onnx.OnnxModelBuilder.floats;
import static dev.vinfer.onnx.OnnxModelBuilder.i;
import static dev.vinfer.onnx.OnnxModelBuilder.int64Tensor;
import static dev.vinfer.onnx.OnnxModelBuilder.ints;
import static dev.vinfer.onnx.OnnxModelBuilder.s;
import static dev.vinfer.onnx.OnnxModelBuilder.t;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a valid ONNX file becomes: the core graph of {@link Ops}, opset differences normalised. */
class OnnxImporterTest {

    static Graph read(OnnxModelBuilder m) throws Exception {
        return OnnxImporter.read(m.build(), "test.onnx");
    }

    @Test
    void aSmallCnnBecomesTheCoreGraph() throws Exception {
        Graph g = read(TinyModels.cnn(13));
        assertEquals("test_graph", g.name());
        assertEquals(List.of(new ValueInfo("x", new int[] {-1, 3, 8, 8})), g.inputs());
        assertEquals(List.of(new ValueInfo("y", new int[] {-1, 2})), g.outputs());
        assertEquals(List.of("Conv", "BatchNormalization", "Relu", "MaxPool", "GlobalAveragePool", "Flatten", "Gemm", "Softmax"),
                g.nodes().stream().map(Node::op).toList());
        assertEquals(List.of("conv", "bn", "relu", "pool", "gap", "flatten", "fc", "softmax"), g.nodes().stream().map(Node::name).toList());
        Node conv = g.nodes().getFirst();
        assertEquals(List.of("x", "conv.w", "conv.b"), conv.inputs());
        assertArrayEquals(new int[] {1, 1, 1, 1}, conv.attributes().getInts("pads"));
        assertArrayEquals(new int[] {4, 3, 3, 3}, g.constants().get("conv.w").shape());
        assertArrayEquals(TinyModels.ramp(108), g.constants().get("conv.w").data());
        assertEquals(1e-5f, g.nodes().get(1).attributes().getFloat("epsilon", 0f));
        assertEquals(1, g.nodes().get(6).attributes().getInt("transB", 0));
        Node softmax = g.nodes().getLast();
        assertFalse(softmax.attributes().has(Ops.LEGACY_SOFTMAX), "opset 13 Softmax is the modern one");
        assertEquals(1, softmax.attributes().getInt("axis", 99));
        assertEquals(108 + 4 + 16 + 8 + 2, g.parameterCount());
        // [N, 3, H, W] input: ImageNet preprocessing by default, at the declared H.
        assertEquals(Preprocessing.IMAGENET.toString(), g.metadata().preprocessing().orElseThrow().toString());
        assertEquals(8, g.metadata().imageSize());
    }

    @Test
    void softmaxBeforeOpset13IsMarkedLegacyWithItsDefaultAxis() throws Exception {
        Graph g = read(new OnnxModelBuilder(11).input("x", 2, 3, 4).output("y", 2, 3, 4)
                .node("Softmax", "sm", List.of("x"), List.of("y")));
        assertEquals(1, g.nodes().getFirst().attributes().getInt(Ops.LEGACY_SOFTMAX, 0));
        assertEquals(1, g.nodes().getFirst().attributes().getInt("axis", 99));
        Graph modern = read(new OnnxModelBuilder(13).input("x", 2, 3, 4).output("y", 2, 3, 4)
                .node("Softmax", "sm", List.of("x"), List.of("y")));
        assertEquals(-1, modern.nodes().getFirst().attributes().getInt("axis", 99));
    }

    @Test
    void graphInputsThatAreInitializersAreConstants() throws Exception {
        Graph g = read(new OnnxModelBuilder(13).input("x", 1, 4).input("w", 1, 4).output("y", 1, 4)
                .initializer("w", new float[] {1, 2, 3, 4}, 1, 4)
                .node("Add", "add", List.of("x", "w"), List.of("y")));
        assertEquals(List.of("x"), g.inputs().stream().map(ValueInfo::name).toList());
        assertTrue(g.isConstant("w"));
    }

    @Test
    void symbolicAndMissingDimsAreUnknown() throws Exception {
        Graph g = read(new OnnxModelBuilder(13).input("x", -1, 3, -1, -1).output("y", -1, 3, -1, -1)
                .node("Relu", "", List.of("x"), List.of("y")));
        assertArrayEquals(new int[] {-1, 3, -1, -1}, g.inputs().getFirst().dims());
        assertEquals(224, g.metadata().imageSize(), "unknown H: the default size");
    }

    @Test
    void clipBoundsGivenAsAttributesBeforeOpset11BecomeConstantInputs() throws Exception {
        Graph g = read(new OnnxModelBuilder(6).input("x", 4).output("y", 4).output("z", 4)
                .node("Clip", "relu6", List.of("x"), List.of("y"), f("min", 0f), f("max", 6f))
                .node("Clip", "capped", List.of("x"), List.of("z"), f("max", 1f)));
        Node relu6 = g.nodes().getFirst();
        assertEquals(3, relu6.inputs().size());
        assertEquals(0f, g.constants().get(relu6.input(1)).data()[0]);
        assertEquals(6f, g.constants().get(relu6.input(2)).data()[0]);
        assertEquals(0, g.constants().get(relu6.input(1)).rank());
        Node capped = g.nodes().get(1);
        assertFalse(capped.hasInput(1));
        assertEquals(1f, g.constants().get(capped.input(2)).data()[0]);
        assertTrue(capped.attributes().names().isEmpty());
    }

    @Test
    void padAttributesBeforeOpset11BecomeConstantInputs() throws Exception {
        Graph g = read(new OnnxModelBuilder(10).input("x", 1, 1, 2, 2).output("y", 1, 1, 4, 6)
                .node("Pad", "pad", List.of("x"), List.of("y"), s("mode", "reflect"), ints("pads", 0, 0, 1, 2, 0, 0, 1, 2), f("value", 0f)));
        Node pad = g.nodes().getFirst();
        assertEquals("reflect", pad.attributes().getString("mode", ""));
        assertArrayEquals(new float[] {0, 0, 1, 2, 0, 0, 1, 2}, g.constants().get(pad.input(1)).data());
        assertEquals(0f, g.constants().get(pad.input(2)).data()[0]);
    }

    @Test
    void int64ShapesAndPadsBecomeFloatConstantsHoldingTheIntegers() throws Exception {
        Graph g = read(new OnnxModelBuilder(13).input("x", 2, 3, 4).output("y", 2, 12).output("z", 2, 5, 4)
                .initializer(int64Tensor("shape", new long[] {0, -1}, 2))
                .initializer(int64Tensor("pads", new long[] {0, 1, 0, 0, 1, 0}, 6))
                .node("Reshape", "reshape", List.of("x", "shape"), List.of("y"))
                .node("Pad", "pad", List.of("x", "pads"), List.of("z")));
        assertArrayEquals(new float[] {0, -1}, g.constants().get("shape").data());
        assertArrayEquals(new float[] {0, 1, 0, 0, 1, 0}, g.constants().get("pads").data());
        assertEquals("constant", g.nodes().get(1).attributes().getString("mode", ""));
    }

    @Test
    void constantNodesBecomeConstants() throws Exception {
        Graph g = read(new OnnxModelBuilder(13).input("x", 2, 3).output("y", 2, 3).output("c").output("v")
                .node("Constant", "k", List.of(), List.of("k"), t("value", OnnxModelBuilder.floatTensor("", new float[] {1, 2, 3}, 3)))
                .node("Constant", "shape", List.of(), List.of("shape"), ints("value_ints", 3, 2))
                .node("Constant", "c", List.of(), List.of("c"), f("value_float", 2.5f))
                .node("Constant", "v", List.of(), List.of("v"), floats("value_floats", 1, 2))
                .node("Reshape", "r", List.of("x", "shape"), List.of("r"))
                .node("Transpose", "t", List.of("r"), List.of("tr"), ints("perm", 1, 0))
                .node("Add", "add", List.of("tr", "k"), List.of("y")));
        assertEquals(List.of("Reshape", "Transpose", "Add"), g.nodes().stream().map(Node::op).toList());
        assertArrayEquals(new float[] {1, 2, 3}, g.constants().get("k").data());
        assertArrayEquals(new float[] {3, 2}, g.constants().get("shape").data());
        assertEquals(0, g.constants().get("c").rank());
        assertArrayEquals(new int[] {2}, g.constants().get("v").shape());
    }

    @Test
    void typedFieldsAndDoublesAreRead() throws Exception {
        ProtoWriter packed = OnnxModelBuilder.tensorHeader("a", OnnxModelBuilder.FLOAT, 3).packedFloats(4, 1, 2, 3);
        ProtoWriter unpacked = OnnxModelBuilder.tensorHeader("b", OnnxModelBuilder.FLOAT, 3)
                .floatField(4, 4).floatField(4, 5).floatField(4, 6);
        ByteBuffer d = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.1).putDouble(-2).putDouble(1e300);
        ProtoWriter doubles = OnnxModelBuilder.tensorHeader("c", OnnxModelBuilder.DOUBLE, 3).bytes(9, d.array());
        ProtoWriter scalar = OnnxModelBuilder.tensorHeader("s", OnnxModelBuilder.FLOAT).packedFloats(4, 7);
        Graph g = read(new OnnxModelBuilder(13).input("x", 3).output("y", 3)
                .initializer(packed).initializer(unpacked).initializer(doubles).initializer(scalar)
                .node("Add", "1", List.of("x", "a"), List.of("1")).node("Add", "2", List.of("1", "b"), List.of("2"))
                .node("Add", "3", List.of("2", "c"), List.of("3")).node("Mul", "4", List.of("3", "s"), List.of("y")));
        assertArrayEquals(new float[] {1, 2, 3}, g.constants().get("a").data());
        assertArrayEquals(new float[] {4, 5, 6}, g.constants().get("b").data());
        assertArrayEquals(new float[] {0.1f, -2f, Float.POSITIVE_INFINITY}, g.constants().get("c").data());
        assertEquals(0, g.constants().get("s").rank());
    }

    @Test
    void dropoutKeepsOneOutputAndDropsRatioAndAFalseTrainingMode() throws Exception {
        ProtoWriter no = OnnxModelBuilder.tensorHeader("training", OnnxModelBuilder.BOOL).bytes(9, new byte[] {0});
        Graph g = read(new OnnxModelBuilder(13).input("x", 4).input("ratio").output("y", 4)
                .initializer(no)
                .node("Dropout", "drop", List.of("x", "ratio", "training"), List.of("y", "unused_mask"), i("seed", 3)));
        Node drop = g.nodes().getFirst();
        assertEquals(List.of("x"), drop.inputs());
        assertEquals(List.of("y"), drop.outputs());
        assertTrue(drop.attributes().names().isEmpty());
    }

    @Test
    void nodesOutOfOrderAreSortedAndMissingNamesInvented() throws Exception {
        Graph g = read(new OnnxModelBuilder(13).input("x", 4).output("y", 4)
                .node("Relu", "", List.of("a"), List.of("y"))
                .node("Sigmoid", "dup", List.of("b"), List.of("a"))
                .node("Tanh", "dup", List.of("x"), List.of("b")));
        assertEquals(List.of("Tanh", "Sigmoid", "Relu"), g.nodes().stream().map(Node::op).toList());
        assertEquals(List.of("Tanh_2", "dup", "Relu_0"), g.nodes().stream().map(Node::name).toList());
    }

    @Test
    void opsetsBelow7AreReadForOperatorsUnchangedSince() throws Exception {
        Graph g = read(new OnnxModelBuilder(1).input("x", 1, 3, 4, 4).output("y", 1, 3, 1, 1)
                .node("GlobalAveragePool", "gap", List.of("x"), List.of("y")));
        assertEquals(Ops.GLOBAL_AVERAGE_POOL, g.nodes().getFirst().op());
        Graph hs = read(new OnnxModelBuilder(6).opsetDomain("ai.onnx").input("x", 4).output("y", 4)
                .node("HardSigmoid", "hs", List.of("x"), List.of("y")));
        assertEquals(0.2f, hs.nodes().getFirst().attributes().getFloat("alpha", 0));
        assertEquals(0.5f, hs.nodes().getFirst().attributes().getFloat("beta", 0));
    }

    @Test
    void spatialReduceMeanIsGlobalAveragePoolPlusFlattenWithoutKeepdims() throws Exception {
        Graph g = read(new OnnxModelBuilder(13).input("x", -1, 8, 7, 7).output("y", -1, 8).output("z", -1, 8, 1, 1)
                .node("ReduceMean", "mean", List.of("x"), List.of("y"), ints("axes", 2, 3), i("keepdims", 0))
                .node("ReduceMean", "mean/flatten", List.of("x"), List.of("z"), ints("axes", 2, 3)));
        assertEquals(List.of("GlobalAveragePool", "Flatten", "GlobalAveragePool"), g.nodes().stream().map(Node::op).toList());
        assertEquals(List.of("mean", "mean/flatten_2", "mean/flatten"), g.nodes().stream().map(Node::name).toList());
        Node gap = g.nodes().getFirst();
        Node flatten = g.nodes().get(1);
        assertEquals(List.of(gap.output()), flatten.inputs());
        assertEquals("y", flatten.output());
        assertEquals(1, flatten.attributes().getInt("axis", 0));
        assertEquals("z", g.nodes().get(2).output());
    }

    @Test
    void bindInputsAsConstantsChecksNamesAndShapes() throws Exception {
        Graph g = read(new OnnxModelBuilder(13).input("x", -1, 4).input("w", 4).output("y", -1, 4)
                .node("Mul", "mul", List.of("x", "w"), List.of("y")));
        Graph bound = OnnxImporter.bindInputsAsConstants(g, Map.of("w", NdArray.vector(1, 2, 3, 4)));
        assertEquals(1, bound.inputs().size());
        assertTrue(bound.isConstant("w"));
        assertThrows(IllegalArgumentException.class, () -> OnnxImporter.bindInputsAsConstants(g, Map.of("w", NdArray.vector(1, 2))));
        assertThrows(IllegalArgumentException.class, () -> OnnxImporter.bindInputsAsConstants(g, Map.of("nope", NdArray.vector(1))));
    }
}
