package dev.vinfer.onnx;

import java.util.List;

import static dev.vinfer.onnx.OnnxModelBuilder.f;
import static dev.vinfer.onnx.OnnxModelBuilder.i;
import static dev.vinfer.onnx.OnnxModelBuilder.ints;

/** Small valid models shared by the tests, the hostile corpus and the fuzzer's seeds. */
final class TinyModels {
    private TinyModels() {
    }

    static float[] ramp(int n) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (k % 7 - 3) * 0.25f;
        }
        return v;
    }

    /**
     * x[N,3,8,8] -> Conv 3x3 (4 filters, bias, pads 1) -> BatchNormalization -> Relu -> MaxPool 2x2
     * -> GlobalAveragePool -> Flatten -> Gemm (2 classes, transB) -> Softmax -> y[N,2].
     */
    static OnnxModelBuilder cnn(long opset) {
        return new OnnxModelBuilder(opset)
                .input("x", -1, 3, 8, 8)
                .output("y", -1, 2)
                .initializer("conv.w", ramp(4 * 3 * 3 * 3), 4, 3, 3, 3)
                .initializer("conv.b", ramp(4), 4)
                .initializer("bn.scale", new float[] {1, 2, 1, 0.5f}, 4)
                .initializer("bn.bias", ramp(4), 4)
                .initializer("bn.mean", ramp(4), 4)
                .initializer("bn.var", new float[] {1, 1, 2, 0.5f}, 4)
                .initializer("fc.w", ramp(8), 2, 4)
                .initializer("fc.b", new float[] {0.1f, -0.1f}, 2)
                .node("Conv", "conv", List.of("x", "conv.w", "conv.b"), List.of("c"),
                        ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1), ints("strides", 1, 1))
                .node("BatchNormalization", "bn", List.of("c", "bn.scale", "bn.bias", "bn.mean", "bn.var"), List.of("b"))
                .node("Relu", "relu", List.of("b"), List.of("r"))
                .node("MaxPool", "pool", List.of("r"), List.of("p"), ints("kernel_shape", 2, 2), ints("strides", 2, 2))
                .node("GlobalAveragePool", "gap", List.of("p"), List.of("g"))
                .node("Flatten", "flatten", List.of("g"), List.of("fl"), i("axis", 1))
                .node("Gemm", "fc", List.of("fl", "fc.w", "fc.b"), List.of("logits"), f("alpha", 1f), i("transB", 1))
                .node("Softmax", "softmax", List.of("logits"), List.of("y"), i("axis", 1));
    }
}
