package dev.vinfer.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.vinfer.onnx.OnnxModelBuilder.f;
import static dev.vinfer.onnx.OnnxModelBuilder.i;
import static dev.vinfer.onnx.OnnxModelBuilder.int64Tensor;
import static dev.vinfer.onnx.OnnxModelBuilder.ints;
import static dev.vinfer.onnx.OnnxModelBuilder.s;
import static dev.vinfer.onnx.OnnxModelBuilder.t;

/**
 * Writes the fuzzer's seed models (run by hand from the module directory when the seeds should
 * change: {@code java ... dev.vinfer.onnx.FuzzSeedWriter src/test/resources/dev/vinfer/onnx}).
 */
final class FuzzSeedWriter {
    private FuzzSeedWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path models = Files.createDirectories(Path.of(args[0], "OnnxFuzzTestInputs", "onnxModel"));
        Files.write(models.resolve("tiny_cnn_opset13"), TinyModels.cnn(13).build());
        Files.write(models.resolve("tiny_cnn_opset10"), TinyModels.cnn(10).build());
        Files.write(models.resolve("legacy_clip_pad_softmax"), new OnnxModelBuilder(10).input("x", 1, 3, 4, 4).output("y")
                .node("Clip", "clip", List.of("x"), List.of("c"), f("min", 0), f("max", 6))
                .node("Pad", "pad", List.of("c"), List.of("p"), s("mode", "edge"), ints("pads", 0, 0, 1, 1, 0, 0, 1, 1))
                .node("AveragePool", "avg", List.of("p"), List.of("a"), ints("kernel_shape", 2, 2), s("auto_pad", "SAME_UPPER"),
                        i("count_include_pad", 1))
                .node("Dropout", "drop", List.of("a"), List.of("d", "mask"), f("ratio", 0.5f))
                .node("Softmax", "sm", List.of("d"), List.of("y")).build());
        Files.write(models.resolve("constants_and_shapes"), new OnnxModelBuilder(13).input("x", 2, 3).output("y")
                .initializer(int64Tensor("shape", new long[] {3, 2}, 2))
                .node("Constant", "k", List.of(), List.of("k"), t("value", OnnxModelBuilder.floatTensor("", new float[] {1, 2}, 2)))
                .node("Reshape", "r", List.of("x", "shape"), List.of("r"))
                .node("Mul", "m", List.of("r", "k"), List.of("m"))
                .node("Transpose", "t", List.of("m"), List.of("t"), ints("perm", 1, 0))
                .node("MatMul", "mm", List.of("t", "r"), List.of("y")).build());
        Path tensors = Files.createDirectories(Path.of(args[0], "OnnxFuzzTestInputs", "tensorProtoFile"));
        Files.write(tensors.resolve("float_raw"), OnnxModelBuilder.floatTensor("x", TinyModels.ramp(12), 1, 3, 2, 2).toByteArray());
        Files.write(tensors.resolve("float_packed"), OnnxModelBuilder.tensorHeader("y", 1, 2, 2).packedFloats(4, 1, 2, 3, 4).toByteArray());
        Files.write(tensors.resolve("int64_raw"), int64Tensor("s", new long[] {1, -1}, 2).toByteArray());
    }
}
