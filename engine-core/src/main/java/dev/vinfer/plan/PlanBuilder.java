package dev.vinfer.plan;

import dev.vinfer.graph.Node;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.scalar.ScalarBackend;
import dev.vinfer.spi.Backend;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.NdArray;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The planner's working state while it lowers nodes into steps: the values defined so far, the steps,
 * and the helpers every lowering needs (layout conversion, constants, preparing a layer with the
 * backend or its scalar fallback). One per plan; not shared.
 */
final class PlanBuilder {
    private final Backend backend;
    private final PreparedLayerCache prepared;
    private final Map<String, PlannedValue> values = new HashMap<>();
    private final Map<String, NdArray> constants;
    /** Layout-converted copies already made, so two readers of one value share one conversion. */
    private final Map<String, PlannedValue> converted = new HashMap<>();
    final List<Step> steps = new ArrayList<>();
    /** The graph's nodes by name, for lowerings that look ahead (a fused chain). */
    private final Map<String, Node> nodes = new HashMap<>();
    /** Nodes another node's lowering already covered (the second layer of a fused chain). */
    private final java.util.Set<String> lowered = new java.util.HashSet<>();

    PlanBuilder(Backend backend, PreparedLayerCache prepared, Map<String, NdArray> constants) {
        this.backend = backend;
        this.prepared = prepared;
        this.constants = constants;
    }

    Backend backend() {
        return backend;
    }

    void addNode(Node node) {
        nodes.put(node.name(), node);
    }

    /** The graph node called {@code name}, or null. */
    Node node(String name) {
        return nodes.get(name);
    }

    void markLowered(Node node) {
        lowered.add(node.name());
    }

    boolean isLowered(Node node) {
        return lowered.contains(node.name());
    }

    void define(PlannedValue value) {
        values.put(value.name(), value);
    }

    /** The value of input {@code i} of {@code node}; a constant is materialised in plain layout on first use. */
    PlannedValue input(Node node, int i) {
        String name = node.input(i);
        PlannedValue v = values.get(name);
        if (v == null && constants.containsKey(name)) {
            NdArray c = constants.get(name);
            v = new PlannedValue(name, c.shape(), Layout.PLAIN, c.data());
            values.put(name, v);
        }
        if (v == null) {
            throw new PlanException(node, "input " + i + " ('" + name + "') is not defined");
        }
        return v;
    }

    /** Input {@code i} as a constant known at load or evaluated while planning; a computed value there is an unsupported model. */
    NdArray constant(Node node, int i, String role) {
        NdArray c = known(node.input(i));
        if (c == null) {
            throw new PlanException(node, role + " (input " + i + ") must be a constant initializer, not a value computed at run time");
        }
        return c;
    }

    boolean isConstant(Node node, int i) {
        return known(node.input(i)) != null;
    }

    /** The value {@code name} when it is known before anything runs (a graph or plan-time constant), else null. */
    NdArray known(String name) {
        NdArray c = constants.get(name);
        PlannedValue v = values.get(name);
        if (c == null && v != null && v.isConstant() && v.layout() == Layout.PLAIN) {
            c = NdArray.wrap(v.logical(), v.constantData());
        }
        return c;
    }

    /** A value computed while planning ({@link ConstantEvaluation}): a constant, no step, no buffer. */
    void defineConstant(String name, NdArray value) {
        values.put(name, new PlannedValue(name, value.shape(), Layout.PLAIN, value.data()));
    }

    PlannedValue newValue(String name, int[] logical, Layout layout) {
        PlannedValue v = new PlannedValue(name, logical, layout, null);
        values.put(name, v);
        return v;
    }

    /** A value not in the graph (a split epilogue's intermediate, a converted copy). */
    PlannedValue temporary(String name, int[] logical, Layout layout) {
        return new PlannedValue(name, logical, layout, null);
    }

    /**
     * The value a graph output names. An output that is a graph input or a constant gets a copy of
     * its own, so the caller's output buffer is never the input buffer or the model's weights.
     */
    PlannedValue outputValue(String name) {
        PlannedValue v = values.get(name);
        if (v != null && !v.isConstant() && v.definedByStep) {
            return v;
        }
        PlannedValue source = v != null ? v : new PlannedValue(name, constants.get(name).shape(), Layout.PLAIN, constants.get(name).data());
        PlannedValue copy = temporary(name, source.logical(), source.layout());
        int count = source.size();
        addStep(new Step(name + "#copy", "copy", Step.ENGINE, 0, List.of(source), List.of(copy),
                (in, out, workers) -> dev.vinfer.spi.BoundLayer.of(1, count, (a, b, worker) -> System.arraycopy(in[0], 0, out[0], 0, count))));
        return copy;
    }

    void addStep(Step step) {
        for (PlannedValue out : step.outputs()) {
            out.definedByStep = true;
        }
        steps.add(step);
    }

    /** {@code v} in NHWC, converting it (once) when it is plain. */
    PlannedValue nhwc(PlannedValue v) {
        if (v.layout() == Layout.NHWC) {
            return v;
        }
        if (v.rank() != 4) {
            throw new IllegalArgumentException("value " + v.name() + " has rank " + v.rank() + ", an image operator needs rank 4 (N, C, H, W)");
        }
        if (v.isConstant()) {
            return new PlannedValue(v.name() + "#nhwc", v.logical(), Layout.NHWC, Layouts.toNhwc(v.constantData(), v.logical()));
        }
        return converted.computeIfAbsent(v.name() + "#nhwc", key -> {
            PlannedValue out = temporary(key, v.logical(), Layout.NHWC);
            int[] s = v.logical();
            addStep(new Step(key, "to NHWC", Step.ENGINE, 0, List.of(v), List.of(out), LayoutConversion.toNhwc(s[0], s[1], s[2], s[3])));
            return out;
        });
    }

    /**
     * A lower-rank value read as the rank-4 {@code extended} shape (same elements, leading ones) and
     * stored NHWC, for broadcasting against an image.
     */
    PlannedValue nhwcOfExtended(PlannedValue v, int[] extended) {
        if (v.isConstant()) {
            return new PlannedValue(v.name() + "#nhwc", extended, Layout.NHWC, Layouts.toNhwc(v.constantData(), extended));
        }
        return converted.computeIfAbsent(v.name() + "#nhwc", key -> {
            PlannedValue out = temporary(key, extended, Layout.NHWC);
            int[] s = extended;
            addStep(new Step(key, "to NHWC", Step.ENGINE, 0, List.of(v), List.of(out), LayoutConversion.toNhwc(s[0], s[1], s[2], s[3])));
            return out;
        });
    }

    /** {@code v} in plain (logical) layout, converting it (once) when it is NHWC. */
    PlannedValue plain(PlannedValue v) {
        if (v.layout() == Layout.PLAIN) {
            return v;
        }
        return converted.computeIfAbsent(v.name() + "#plain", key -> {
            PlannedValue out = temporary(key, v.logical(), Layout.PLAIN);
            int[] s = v.logical();
            addStep(new Step(key, "to NCHW", Step.ENGINE, 0, List.of(v), List.of(out), LayoutConversion.toNchw(s[0], s[1], s[2], s[3])));
            return out;
        });
    }

    /**
     * A layer prepared by the chosen backend, or by the scalar reference where the backend declines;
     * prepared layers are cached across plans of one model (batch sizes share them).
     */
    PreparedStep prepare(Node node, LayerSpec spec, TensorShape imageShape) {
        return prepared.get(node.name(), spec, imageShape, () -> {
            var fast = backend.prepare(spec, imageShape);
            return fast.isPresent() ? new PreparedStep(fast.get(), backend.name())
                    : new PreparedStep(ScalarBackend.prepareLayer(spec, imageShape), ScalarBackend.NAME);
        });
    }

    /**
     * Consecutive layers as one step, when the backend fuses them ({@code Backend.prepareChain}); empty
     * when it declines. Cached like single layers.
     */
    java.util.Optional<PreparedStep> prepareChain(Node first, Node last, List<LayerSpec> chain, TensorShape imageShape) {
        PreparedStep step = prepared.get(first.name() + "+" + last.name(), chain.getLast(), imageShape, () ->
                backend.prepareChain(chain, imageShape).filter(p -> p.chain().equals(chain))
                        .map(p -> new PreparedStep(p, backend.name())).orElse(null));
        return java.util.Optional.ofNullable(step);
    }

    /** The kernel of a prepared NHWC layer between two values of the given physical NHWC shapes. */
    static StepKernel bindNhwc(PreparedLayer layer, TensorShape in, TensorShape out) {
        return (inputs, outputs, workers) -> layer.bind(Tensor.view(in, inputs[0]), Tensor.view(out, outputs[0]), workers);
    }

    static TensorShape nhwcShape(PlannedValue v) {
        int[] p = v.physical();
        if (p.length != 4) {
            throw new IllegalArgumentException("value " + v.name() + " is not rank 4: " + Arrays.toString(v.logical()));
        }
        return new TensorShape(p[0], p[1], p[2], p[3]);
    }

    /** A layer and the backend that prepared it. */
    record PreparedStep(PreparedLayer layer, String backendName) {
    }
}
