package dev.vinfer.runtime;

import dev.vinfer.graph.Graph;
import dev.vinfer.graph.ValueInfo;
import dev.vinfer.graph.passes.StandardPasses;
import dev.vinfer.plan.ExecutionPlan;
import dev.vinfer.plan.Planner;
import dev.vinfer.plan.PreparedLayerCache;
import dev.vinfer.spi.Backend;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A graph after the passes, with the backend that runs it and everything planned so far: one
 * {@link ExecutionPlan} per set of input shapes (batch size, image size), sharing the prepared
 * weights. Thread-safe: sessions of many threads share it.
 */
public final class CompiledModel {
    private final Graph graph;
    private final Backend backend;
    private final PreparedLayerCache prepared = new PreparedLayerCache();
    private final Map<String, ExecutionPlan> plans = new ConcurrentHashMap<>();
    private final Map<String, int[]> defaultShapes;

    private CompiledModel(Graph graph, Backend backend) {
        this.graph = graph;
        this.backend = backend;
        this.defaultShapes = defaultShapes(graph);
    }

    /**
     * Optimises the graph and, when every input's shape is known (unknown dimensions taken as batch 1
     * and the model's image size), plans it once, so a model that cannot run fails at load.
     */
    public static CompiledModel compile(Graph graph, Backend backend, boolean graphPasses) {
        CompiledModel model = new CompiledModel(graphPasses ? StandardPasses.optimize(graph) : graph, backend);
        if (model.defaultShapes != null) {
            model.plan(model.defaultShapes);
        }
        return model;
    }

    /** The optimised graph. */
    public Graph graph() {
        return graph;
    }

    public Backend backend() {
        return backend;
    }

    /** Input shapes for a run at batch 1 and the model's own image size, or null when they are not known. */
    public Map<String, int[]> defaultShapes() {
        return defaultShapes == null ? null : copy(defaultShapes);
    }

    /** The plan for these input shapes, made on first use and then shared. */
    public ExecutionPlan plan(Map<String, int[]> shapes) {
        StringBuilder key = new StringBuilder();
        for (ValueInfo input : graph.inputs()) {
            int[] s = shapes.get(input.name());
            key.append(input.name()).append(Arrays.toString(s)).append(';');
        }
        return plans.computeIfAbsent(key.toString(), k -> Planner.plan(graph, shapes, backend, prepared));
    }

    private static Map<String, int[]> defaultShapes(Graph graph) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        int imageSize = graph.metadata().imageSize();
        for (ValueInfo input : graph.inputs()) {
            if (!input.hasShape()) {
                return null;
            }
            int[] dims = input.dims();
            for (int i = 0; i < dims.length; i++) {
                if (dims[i] == ValueInfo.UNKNOWN) {
                    boolean spatial = dims.length == 4 && i >= 2;
                    if (i == 0) {
                        dims[i] = 1;
                    } else if (spatial && imageSize > 0) {
                        dims[i] = imageSize;
                    } else {
                        return null;
                    }
                }
            }
            shapes.put(input.name(), dims);
        }
        return shapes;
    }

    private static Map<String, int[]> copy(Map<String, int[]> shapes) {
        Map<String, int[]> out = new LinkedHashMap<>();
        shapes.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    /** Names of the graph inputs, in order. */
    public List<String> inputNames() {
        return graph.inputs().stream().map(ValueInfo::name).toList();
    }

    public List<String> outputNames() {
        return graph.outputs().stream().map(ValueInfo::name).toList();
    }
}
