package dev.vinfer.plan;

import dev.vinfer.graph.Attributes;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.Dense;
import dev.vinfer.scalar.ScalarBackend;
import dev.vinfer.scalar.ops.Gemm;
import dev.vinfer.scalar.ops.MatMul;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.tensor.NdArray;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;

import java.util.Arrays;
import java.util.List;

/**
 * Gemm and MatMul. The classifier head of a CNN ({@code [N, K] x constant weights + bias}) becomes a
 * {@link Dense} layer, which backends accelerate; any other product (transposed or computed
 * operands, batched MatMul) runs the general reference kernel.
 */
final class MatrixLowering {
    private MatrixLowering() {
    }

    static void lower(PlanBuilder plan, Node node) {
        if (node.op().equals(Ops.GEMM) ? !tryDense(plan, node) : !tryDenseMatMul(plan, node)) {
            general(plan, node);
        }
    }

    private static boolean tryDense(PlanBuilder plan, Node node) {
        Attributes a = node.attributes();
        PlannedValue x = plan.input(node, 0);
        if (a.getLong("transA", 0) != 0 || x.rank() != 2 || !plan.isConstant(node, 1) || (node.hasInput(2) && !plan.isConstant(node, 2))) {
            return false;
        }
        NdArray b = plan.constant(node, 1, "B");
        if (b.rank() != 2) {
            return false;
        }
        boolean transB = a.getLong("transB", 0) != 0;
        int k = transB ? b.dim(1) : b.dim(0);
        int m = transB ? b.dim(0) : b.dim(1);
        if (k != x.dim(1)) {
            throw new PlanException(node, "A " + Arrays.toString(x.logical()) + " and B " + b.shapeText() + " do not multiply");
        }
        float alpha = a.getFloat("alpha", 1f);
        float beta = a.getFloat("beta", 1f);
        float[] weights = new float[m * k]; // [out][in]
        float[] src = b.data();
        for (int o = 0; o < m; o++) {
            for (int i = 0; i < k; i++) {
                weights[o * k + i] = alpha * (transB ? src[o * k + i] : src[i * m + o]);
            }
        }
        float[] bias = new float[m];
        if (node.hasInput(2)) {
            NdArray c = plan.constant(node, 2, "C");
            boolean perOutput = c.size() == m && (c.rank() == 1 || (c.rank() == 2 && c.dim(0) == 1));
            if (c.size() == 1) {
                Arrays.fill(bias, beta * c.data()[0]);
            } else if (perOutput) {
                for (int o = 0; o < m; o++) {
                    bias[o] = beta * c.data()[o];
                }
            } else {
                return false; // a per-row or full-matrix C: the general kernel broadcasts it
            }
        }
        denseStep(plan, node, x, k, m, weights, bias);
        return true;
    }

    private static boolean tryDenseMatMul(PlanBuilder plan, Node node) {
        PlannedValue x = plan.input(node, 0);
        if (x.rank() != 2 || !plan.isConstant(node, 1) || plan.constant(node, 1, "B").rank() != 2) {
            return false;
        }
        NdArray b = plan.constant(node, 1, "B");
        int k = b.dim(0);
        int m = b.dim(1);
        if (k != x.dim(1)) {
            throw new PlanException(node, "A " + Arrays.toString(x.logical()) + " and B " + b.shapeText() + " do not multiply");
        }
        float[] weights = new float[m * k];
        for (int o = 0; o < m; o++) {
            for (int i = 0; i < k; i++) {
                weights[o * k + i] = b.data()[i * m + o];
            }
        }
        denseStep(plan, node, x, k, m, weights, new float[m]);
        return true;
    }

    private static void denseStep(PlanBuilder plan, Node node, PlannedValue x, int k, int m, float[] weights, float[] bias) {
        Epilogue epilogue = Epilogue.of(node.attributes());
        Clamp clamp = epilogue.clamp();
        Dense spec = new Dense(node.name(), k, m, clamp == null ? Clamp.NONE : clamp, weights, bias);
        int rows = x.dim(0);
        TensorShape in = new TensorShape(rows, 1, 1, k);
        TensorShape out = new TensorShape(rows, 1, 1, m);
        var prepared = plan.prepare(node, spec, in.withBatch(1));
        boolean split = clamp == null;
        int[] logicalOut = {rows, m};
        PlannedValue y = split ? plan.temporary(node.name() + "#dense", logicalOut, Layout.PLAIN) : plan.newValue(node.output(), logicalOut, Layout.PLAIN);
        plan.addStep(new Step(node.name(), spec.describe(), prepared.backendName(), spec.multiplyAdds(in), List.of(x), List.of(y),
                (inputs, outputs, workers) -> prepared.layer().bind(Tensor.view(in, inputs[0]), Tensor.view(out, outputs[0]), workers)));
        if (split) {
            ElementwiseLowering.activation(plan, node, epilogue, y, node.output());
        }
    }

    private static void general(PlanBuilder plan, Node node) {
        PlannedValue a = plan.plain(plan.input(node, 0));
        PlannedValue b = plan.plain(plan.input(node, 1));
        Epilogue epilogue = Epilogue.of(node.attributes());
        boolean split = !epilogue.isNone();
        if (node.op().equals(Ops.GEMM)) {
            Attributes at = node.attributes();
            PlannedValue c = node.hasInput(2) ? plan.plain(plan.input(node, 2)) : null;
            Gemm gemm = Gemm.of(a.logical(), b.logical(), c == null ? null : c.logical(), at.getFloat("alpha", 1f),
                    at.getFloat("beta", 1f), at.getLong("transA", 0) != 0, at.getLong("transB", 0) != 0);
            PlannedValue y = output(plan, node, gemm.outputShape(), split);
            long cost = (long) Arrays.stream(a.logical()).reduce(1, (p, q) -> p * q) * gemm.outputShape()[1];
            List<PlannedValue> ins = c == null ? List.of(a, b) : List.of(a, b, c);
            plan.addStep(new Step(node.name(), "gemm", ScalarBackend.NAME, cost, ins, List.of(y), (inputs, outputs, workers) ->
                    BoundLayer.of(gemm.taskCount(), cost / Math.max(1, gemm.taskCount()),
                            (from, to, worker) -> gemm.run(inputs[0], inputs[1], inputs.length > 2 ? inputs[2] : null, outputs[0], from, to))));
            finish(plan, node, epilogue, y);
        } else {
            MatMul matMul = MatMul.of(a.logical(), b.logical());
            int[] shape = matMul.outputShape();
            PlannedValue y = output(plan, node, shape, split);
            int inner = a.logical()[a.rank() - 1];
            long cost = (long) y.size() * inner;
            plan.addStep(new Step(node.name(), "matmul", ScalarBackend.NAME, cost, List.of(a, b), List.of(y), (inputs, outputs, workers) ->
                    BoundLayer.of(matMul.taskCount(), cost / Math.max(1, matMul.taskCount()),
                            (from, to, worker) -> matMul.run(inputs[0], inputs[1], outputs[0], from, to))));
            finish(plan, node, epilogue, y);
        }
    }

    private static PlannedValue output(PlanBuilder plan, Node node, int[] shape, boolean split) {
        return split ? plan.temporary(node.name() + "#product", shape, Layout.PLAIN) : plan.newValue(node.output(), shape, Layout.PLAIN);
    }

    private static void finish(PlanBuilder plan, Node node, Epilogue epilogue, PlannedValue y) {
        if (!epilogue.isNone()) {
            ElementwiseLowering.activation(plan, node, epilogue, y, node.output());
        }
    }
}
