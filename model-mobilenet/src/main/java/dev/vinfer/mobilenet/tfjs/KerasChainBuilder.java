package dev.vinfer.mobilenet.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vinfer.mobilenet.BatchNorm;
import dev.vinfer.mobilenet.WeightChecks;
import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.ConvGeometry;
import dev.vinfer.ops.GlobalAveragePool;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.ops.Padding;
import dev.vinfer.ops.PaddingMode;
import dev.vinfer.tensor.TensorShape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a chain of Keras layers into vinfer layers, reading every size, stride, padding, epsilon
 * and activation from the topology (nothing is assumed to be MobileNet). Folding happens here,
 * once: a BatchNormalization goes into the convolution before it
 * ({@link dev.vinfer.mobilenet.BatchNormFolding}, via {@link PendingConvolution}), a ReLU/ReLU6
 * becomes that convolution's clamp, a ZeroPadding2D becomes the next convolution's explicit
 * padding, Dropout and Reshape (on a 1x1 map) vanish, and the closing softmax is left to the engine.
 *
 * <p>Padding {@code same} is TensorFlow's: computed from the actual input size, with the odd extra
 * row/column at the bottom/right ({@link Padding#same}). The layers are checked at the declared
 * input size, and such convolutions are also recorded as {@link PaddingMode#SAME_UPPER}, so the
 * engine's graph resolves them again for any other size.
 */
final class KerasChainBuilder {
    /** An image has 1 to 4 channels; anything above this in batch_input_shape is not an image model. */
    static final int MAX_INPUT_CHANNELS = 64;
    private final WeightStore weights;
    private final int[] inputSizeOverride;
    private final List<LayerSpec> layers = new ArrayList<>();
    /** Convolutions whose padding is TensorFlow "same", which depends on the input size. */
    private final Map<String, PaddingMode> paddingModes = new HashMap<>();

    private TensorShape inputShape;
    /** Output shape of the layers read so far. */
    private TensorShape shape;
    private PendingConvolution pending;
    private Padding zeroPadding;
    private KerasLayer zeroPaddingLayer;
    private KerasLayer softmax;

    /** @param inputSizeOverride {@code {height, width}} from config.json, or null to use batch_input_shape */
    KerasChainBuilder(WeightStore weights, int[] inputSizeOverride) {
        this.weights = weights;
        this.inputSizeOverride = inputSizeOverride;
    }

    /** Builds the chain; returns the input shape and the layers. */
    Result build(List<KerasLayer> chain) {
        for (int i = 0; i < chain.size(); i++) {
            KerasLayer layer = chain.get(i);
            if (i == 0 && !layer.className().equals("InputLayer")) {
                input(layer, layer.config().get("batch_input_shape")); // Sequential: the first layer carries it
            }
            add(layer);
        }
        flush();
        if (zeroPaddingLayer != null) {
            throw zeroPaddingLayer.problem("must be followed by a Conv2D or DepthwiseConv2D");
        }
        return new Result(inputShape, layers, paddingModes);
    }

    /** @param paddingModes layers (by name) whose padding is resolved for {@code inputShape} but is a mode */
    record Result(TensorShape inputShape, List<LayerSpec> layers, Map<String, PaddingMode> paddingModes) {
    }

    private void add(KerasLayer layer) {
        if (softmax != null && !layer.className().equals("Reshape") && !layer.className().equals("Dropout")) {
            throw softmax.problem("softmax must be the last operation (only Reshape or Dropout may follow), but "
                    + layer.name() + " (" + layer.className() + ") does");
        }
        if (zeroPaddingLayer != null && !isConvolution(layer)) {
            throw zeroPaddingLayer.problem("must be followed by a Conv2D or DepthwiseConv2D, not " + layer.name());
        }
        switch (layer.className()) {
            case "InputLayer" -> inputLayer(layer);
            case "Conv2D" -> convolution(layer, false);
            case "DepthwiseConv2D" -> convolution(layer, true);
            case "BatchNormalization" -> batchNorm(layer);
            case "Activation" -> activation(layer);
            case "ReLU" -> relu(layer);
            case "GlobalAveragePooling2D" -> globalPool(layer);
            case "Reshape" -> reshape(layer);
            case "Dropout" -> {
                // Identity at inference.
            }
            case "ZeroPadding2D" -> zeroPadding(layer);
            default -> throw layer.problem("layer class " + layer.className() + " is not supported (supported: InputLayer,"
                    + " Conv2D, DepthwiseConv2D, BatchNormalization, Activation, ReLU, GlobalAveragePooling2D, Reshape,"
                    + " Dropout, ZeroPadding2D)");
        }
    }

    private static boolean isConvolution(KerasLayer layer) {
        return layer.className().equals("Conv2D") || layer.className().equals("DepthwiseConv2D");
    }

    private void inputLayer(KerasLayer layer) {
        if (inputShape != null) {
            throw layer.problem("a second InputLayer is not supported");
        }
        JsonNode declared = layer.config().get("batch_input_shape");
        input(layer, declared != null ? declared : layer.config().get("batch_shape")); // Keras 3 renamed it
    }

    private void input(KerasLayer layer, JsonNode batchShape) {
        if (batchShape == null || !batchShape.isArray() || batchShape.size() != 4) {
            throw layer.problem("batch_input_shape must be [batch, height, width, channels], is " + batchShape);
        }
        int channels = dimension(batchShape.get(3));
        int h = inputSizeOverride != null ? inputSizeOverride[0] : dimension(batchShape.get(1));
        int w = inputSizeOverride != null ? inputSizeOverride[1] : dimension(batchShape.get(2));
        if (channels < 1 || h < 1 || w < 1) {
            throw layer.problem("batch_input_shape " + batchShape + " leaves the input size unknown; give inputSize in config.json");
        }
        if (channels > MAX_INPUT_CHANNELS || h > KerasLayer.MAX_EXTENT || w > KerasLayer.MAX_EXTENT) {
            throw layer.problem("batch_input_shape " + batchShape + " is absurd: at most " + KerasLayer.MAX_EXTENT
                    + " pixels per side and " + MAX_INPUT_CHANNELS + " channels");
        }
        inputShape = TensorShape.image(h, w, channels);
        shape = inputShape;
    }

    /** A batch_input_shape entry: a positive int, 0 for null/unknown, -1 for anything else (refused by the caller). */
    private static int dimension(JsonNode d) {
        if (d == null || d.isNull()) {
            return 0;
        }
        if (!d.isIntegralNumber() || !d.canConvertToInt()) {
            return Integer.MAX_VALUE; // e.g. 1e12: absurd rather than unknown
        }
        return d.asInt();
    }

    private void requireInput(KerasLayer layer) {
        if (shape == null) {
            throw layer.problem("comes before any InputLayer");
        }
    }

    private void convolution(KerasLayer layer, boolean depthwise) {
        requireInput(layer);
        flush();
        layer.requireChannelsLast();
        int[] kernel = layer.pair("kernel_size", 0);
        int[] strides = layer.pair("strides", 1);
        int[] dilation = layer.pair("dilation_rate", 1);
        if (kernel[0] < 1 || kernel[1] < 1) {
            throw layer.problem("kernel_size is missing");
        }
        if (dilation[0] != 1 || dilation[1] != 1) {
            throw layer.unsupported("dilation_rate " + Arrays.toString(dilation) + " (only [1, 1])");
        }
        String paddingMode = layer.choice("padding", "valid", "same", "valid");
        Clamp clamp = clampOf(layer, layer.choice("activation", "linear", "linear", "relu", "relu6"));
        boolean useBias = layer.flag("use_bias", true);
        int in = shape.c();
        int out;
        int groups;
        float[] ohwi;
        String prefix = layer.name() + "/";
        if (depthwise) {
            int multiplier = layer.integer("depth_multiplier", 1);
            if (multiplier != 1) {
                throw layer.unsupported("depth_multiplier " + multiplier + " (only 1)");
            }
            out = in;
            groups = in;
            float[] k = weights.require(prefix + "depthwise_kernel", layer.name(), kernel[0], kernel[1], in, 1).values();
            ohwi = KernelLayouts.depthwiseToOhwi(k, kernel[0], kernel[1], in);
        } else {
            int groupCount = layer.integer("groups", 1);
            if (groupCount != 1) {
                throw layer.unsupported("groups " + groupCount + " (only 1)");
            }
            out = layer.integer("filters", 0);
            if (out < 1) {
                throw layer.problem("filters must be positive, is " + out);
            }
            groups = 1;
            float[] k = weights.require(prefix + "kernel", layer.name(), kernel[0], kernel[1], in, out).values();
            ohwi = KernelLayouts.hwioToOhwi(k, kernel[0], kernel[1], in, out);
        }
        float[] bias = useBias ? weights.require(prefix + "bias", layer.name(), out).values() : null;

        Padding explicit = zeroPadding == null ? Padding.NONE : zeroPadding;
        int paddedH = shape.h() + explicit.top() + explicit.bottom();
        int paddedW = shape.w() + explicit.left() + explicit.right();
        Padding padding = explicit;
        if (paddingMode.equals("same") && zeroPadding == null) {
            paddingModes.put(layer.name(), PaddingMode.SAME_UPPER); // TensorFlow's "same" is ONNX's SAME_UPPER
        }
        if (paddingMode.equals("same")) {
            Padding same = Padding.same(paddedH, paddedW, kernel[0], kernel[1], strides[0], strides[1]);
            padding = new Padding(explicit.top() + same.top(), explicit.left() + same.left(),
                    explicit.bottom() + same.bottom(), explicit.right() + same.right());
        }
        zeroPadding = null;
        zeroPaddingLayer = null;
        int outH;
        int outW;
        try {
            outH = ConvGeometry.outputExtent(shape.h(), kernel[0], strides[0], padding.top(), padding.bottom());
            outW = ConvGeometry.outputExtent(shape.w(), kernel[1], strides[1], padding.left(), padding.right());
        } catch (IllegalArgumentException e) {
            throw layer.problem("input " + shape + " is too small: " + e.getMessage());
        }
        pending = new PendingConvolution(layer.name(), shape, out, kernel, strides, padding, groups, ohwi, bias, clamp);
        shape = new TensorShape(1, outH, outW, out);
    }

    private void batchNorm(KerasLayer layer) {
        if (pending == null || !pending.acceptsBatchNorm()) {
            throw layer.problem("can only follow a convolution directly (before any activation), to be folded into it");
        }
        int axis = layer.config().path("axis").isArray() && layer.config().path("axis").size() == 1
                ? layer.config().path("axis").get(0).asInt() : layer.integer("axis", -1);
        if (axis != -1 && axis != 3) {
            throw layer.unsupported("axis " + axis + " (only the channel axis, -1 or 3)");
        }
        double epsilon = layer.number("epsilon", 1e-3);
        int c = pending.outChannels();
        String prefix = layer.name() + "/";
        float[] gamma = layer.flag("scale", true) ? weights.require(prefix + "gamma", layer.name(), c).values() : filled(c, 1f);
        float[] beta = layer.flag("center", true) ? weights.require(prefix + "beta", layer.name(), c).values() : filled(c, 0f);
        float[] mean = weights.require(prefix + "moving_mean", layer.name(), c).values();
        float[] variance = weights.require(prefix + "moving_variance", layer.name(), c).values();
        BatchNorm bn;
        try {
            bn = new BatchNorm(gamma, beta, mean, variance, epsilon);
        } catch (IllegalArgumentException e) {
            throw layer.problem(e.getMessage());
        }
        int badVariance = WeightChecks.firstBadVariance(bn);
        if (badVariance >= 0) {
            throw layer.problem("moving_variance holds " + variance[badVariance] + " at channel " + badVariance
                    + " (with epsilon " + epsilon + "); a variance must not be negative");
        }
        if (!pending.foldBatchNorm(bn)) {
            throw layer.problem("folding into " + pending.name() + " overflows float32 (a huge weight or gamma over a tiny variance)");
        }
    }

    private void activation(KerasLayer layer) {
        String kind = layer.choice("activation", "linear", "linear", "relu", "relu6", "softmax");
        switch (kind) {
            case "linear" -> {
            }
            case "softmax" -> softmax = layer;
            default -> setClamp(layer, clampOf(layer, kind));
        }
    }

    private void relu(KerasLayer layer) {
        double slope = layer.number("negative_slope", 0);
        double threshold = layer.number("threshold", 0);
        if (slope != 0 || threshold != 0) {
            throw layer.unsupported("negative_slope " + slope + " / threshold " + threshold + " (only 0)");
        }
        double max = layer.number("max_value", Double.POSITIVE_INFINITY);
        if (!(max > 0)) {
            throw layer.unsupported("max_value " + max + " (must be positive)");
        }
        if (max == Double.POSITIVE_INFINITY) {
            setClamp(layer, Clamp.RELU);
        } else if (max == 6) {
            setClamp(layer, Clamp.RELU6);
        } else {
            setClamp(layer, new Clamp("relu" + max, 0f, (float) max));
        }
    }

    private void setClamp(KerasLayer layer, Clamp clamp) {
        if (pending == null || !pending.acceptsActivation()) {
            throw layer.problem("an activation must directly follow a convolution (and its BatchNormalization) to be fused");
        }
        pending.fuse(clamp);
    }

    private static Clamp clampOf(KerasLayer layer, String activation) {
        return switch (activation) {
            case "linear" -> Clamp.NONE;
            case "relu" -> Clamp.RELU;
            case "relu6" -> Clamp.RELU6;
            default -> throw layer.unsupported("activation '" + activation + "'");
        };
    }

    private void globalPool(KerasLayer layer) {
        requireInput(layer);
        flush();
        layer.requireChannelsLast();
        layers.add(new GlobalAveragePool(layer.name()));
        shape = new TensorShape(1, 1, 1, shape.c());
    }

    /** Only the reshapes between a pooled vector and its 1x1 map ([1,1,C] or [C]) are no-ops in NHWC. */
    private void reshape(KerasLayer layer) {
        requireInput(layer);
        JsonNode target = layer.config().path("target_shape");
        long elements = 1;
        for (JsonNode d : target) {
            elements *= d.asLong();
        }
        boolean vectorLike = target.isArray() && (target.size() == 1
                || (target.size() == 3 && target.get(0).asInt() == 1 && target.get(1).asInt() == 1));
        if (shape.h() != 1 || shape.w() != 1 || !vectorLike || elements != shape.c()) {
            throw layer.unsupported("target_shape " + target + " on input " + shape + " (only [1, 1, C] or [C] on a 1x1 map)");
        }
    }

    private void zeroPadding(KerasLayer layer) {
        requireInput(layer);
        flush();
        layer.requireChannelsLast();
        JsonNode p = layer.config().path("padding");
        int top;
        int bottom;
        int left;
        int right;
        if (p.isIntegralNumber()) {
            top = bottom = left = right = p.asInt();
        } else if (p.isArray() && p.size() == 2 && p.get(0).isIntegralNumber() && p.get(1).isIntegralNumber()) {
            top = bottom = p.get(0).asInt();
            left = right = p.get(1).asInt();
        } else if (p.isArray() && p.size() == 2 && p.get(0).size() == 2 && p.get(1).size() == 2) {
            top = p.get(0).get(0).asInt();
            bottom = p.get(0).get(1).asInt();
            left = p.get(1).get(0).asInt();
            right = p.get(1).get(1).asInt();
        } else {
            throw layer.unsupported("padding " + p);
        }
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw layer.unsupported("negative padding " + p);
        }
        if (top > KerasLayer.MAX_EXTENT || bottom > KerasLayer.MAX_EXTENT || left > KerasLayer.MAX_EXTENT || right > KerasLayer.MAX_EXTENT
                || !fitsInt(p)) {
            throw layer.unsupported("padding " + p + " (at most " + KerasLayer.MAX_EXTENT + ")");
        }
        Padding padding = new Padding(top, left, bottom, right);
        if (zeroPadding != null) {
            padding = new Padding(padding.top() + zeroPadding.top(), padding.left() + zeroPadding.left(),
                    padding.bottom() + zeroPadding.bottom(), padding.right() + zeroPadding.right());
        }
        zeroPadding = padding;
        zeroPaddingLayer = layer;
    }

    /** Every number in {@code node} is an int (asInt would silently wrap 2^32 to 0). */
    private static boolean fitsInt(JsonNode node) {
        if (node.isNumber()) {
            return node.isIntegralNumber() && node.canConvertToInt();
        }
        for (JsonNode child : node) {
            if (!fitsInt(child)) {
                return false;
            }
        }
        return true;
    }

    /** Emits the pending convolution, if any. */
    private void flush() {
        if (pending != null) {
            layers.add(pending.toLayerSpec());
            pending = null;
        }
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        Arrays.fill(a, value);
        return a;
    }
}
