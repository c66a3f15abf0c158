package dev.vinfer.plan;

import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.tensor.NdArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The planner's evaluation of nodes known before anything runs: a node whose inputs are all
 * constants (of the graph, or computed here earlier) and whose operator {@link ConstantEvaluator}
 * computes, and every {@code Shape} (a plan is bound to fixed input shapes, so every value's shape
 * is known). Its outputs become plan-time constants: no step, no buffer, and the Reshape, Pad or
 * Slice that reads them sees constants. Two plans of one graph at two batch sizes therefore hold
 * two different results of a Shape-based chain.
 */
final class ConstantEvaluation {
    private ConstantEvaluation() {
    }

    /** Evaluates {@code node} when its inputs are known; returns whether it did (and defined its outputs). */
    static boolean tryEvaluate(PlanBuilder plan, Node node) {
        if (node.op().equals(Ops.SHAPE)) {
            plan.defineConstant(node.output(), ConstantEvaluator.shape(plan.input(node, 0).logical(), node.attributes()));
            return true;
        }
        if (!ConstantEvaluator.evaluates(node.op())) {
            return false;
        }
        List<NdArray> inputs = new ArrayList<>();
        for (int i = 0; i < node.inputs().size(); i++) {
            NdArray known = node.hasInput(i) ? plan.known(node.input(i)) : null;
            if (node.hasInput(i) && known == null) {
                return false;
            }
            inputs.add(known);
        }
        List<NdArray> outputs = ConstantEvaluator.evaluate(node, inputs);
        for (int i = 0; i < outputs.size(); i++) {
            plan.defineConstant(node.outputs().get(i), outputs.get(i));
        }
        return true;
    }

    /** For operators only evaluated while planning (ConstantOfShape, Range, Equal): their inputs were not known. */
    static void requireKnown(PlanBuilder plan, Node node) {
        for (int i = 0; i < node.inputs().size(); i++) {
            if (node.hasInput(i) && plan.known(node.input(i)) == null) {
                throw new PlanException(node, "input " + i + " ('" + node.input(i) + "') must be known when the model is planned "
                        + "(a constant or shape arithmetic), not computed at run time");
            }
        }
        throw new PlanException(node, "no kernel for this operator");
    }
}
