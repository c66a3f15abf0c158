package dev.vinfer.plan;

import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;

/** Which lowering turns each core operator into steps: one table, so an operator cannot be missed. */
final class NodeLowering {
    private NodeLowering() {
    }

    static void lower(PlanBuilder plan, Node node) {
        if (ConstantEvaluation.tryEvaluate(plan, node)) {
            return; // known while planning: a constant, no step
        }
        switch (node.op()) {
            case Ops.CONV -> ConvLowering.lower(plan, node);
            case Ops.GEMM, Ops.MATMUL -> MatrixLowering.lower(plan, node);
            case Ops.GLOBAL_AVERAGE_POOL, Ops.MAX_POOL, Ops.AVERAGE_POOL -> PoolLowering.lower(plan, node);
            case Ops.BATCH_NORMALIZATION -> NormalizationLowering.batchNorm(plan, node);
            case Ops.RELU, Ops.CLIP, Ops.LEAKY_RELU, Ops.SIGMOID, Ops.HARD_SIGMOID, Ops.HARD_SWISH, Ops.TANH ->
                    ElementwiseLowering.unary(plan, node);
            case Ops.ADD, Ops.SUB, Ops.MUL, Ops.DIV, Ops.PRELU -> ElementwiseLowering.binary(plan, node);
            case Ops.CONCAT -> DataMovementLowering.concat(plan, node);
            case Ops.TRANSPOSE -> DataMovementLowering.transpose(plan, node);
            case Ops.FLATTEN, Ops.RESHAPE, Ops.IDENTITY, Ops.DROPOUT, Ops.CONSTANT -> DataMovementLowering.copyLike(plan, node);
            case Ops.SOFTMAX -> NormalizationLowering.softmax(plan, node);
            case Ops.PAD -> PadLowering.lower(plan, node);
            case Ops.SLICE, Ops.SPLIT, Ops.GATHER -> SliceLowering.lower(plan, node);
            case Ops.UNSQUEEZE, Ops.SQUEEZE, Ops.CAST, Ops.EXPAND, Ops.WHERE -> ShapeOpLowering.lower(plan, node);
            case Ops.SHAPE, Ops.CONSTANT_OF_SHAPE, Ops.RANGE, Ops.EQUAL -> ConstantEvaluation.requireKnown(plan, node);
            default -> throw new PlanException(node, "no kernel for this operator");
        }
    }
}
