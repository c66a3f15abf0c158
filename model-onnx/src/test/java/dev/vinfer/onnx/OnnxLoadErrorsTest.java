package dev.vinfer.onnx;

import dev.vinfer.spi.ModelLoadException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.vinfer.onnx.OnnxModelBuilder.f;
import static dev.vinfer.onnx.OnnxModelBuilder.i;
import static dev.vinfer.onnx.OnnxModelBuilder.int64Tensor;
import static dev.vinfer.onnx.OnnxModelBuilder.ints;
import static dev.vinfer.onnx.OnnxModelBuilder.s;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Valid protobuf, unusable model: each is one line naming the file, and the node, operator and opset. */
class OnnxLoadErrorsTest {

    static void expect(OnnxModelBuilder m, String... fragments) {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> OnnxImporter.read(m.build(), "bad.onnx"));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("bad.onnx: "), msg);
        assertFalse(msg.contains("\n"), msg);
        for (String fragment : fragments) {
            assertTrue(msg.contains(fragment), "expected '" + fragment + "' in: " + msg);
        }
    }

    static OnnxModelBuilder unary(long opset, String op, ProtoWriter... attributes) {
        return new OnnxModelBuilder(opset).input("x", 1, 3, 4, 4).output("y", 1, 3, 4, 4)
                .node(op, "n1", List.of("x"), List.of("y"), attributes);
    }

    static OnnxModelBuilder binary(long opset, String op, ProtoWriter... attributes) {
        return new OnnxModelBuilder(opset).input("x", 1, 3, 4, 4).input("w", 2, 3, 3, 3).output("y")
                .node(op, "n1", List.of("x", "w"), List.of("y"), attributes);
    }

    @Test
    void unsupportedOperatorDomainAndOpset() {
        expect(unary(13, "Resize"), "node n1 (Resize, opset 13): operator 'Resize' is not supported (vinfer reads ", "Conv");
        ProtoWriter node = new ProtoWriter().string(1, "x").string(2, "y").string(3, "n1").string(4, "Relu").string(7, "com.microsoft");
        expect(new OnnxModelBuilder(13).input("x", 4).output("y", 4).node(node), "node n1 (Relu, opset 13): operator domain 'com.microsoft'");
        expect(unary(99, "Relu"), "opset 99 of the default domain is not supported");
        expect(unary(18, "Relu"), "opset 18");
        expect(new OnnxModelBuilder(13).opsetDomain("com.example").input("x", 4).output("y", 4)
                .node("Relu", "n1", List.of("x"), List.of("y")), "imports no opset of the default ONNX domain");
        expect(new OnnxModelBuilder(6).input("x", 4).input("z", 4).output("y", 4)
                .node("Add", "n1", List.of("x", "z"), List.of("y")), "node n1 (Add, opset 6): vinfer reads Add from opset 7 on");
        expect(unary(13, "HardSwish"), "HardSwish from opset 14 on");
        expect(unary(13, "ReduceMean", ints("axes", 1)), "node n1 (ReduceMean, opset 13): only the spatial mean, axes = [2, 3]");
        expect(new OnnxModelBuilder(13).input("x", 2, 3, 4).output("y").node("ReduceMean", "m", List.of("x"), List.of("y"),
                ints("axes", 2, 3)), "node m (ReduceMean): input 'x' has rank 3");
    }

    @Test
    void unsupportedAttributeValues() {
        expect(binary(13, "Conv", s("auto_pad", "SAME_SIDEWAYS")), "node n1 (Conv, opset 13): auto_pad = 'SAME_SIDEWAYS' is not supported");
        expect(unary(13, "MaxPool", ints("kernel_shape", 3)), "kernel_shape has 1 entries; only 2-D windows");
        expect(unary(13, "MaxPool"), "attribute kernel_shape is required");
        expect(unary(13, "MaxPool", ints("kernel_shape", 2, 2), ints("strides", 0, 1)), "strides holds 0");
        expect(unary(13, "Relu", f("alpha", 1)), "attribute 'alpha' is not supported");
        expect(unary(13, "LeakyRelu", i("alpha", 1)), "attribute 'alpha' is INT, expected FLOAT");
        expect(binary(13, "Gemm", i("transA", 2)), "transA = 2, expected 0 or 1");
        expect(new OnnxModelBuilder(13).input("x", 1, 3, 4, 4).output("y").initializer(int64Tensor("p", new long[8], 8))
                .node("Pad", "n1", List.of("x", "p"), List.of("y"), s("mode", "wrap")), "mode = 'wrap' is not supported (constant, reflect, edge)");
        expect(unary(10, "Pad", ints("pads", 0, 0, 1, 1, 0, 0, 1, 1), s("mode", "wrap")), "(Pad, opset 10): mode = 'wrap'");
        expect(unary(13, "Concat"), "attribute axis is required");
        ProtoWriter subgraph = new ProtoWriter().string(1, "then_branch").message(6, new ProtoWriter().string(2, "g")).varint(20, 5);
        expect(unary(13, "Relu", subgraph), "attribute 'then_branch' holds a subgraph");
        expect(unary(13, "Clip", f("min", 0)), "(Clip, opset 13): takes its bounds as inputs from opset 11 on");
        expect(new OnnxModelBuilder(11).output("c").node("Constant", "n1", List.of(), List.of("c"), ints("value_ints", 1)),
                "(Constant, opset 11): attribute value_ints exists from opset 12 on");
    }

    @Test
    void trainingOnlyForms() {
        OnnxModelBuilder bn = new OnnxModelBuilder(15).input("x", 1, 2, 2, 2).output("y");
        for (String w : List.of("s", "b", "m", "v")) {
            bn.initializer(w, new float[] {1, 1}, 2);
        }
        expect(bn.node("BatchNormalization", "bn", List.of("x", "s", "b", "m", "v"), List.of("y"), i("training_mode", 1)),
                "node bn (BatchNormalization, opset 15): training_mode = 1 is not supported");
        OnnxModelBuilder bn2 = new OnnxModelBuilder(15).input("x", 1, 2, 2, 2).output("y");
        for (String w : List.of("s", "b", "m", "v")) {
            bn2.initializer(w, new float[] {1, 1}, 2);
        }
        expect(bn2.node("BatchNormalization", "bn", List.of("x", "s", "b", "m", "v"), List.of("y", "running_mean")),
                "training statistics (outputs 1 to 4) are not supported");
        ProtoWriter yes = OnnxModelBuilder.tensorHeader("t", OnnxModelBuilder.BOOL).bytes(9, new byte[] {1});
        expect(new OnnxModelBuilder(13).input("x", 4).output("y", 4).initializer(yes)
                .node("Dropout", "d", List.of("x", "", "t"), List.of("y")), "node d (Dropout, opset 13): training_mode is true");
        expect(new OnnxModelBuilder(13).input("x", 4).input("t").output("y", 4)
                .node("Dropout", "d", List.of("x", "", "t"), List.of("y")), "training_mode is not a constant");
        expect(new OnnxModelBuilder(13).input("x", 4).output("y", 4).output("mask", 4)
                .node("Dropout", "d", List.of("x"), List.of("y", "mask")), "its mask output 'mask' is used");
        expect(new OnnxModelBuilder(13).input("x", 1, 1, 4, 4).output("y").output("idx")
                .node("MaxPool", "mp", List.of("x"), List.of("y", "idx"), ints("kernel_shape", 2, 2)), "the Indices output is not supported");
    }

    @Test
    void typesAndData() {
        expect(new OnnxModelBuilder(13).typedInput("x", OnnxModelBuilder.INT64, 4).output("y", 4)
                .node("Relu", "n1", List.of("x"), List.of("y")), "graph input 'x' has element type INT64; vinfer runs float32 tensors only");
        expect(new OnnxModelBuilder(13).input("x", 2).output("y", 2).initializer(int64Tensor("k", new long[] {1, 2}, 2))
                .node("Add", "n1", List.of("x", "k"), List.of("y")), "node n1 (Add, opset 13): input 1 'k' is a INT64 tensor");
        expect(new OnnxModelBuilder(13).input("x", 2).output("y", 2)
                .initializer(OnnxModelBuilder.tensorHeader("h", 10, 2).bytes(9, new byte[4]))
                .node("Add", "n1", List.of("x", "h"), List.of("y")), "tensor 'h' has data type FLOAT16");
        ProtoWriter external = OnnxModelBuilder.tensorHeader("w", OnnxModelBuilder.FLOAT, 2)
                .message(13, new ProtoWriter().string(1, "location").string(2, "weights.bin")).varint(14, 1);
        expect(new OnnxModelBuilder(13).input("x", 2).output("y", 2).initializer(external)
                .node("Add", "n1", List.of("x", "w"), List.of("y")), "initializer 'w' keeps its data in an external file");
        expect(new OnnxModelBuilder(13).input("x", 2).output("y", 2).initializer(int64Tensor("big", new long[] {1L << 40}, 1))
                .node("Reshape", "n1", List.of("x", "big"), List.of("y")), "holds the integer 1099511627776, which float32 cannot hold exactly");
        expect(new OnnxModelBuilder(13).input("x", 2).output("y", 2).initializer("w", new float[] {1, 2, 3}, 2)
                .node("Add", "n1", List.of("x", "w"), List.of("y")), "tensor 'w' dims [2] need 8 bytes of FLOAT, raw_data holds 12");
        expect(new OnnxModelBuilder(13).input("x", 1, 1, 1, 1, 1, 1).output("y").node("Relu", "n1", List.of("x"), List.of("y")),
                "graph input 'x' has rank 6");
    }

    @Test
    void graphStructure() {
        expect(new OnnxModelBuilder(13).input("x", 4).output("y", 4)
                .node("Relu", "a", List.of("z"), List.of("y"))
                .node("Relu", "b", List.of("y"), List.of("z")), "cycle through node");
        expect(new OnnxModelBuilder(13).input("x", 4).output("y", 4)
                .node("Add", "add", List.of("x", "weights"), List.of("y")), "node add (Add) reads 'weights', which no graph input, initializer or node defines");
        expect(new OnnxModelBuilder(13).input("x", 4).output("y", 4).output("nowhere", 4)
                .node("Relu", "r", List.of("x"), List.of("y")), "graph output nowhere is not defined");
        expect(new OnnxModelBuilder(13).input("x", 4).output("y", 4)
                .node("Relu", "r", List.of("x"), List.of("y")).node("Relu", "r2", List.of("x"), List.of("y")), "value 'y' is defined twice");
        expect(new OnnxModelBuilder(13).input("x", 4).output("y", 4).node("Add", "a", List.of("x"), List.of("y")),
                "node a (Add, opset 13): input 1 is missing");
        expect(new OnnxModelBuilder(13).input("x", 4).output("y", 4).node("Relu", "a", List.of("x", "x"), List.of("y")),
                "has 2 inputs, at most 1");
        expect(new OnnxModelBuilder(13).input("x", 4).output("y", 4).initializer("w", new float[] {1}, 1)
                .initializer("w", new float[] {2}, 1).node("Add", "a", List.of("x", "w"), List.of("y")), "value 'w' is defined twice");
        expect(new OnnxModelBuilder(13).input("x", 4), "the graph has no outputs");
    }
}
