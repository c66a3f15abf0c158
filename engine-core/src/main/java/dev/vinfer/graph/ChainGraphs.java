package dev.vinfer.graph;

import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.ConvWeights;
import dev.vinfer.ops.Convolution;
import dev.vinfer.ops.Dense;
import dev.vinfer.ops.GlobalAveragePool;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.ops.Padding;
import dev.vinfer.ops.PaddingMode;
import dev.vinfer.ops.Pooling;
import dev.vinfer.ops.Softmax;
import dev.vinfer.tensor.NdArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link NetworkDefinition} (a chain of folded layers, as the MobileNet builders make it) into
 * the {@link Graph} every model runs as: one path through the engine. Convolution weights go back to
 * ONNX's OIHW order, a layer's clamp becomes the Conv's fused activation, a padding mode stays a mode
 * so the graph serves any input size, and a dense layer reads the flattened pooled features.
 */
final class ChainGraphs {
    static final String INPUT = "input";
    static final String OUTPUT = "logits";

    private ChainGraphs() {
    }

    static Graph toGraph(NetworkDefinition def) {
        Map<String, NdArray> constants = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>();
        String current = INPUT;
        List<LayerSpec> layers = def.layers();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            String out = i == layers.size() - 1 ? OUTPUT : layer.name() + ":out";
            switch (layer) {
                case Convolution c -> {
                    constants.put(c.name() + ".weight", NdArray.wrap(new int[] {c.outChannels(), c.inChannels() / c.groups(), c.kernelH(), c.kernelW()},
                            ConvWeights.ohwiToOihw(c.weights(), c.outChannels(), c.inChannels() / c.groups(), c.kernelH(), c.kernelW())));
                    constants.put(c.name() + ".bias", NdArray.vector(c.bias().clone()));
                    Attributes.Builder a = Attributes.builder()
                            .set("kernel_shape", new int[] {c.kernelH(), c.kernelW()})
                            .set("strides", new int[] {c.strideH(), c.strideW()})
                            .set("dilations", new int[] {c.dilationH(), c.dilationW()})
                            .set("group", c.groups());
                    PaddingMode mode = def.paddingModes().getOrDefault(c.name(), PaddingMode.EXPLICIT);
                    if (mode == PaddingMode.EXPLICIT) {
                        a.set("pads", new int[] {c.padding().top(), c.padding().left(), c.padding().bottom(), c.padding().right()});
                    } else {
                        a.set("auto_pad", mode.name());
                    }
                    activation(a, c.clamp());
                    nodes.add(new Node(c.name(), Ops.CONV, List.of(current, c.name() + ".weight", c.name() + ".bias"), List.of(out), a.build()));
                }
                case GlobalAveragePool p -> {
                    String pooled = p.name() + ":pooled";
                    nodes.add(new Node(p.name(), Ops.GLOBAL_AVERAGE_POOL, List.of(current), List.of(pooled)));
                    nodes.add(new Node(p.name() + "_flatten", Ops.FLATTEN, List.of(pooled), List.of(out),
                            Attributes.builder().set("axis", 1).build()));
                }
                case Pooling p -> {
                    Padding pad = p.padding();
                    Attributes.Builder a = Attributes.builder()
                            .set("kernel_shape", new int[] {p.kernelH(), p.kernelW()})
                            .set("strides", new int[] {p.strideH(), p.strideW()})
                            .set("dilations", new int[] {p.dilationH(), p.dilationW()})
                            .set("pads", new int[] {pad.top(), pad.left(), pad.bottom(), pad.right()})
                            .set("ceil_mode", p.ceilMode() ? 1 : 0);
                    if (!p.isMax()) {
                        a.set("count_include_pad", p.countIncludePad() ? 1 : 0);
                    }
                    nodes.add(new Node(p.name(), p.isMax() ? Ops.MAX_POOL : Ops.AVERAGE_POOL, List.of(current), List.of(out), a.build()));
                }
                case Dense d -> {
                    String flat = current;
                    if (i == 0 || !(layers.get(i - 1) instanceof GlobalAveragePool)) {
                        // A chain's Dense reads an image's features in NHWC order; the graph's tensors are
                        // NCHW, so a map of more than one pixel and channel is transposed first.
                        var in = def.shapes().get(i);
                        if (in.h() * in.w() > 1 && in.c() > 1) {
                            String nhwc = d.name() + ":nhwc";
                            nodes.add(new Node(d.name() + "_to_nhwc", Ops.TRANSPOSE, List.of(current), List.of(nhwc),
                                    Attributes.builder().set("perm", new int[] {0, 2, 3, 1}).build()));
                            current = nhwc;
                        }
                        flat = d.name() + ":flat";
                        nodes.add(new Node(d.name() + "_flatten", Ops.FLATTEN, List.of(current), List.of(flat),
                                Attributes.builder().set("axis", 1).build()));
                    }
                    constants.put(d.name() + ".weight", NdArray.wrap(new int[] {d.outFeatures(), d.inFeatures()}, d.weights().clone()));
                    constants.put(d.name() + ".bias", NdArray.vector(d.bias().clone()));
                    Attributes.Builder a = Attributes.builder().set("transB", 1);
                    activation(a, d.clamp());
                    nodes.add(new Node(d.name(), Ops.GEMM, List.of(flat, d.name() + ".weight", d.name() + ".bias"), List.of(out), a.build()));
                }
                case Softmax s -> nodes.add(new Node(s.name(), Ops.SOFTMAX, List.of(current), List.of(out),
                        Attributes.builder().set("axis", 1).build()));
            }
            current = out;
        }
        var in = def.inputShape();
        boolean anySize = def.anyInputSize() || !def.paddingModes().isEmpty();
        ValueInfo input = new ValueInfo(INPUT, new int[] {ValueInfo.UNKNOWN, in.c(), anySize ? ValueInfo.UNKNOWN : in.h(),
                anySize ? ValueInfo.UNKNOWN : in.w()});
        ModelMetadata metadata = new ModelMetadata(def.labels(), Optional.of(def.preprocessing()), in.h());
        return new Graph(def.name(), List.of(input), List.of(new ValueInfo(OUTPUT, new int[] {ValueInfo.UNKNOWN, def.classCount()})),
                nodes, constants, metadata);
    }

    private static void activation(Attributes.Builder a, Clamp clamp) {
        if (clamp.isIdentity()) {
            return;
        }
        if (clamp.min() == 0f && clamp.max() == Float.POSITIVE_INFINITY) {
            a.set(Ops.ACTIVATION, Ops.RELU);
        } else {
            a.set(Ops.ACTIVATION, Ops.CLIP).set("activation_min", clamp.min()).set("activation_max", clamp.max());
        }
    }
}
