package dev.vinfer.runtime;

import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.ops.Softmax;
import dev.vinfer.scalar.ScalarBackend;
import dev.vinfer.spi.Backend;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.TensorShape;

import java.util.ArrayList;
import java.util.List;

/**
 * A network whose every layer a backend has prepared, plus the softmax the engine appends after the
 * logits. Immutable: any number of sessions (threads) share it.
 *
 * @param layers        prepared layers, input to logits
 * @param layerBackends which backend runs each layer (the chosen one, or the scalar fallback)
 * @param imageShapes   one image's input shape, then each layer's output shape
 */
public record CompiledNetwork(NetworkDefinition definition, Backend backend, List<PreparedLayer> layers,
                              List<String> layerBackends, PreparedLayer softmax, List<TensorShape> imageShapes) {

    /** Prepares every layer with {@code backend}, falling back to the scalar kernel where it has none. */
    public static CompiledNetwork compile(NetworkDefinition definition, Backend backend) {
        List<TensorShape> shapes = definition.shapes();
        List<PreparedLayer> prepared = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (int i = 0; i < definition.layers().size(); i++) {
            LayerSpec spec = definition.layers().get(i);
            TensorShape input = shapes.get(i);
            var kernel = backend.prepare(spec, input);
            prepared.add(kernel.orElseGet(() -> ScalarBackend.prepareLayer(spec, input)));
            used.add(kernel.isPresent() ? backend.name() : ScalarBackend.NAME);
        }
        Softmax softmaxSpec = new Softmax("softmax");
        TensorShape logits = shapes.getLast();
        PreparedLayer softmax = backend.prepare(softmaxSpec, logits)
                .orElseGet(() -> ScalarBackend.prepareLayer(softmaxSpec, logits));
        return new CompiledNetwork(definition, backend, List.copyOf(prepared), List.copyOf(used), softmax, List.copyOf(shapes));
    }

    public TensorShape inputShape() {
        return imageShapes.getFirst();
    }

    public int classCount() {
        return imageShapes.getLast().c();
    }
}
