package dev.vinfer.plan;

import dev.vinfer.graph.Graph;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.graph.ValueInfo;
import dev.vinfer.spi.Backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds an optimised graph to concrete input shapes: infers every shape, resolves padding modes,
 * chooses layouts (NHWC through convolution regions, plain elsewhere, converted once at the
 * boundary), lowers each node into steps with the backend's kernels (scalar where it has none) and
 * assigns buffers by liveness.
 */
public final class Planner {
    /** Operators whose kernels take NHWC: a rank-4 graph input read by one of them is stored NHWC. */
    static final Set<String> NHWC_OPERATORS = Set.of(Ops.CONV, Ops.MAX_POOL, Ops.AVERAGE_POOL,
            Ops.GLOBAL_AVERAGE_POOL, Ops.BATCH_NORMALIZATION);

    private Planner() {
    }

    /**
     * {@return the plan that runs {@code graph} on inputs of these shapes}
     *
     * @param graph       an optimised graph (the standard passes have run, or were turned off)
     * @param inputShapes the logical shape of every graph input, by name
     * @param backend     the backend whose kernels run the steps it supports (scalar runs the rest)
     * @param cache       the model's prepared layers, reused across the plans of one model
     * @throws PlanException            naming the node that cannot be planned
     * @throws IllegalArgumentException for inputs that do not match the graph's declarations
     */
    public static ExecutionPlan plan(Graph graph, Map<String, int[]> inputShapes, Backend backend, PreparedLayerCache cache) {
        PlanBuilder plan = new PlanBuilder(backend, cache, graph.constants());
        List<PlannedValue> inputs = new ArrayList<>();
        for (ValueInfo info : graph.inputs()) {
            int[] shape = inputShapes.get(info.name());
            if (shape == null) {
                throw new IllegalArgumentException("input '" + info.name() + "' is missing");
            }
            checkDeclared(info, shape);
            Layout layout = shape.length == 4 && readByImageOperator(graph, info.name()) ? Layout.NHWC : Layout.PLAIN;
            inputs.add(plan.newValue(info.name(), shape, layout));
        }
        for (Node node : graph.nodes()) {
            plan.addNode(node);
        }
        for (Node node : graph.nodes()) {
            if (plan.isLowered(node)) {
                continue; // computed as part of an earlier node's fused step
            }
            try {
                NodeLowering.lower(plan, node);
            } catch (PlanException e) {
                throw e;
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new PlanException(node, e.getMessage());
            }
        }
        List<PlannedValue> outputs = new ArrayList<>();
        for (ValueInfo info : graph.outputs()) {
            PlannedValue v = plan.outputValue(info.name());
            outputs.add(v);
        }
        int[] slots = BufferAssignment.assign(plan.steps, inputs, outputs);
        return new ExecutionPlan(List.copyOf(plan.steps), inputs, outputs, slots);
    }

    private static boolean readByImageOperator(Graph graph, String value) {
        return graph.consumers(value).stream().anyMatch(n -> NHWC_OPERATORS.contains(n.op()) && n.input(0).equals(value));
    }

    /**
     * The rank must be the declared one, and so must the channels of an image. Other dimensions may
     * differ from a fixed declaration: exporters often fix the batch and the image size a model was
     * traced with, yet a fully convolutional network runs at any size; a size that does not fit a
     * layer fails there, with that layer's name.
     */
    private static void checkDeclared(ValueInfo info, int[] shape) {
        if (!info.hasShape()) {
            return;
        }
        int[] declared = info.dims();
        boolean fits = declared.length == shape.length;
        if (fits && shape.length == 4) {
            fits = declared[1] == ValueInfo.UNKNOWN || declared[1] == shape[1];
        }
        if (!fits) {
            throw new IllegalArgumentException("input '" + info.name() + "' has shape " + Arrays.toString(shape)
                    + ", the model declares " + info.toString().substring(info.name().length()));
        }
    }
}
