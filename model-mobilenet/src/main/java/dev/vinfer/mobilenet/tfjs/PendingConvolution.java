package dev.vinfer.mobilenet.tfjs;

import dev.vinfer.mobilenet.BatchNorm;
import dev.vinfer.mobilenet.BatchNormFolding;
import dev.vinfer.mobilenet.WeightChecks;
import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.Convolution;
import dev.vinfer.ops.Dense;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.ops.Padding;
import dev.vinfer.tensor.TensorShape;

/**
 * A convolution read from the topology but not yet emitted, so that the BatchNormalization and the
 * activation that follow it can still be folded in. Order matters: BatchNorm first, then at most
 * one activation; anything else cannot be fused and is refused by the builder.
 */
final class PendingConvolution {
    private final String name;
    private final TensorShape input;
    private final int out;
    private final int kernelH;
    private final int kernelW;
    private final int strideH;
    private final int strideW;
    private final Padding padding;
    private final int groups;
    private float[] weights;
    private float[] bias;
    private Clamp clamp;
    private boolean batchNormFolded;

    /**
     * @param weights OHWI
     * @param bias    null when the layer has none
     */
    PendingConvolution(String name, TensorShape input, int out, int[] kernel, int[] strides, Padding padding,
                       int groups, float[] weights, float[] bias, Clamp clamp) {
        this.name = name;
        this.input = input;
        this.out = out;
        this.kernelH = kernel[0];
        this.kernelW = kernel[1];
        this.strideH = strides[0];
        this.strideW = strides[1];
        this.padding = padding;
        this.groups = groups;
        this.weights = weights;
        this.bias = bias;
        this.clamp = clamp;
    }

    int outChannels() {
        return out;
    }

    /** Still linear: no BatchNorm folded yet and no activation fused. */
    boolean acceptsBatchNorm() {
        return !batchNormFolded && clamp.isIdentity();
    }

    boolean acceptsActivation() {
        return clamp.isIdentity();
    }

    /** Folds {@code bn} in; false (and nothing changed) when the folded values are not all finite. */
    boolean foldBatchNorm(BatchNorm bn) {
        BatchNormFolding.Folded folded = BatchNormFolding.fold(weights, bias, bn);
        if (WeightChecks.firstNonFinite(folded.weights()) >= 0 || WeightChecks.firstNonFinite(folded.bias()) >= 0) {
            return false;
        }
        weights = folded.weights();
        bias = folded.bias();
        batchNormFolded = true;
        return true;
    }

    String name() {
        return name;
    }

    void fuse(Clamp activation) {
        clamp = activation;
    }

    /** The finished layer: a {@link Dense} for a 1x1 classifier on a 1x1 map, else a {@link Convolution}. */
    LayerSpec toLayerSpec() {
        float[] b = bias != null ? bias : new float[out];
        int in = input.c();
        boolean classifier = input.h() == 1 && input.w() == 1 && kernelH == 1 && kernelW == 1
                && groups == 1 && padding.equals(Padding.NONE);
        if (classifier) {
            // OHWI with a 1x1 kernel is [out][in], exactly Dense's layout.
            return new Dense(name, in, out, clamp, weights, b);
        }
        return new Convolution(name, in, out, kernelH, kernelW, strideH, strideW, padding, groups, clamp, weights, b);
    }
}
