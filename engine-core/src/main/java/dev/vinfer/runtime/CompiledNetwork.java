package dev.vinfer.runtime;

import dev.vinfer.api.StepInfo;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.ops.Convolution;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.ops.Softmax;
import dev.vinfer.scalar.ScalarBackend;
import dev.vinfer.spi.Backend;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.TensorShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A network whose every layer a backend has prepared, plus the softmax the engine appends after the
 * logits. Immutable: any number of sessions (threads) share it.
 *
 * <p>A step is one prepared layer, or several consecutive layers the backend fused into one
 * ({@link Backend#prepareChain}); every list here has one entry per step.
 *
 * @param layers        prepared steps, input to logits
 * @param layerBackends which backend runs each step (the chosen one, or the scalar fallback)
 * @param imageShapes   one image's input shape, then each step's output shape
 */
public record CompiledNetwork(NetworkDefinition definition, Backend backend, List<PreparedLayer> layers,
                              List<String> layerBackends, PreparedLayer softmax, List<TensorShape> imageShapes) {

    /** Prepares every layer with {@code backend}, falling back to the scalar kernel where it has none. */
    public static CompiledNetwork compile(NetworkDefinition definition, Backend backend) {
        List<TensorShape> shapes = definition.shapes();
        List<LayerSpec> specs = definition.layers();
        List<PreparedLayer> prepared = new ArrayList<>();
        List<String> used = new ArrayList<>();
        List<TensorShape> stepShapes = new ArrayList<>();
        stepShapes.add(shapes.getFirst());
        for (int i = 0; i < specs.size(); ) {
            Optional<PreparedLayer> fused = fuseDepthwisePointwise(specs, shapes, i, backend);
            if (fused.isPresent()) {
                prepared.add(fused.get());
                used.add(backend.name());
                i += fused.get().chain().size();
            } else {
                LayerSpec spec = specs.get(i);
                TensorShape input = shapes.get(i);
                var kernel = backend.prepare(spec, input);
                prepared.add(kernel.orElseGet(() -> ScalarBackend.prepareLayer(spec, input)));
                used.add(kernel.isPresent() ? backend.name() : ScalarBackend.NAME);
                i++;
            }
            stepShapes.add(shapes.get(i));
        }
        Softmax softmaxSpec = new Softmax("softmax");
        TensorShape logits = shapes.getLast();
        PreparedLayer softmax = backend.prepare(softmaxSpec, logits)
                .orElseGet(() -> ScalarBackend.prepareLayer(softmaxSpec, logits));
        return new CompiledNetwork(definition, backend, List.copyOf(prepared), List.copyOf(used), softmax, List.copyOf(stepShapes));
    }

    /**
     * The one fusion so far: a depthwise convolution at {@code i} followed by a pointwise one, as a
     * single step when the backend accepts the pair (kept in one method so a graph pass can take it over).
     */
    static Optional<PreparedLayer> fuseDepthwisePointwise(List<LayerSpec> specs, List<TensorShape> shapes, int i, Backend backend) {
        if (i + 1 < specs.size() && specs.get(i) instanceof Convolution dw && dw.isDepthwise()
                && specs.get(i + 1) instanceof Convolution pw && pw.isPointwise()) {
            List<LayerSpec> chain = List.of(dw, pw);
            return backend.prepareChain(chain, shapes.get(i)).filter(step -> step.chain().equals(chain));
        }
        return Optional.empty();
    }

    /** Name, operation, backend and multiply-adds per image of every step, then the softmax: one entry per profile slot. */
    public List<StepInfo> steps() {
        List<StepInfo> steps = new ArrayList<>(layers.size() + 1);
        for (int s = 0; s < layers.size(); s++) {
            PreparedLayer step = layers.get(s);
            TensorShape shape = imageShapes.get(s);
            long multiplyAdds = 0;
            List<String> operations = new ArrayList<>();
            for (LayerSpec spec : step.chain()) {
                multiplyAdds += spec.multiplyAdds(shape);
                operations.add(spec.describe());
                shape = spec.outputShape(shape);
            }
            steps.add(new StepInfo(step.describe(), String.join(" + ", operations), layerBackends.get(s), multiplyAdds));
        }
        steps.add(new StepInfo("softmax", "softmax", "engine", 0));
        return List.copyOf(steps);
    }

    public TensorShape inputShape() {
        return imageShapes.getFirst();
    }

    public int classCount() {
        return imageShapes.getLast().c();
    }
}
