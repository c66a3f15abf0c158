package dev.vinfer.graph;

import dev.vinfer.api.VinferException;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.ops.PaddingMode;
import dev.vinfer.tensor.TensorShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a model provider hands the engine: a chain of inference-ready layers from the input image to
 * the logits (the engine appends the softmax itself), plus what a user needs around it.
 *
 * @param name          e.g. {@code mobilenet_v1_0.25_224}
 * @param inputShape    one image, {@code n == 1}
 * @param layers        input to logits, each layer's output feeding the next
 * @param labels        class names, one per logit, or empty when the model carries none
 * @param preprocessing how RGB pixels become the input
 * @param anyInputSize  whether the same layers serve any input height and width (true when no
 *                      padding depends on the input size and the network ends in a global pool)
 * @param paddingModes  convolutions (by layer name) whose padding is a mode that depends on the input
 *                      size, such as TensorFlow "same"; their {@code Convolution.padding()} is the one
 *                      resolved for {@code inputShape}, and {@link #toGraph()} keeps the mode
 */
public record NetworkDefinition(String name, TensorShape inputShape, List<LayerSpec> layers,
                                List<String> labels, Preprocessing preprocessing, boolean anyInputSize,
                                Map<String, PaddingMode> paddingModes) {

    /**
     * A network whose padding is fixed numbers (or all given in {@code layers}).
     *
     * @param name          a name for messages and reports
     * @param inputShape    one image's shape ({@code n == 1})
     * @param layers        the layers in order
     * @param labels        one per class, or empty
     * @param preprocessing how RGB pixels become the input
     * @param anyInputSize  whether the same layers serve any input height and width
     */
    public NetworkDefinition(String name, TensorShape inputShape, List<LayerSpec> layers,
                             List<String> labels, Preprocessing preprocessing, boolean anyInputSize) {
        this(name, inputShape, layers, labels, preprocessing, anyInputSize, Map.of());
    }

    /**
     * A network built for exactly {@code inputShape}.
     *
     * @param name          a name for messages and reports
     * @param inputShape    one image's shape ({@code n == 1})
     * @param layers        the layers in order
     * @param labels        one per class, or empty
     * @param preprocessing how RGB pixels become the input
     */
    public NetworkDefinition(String name, TensorShape inputShape, List<LayerSpec> layers,
                             List<String> labels, Preprocessing preprocessing) {
        this(name, inputShape, layers, labels, preprocessing, false);
    }

    /**
     * Checks that the layers chain from the input to one vector per image, and copies the lists.
     *
     * @throws IllegalArgumentException when they do not, or the labels do not match the classes
     */
    public NetworkDefinition {
        if (inputShape.n() != 1) {
            throw new IllegalArgumentException("inputShape is one image, n must be 1: " + inputShape);
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("network " + name + " has no layers");
        }
        layers = List.copyOf(layers);
        labels = List.copyOf(labels);
        paddingModes = Map.copyOf(paddingModes);
        TensorShape out = inputShape;
        for (LayerSpec layer : layers) {
            out = layer.outputShape(out);
        }
        if (out.h() != 1 || out.w() != 1) {
            throw new IllegalArgumentException("network " + name + " must end in one vector per image, ends in " + out);
        }
        if (!labels.isEmpty() && labels.size() != out.c()) {
            throw new IllegalArgumentException("network " + name + " has " + out.c() + " classes but " + labels.size() + " labels");
        }
    }

    /** {@return the number of logits per image} */
    public int classCount() {
        return shapes().getLast().c();
    }

    /** {@return the input shape of one image followed by the output shape of every layer} */
    public List<TensorShape> shapes() {
        List<TensorShape> shapes = new ArrayList<>(layers.size() + 1);
        TensorShape shape = inputShape;
        shapes.add(shape);
        for (LayerSpec layer : layers) {
            shape = layer.outputShape(shape);
            shapes.add(shape);
        }
        return shapes;
    }

    /**
     * The same layers on images of another height and width, for networks built with
     * {@code anyInputSize}. The layer chain is re-validated, so a size too small for the network
     * fails here with a clear message.
     *
     * @param height the new input height
     * @param width  the new input width
     * @return the network for that size (this one when the size is unchanged)
     * @throws VinferException when the network was built for its input size only (for example
     *                         TensorFlow "same" padding, which depends on it) or the size is too small
     */
    public NetworkDefinition withInputSize(int height, int width) {
        if (height == inputShape.h() && width == inputShape.w()) {
            return this;
        }
        if (!anyInputSize) {
            throw new VinferException("network " + name + " was built for " + inputShape.h() + "x" + inputShape.w()
                    + " input (its padding depends on the size), not " + height + "x" + width);
        }
        try {
            return new NetworkDefinition(name, TensorShape.image(height, width, inputShape.c()), layers, labels, preprocessing, true);
        } catch (IllegalArgumentException e) {
            throw new VinferException("network " + name + " cannot take " + height + "x" + width + " input: " + e.getMessage(), e);
        }
    }

    /**
     * {@return the same network with other class names}
     *
     * @param newLabels one per class, or empty
     */
    public NetworkDefinition withLabels(List<String> newLabels) {
        return new NetworkDefinition(name, inputShape, layers, newLabels, preprocessing, anyInputSize, paddingModes);
    }

    /** {@return the graph of this chain, which is what the engine runs} */
    public Graph toGraph() {
        return ChainGraphs.toGraph(this);
    }
}
