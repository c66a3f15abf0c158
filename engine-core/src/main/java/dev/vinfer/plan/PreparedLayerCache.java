package dev.vinfer.plan;

import dev.vinfer.ops.LayerSpec;
import dev.vinfer.tensor.TensorShape;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The prepared (repacked) layers of one model, shared by all its plans: a plan for another batch size
 * reuses them, and one for another input size re-prepares only layers whose geometry changed. Keyed
 * by node, input shape and the resolved spec's geometry, not by the weights (a node's weights never
 * change).
 */
public final class PreparedLayerCache {
    private final ConcurrentHashMap<Key, PlanBuilder.PreparedStep> layers = new ConcurrentHashMap<>();

    /** An empty cache; one per loaded model, shared by all its plans and safe for concurrent use. */
    public PreparedLayerCache() {
    }

    private record Key(String node, TensorShape imageShape, String geometry) {
    }

    PlanBuilder.PreparedStep get(String node, LayerSpec spec, TensorShape imageShape, Supplier<PlanBuilder.PreparedStep> make) {
        Key key = new Key(node, imageShape.withBatch(1), Objects.toString(spec.describe()) + geometry(spec));
        return layers.computeIfAbsent(key, k -> make.get());
    }

    private static String geometry(LayerSpec spec) {
        return spec instanceof dev.vinfer.ops.Convolution c ? c.padding().toString() + c.clamp() : "";
    }
}
