package dev.vinfer.ops;

import dev.vinfer.tensor.TensorShape;

/**
 * A 2-D convolution over NHWC input with a fused bias and clamp. Groups cover all three MobileNet
 * cases: standard ({@code groups == 1}), depthwise ({@code groups == in == out}) and pointwise (1x1).
 *
 * @param name        the layer's name, for tables and errors
 * @param inChannels  input channels
 * @param outChannels output channels
 * @param kernelH     kernel height
 * @param kernelW     kernel width
 * @param strideH     vertical stride
 * @param strideW     horizontal stride
 * @param dilationH   vertical spacing of the kernel taps (1: dense)
 * @param dilationW   horizontal spacing of the kernel taps
 * @param padding     explicit zero padding on each side
 * @param groups      channel groups: 1 standard, {@code inChannels} depthwise
 * @param clamp       the fused activation
 * @param weights {@code [outChannels][kernelH][kernelW][inChannels / groups]} (OHWI), row-major
 * @param bias    {@code [outChannels]}; zeros when the layer has none
 */
public record Convolution(String name, int inChannels, int outChannels, int kernelH, int kernelW,
                          int strideH, int strideW, int dilationH, int dilationW, Padding padding, int groups,
                          Clamp clamp, float[] weights, float[] bias) implements LayerSpec {

    /**
     * An undilated convolution, the common case.
     *
     * @param name        a short name for tables and errors
     * @param inChannels  input channels
     * @param outChannels output channels
     * @param kernelH     kernel height
     * @param kernelW     kernel width
     * @param strideH     vertical stride
     * @param strideW     horizontal stride
     * @param padding     zero padding per side
     * @param groups      channel groups (1: standard; in == out == groups: depthwise)
     * @param clamp       the fused activation
     * @param weights     OHWI weights
     * @param bias        one per output channel
     */
    public Convolution(String name, int inChannels, int outChannels, int kernelH, int kernelW,
                       int strideH, int strideW, Padding padding, int groups, Clamp clamp,
                       float[] weights, float[] bias) {
        this(name, inChannels, outChannels, kernelH, kernelW, strideH, strideW, 1, 1, padding, groups, clamp, weights, bias);
    }

    /**
     * Checks the sizes against each other and the arrays.
     *
     * @throws IllegalArgumentException naming the layer when they disagree
     */
    public Convolution {
        require(dilationH > 0 && dilationW > 0, name, "dilation must be positive");
        require(inChannels > 0 && outChannels > 0, name, "channel counts must be positive");
        require(kernelH > 0 && kernelW > 0 && strideH > 0 && strideW > 0, name, "kernel and stride must be positive");
        require(groups > 0 && inChannels % groups == 0 && outChannels % groups == 0, name,
                "groups (" + groups + ") must divide in (" + inChannels + ") and out (" + outChannels + ") channels");
        require(weights.length == (long) outChannels * kernelH * kernelW * (inChannels / groups), name,
                "weights hold " + weights.length + " floats, expected " + outChannels + "x" + kernelH + "x" + kernelW + "x" + (inChannels / groups));
        require(bias.length == outChannels, name, "bias holds " + bias.length + " floats, expected " + outChannels);
    }

    static void require(boolean ok, String layer, String message) {
        if (!ok) {
            throw new IllegalArgumentException("layer " + layer + ": " + message);
        }
    }

    /** {@return whether there is one filter per channel: {@code groups == inChannels == outChannels}} */
    public boolean isDepthwise() {
        return groups == inChannels && groups == outChannels;
    }

    /** {@return whether the kernel taps are spread out (dilation above 1); most kernels only take dense ones} */
    public boolean isDilated() {
        return dilationH != 1 || dilationW != 1;
    }

    /** {@return whether the convolution is grouped with more than one channel per group (not depthwise)} */
    public boolean isGrouped() {
        return groups > 1 && !isDepthwise();
    }

    /** {@return whether this is a 1x1, stride-1, unpadded, ungrouped convolution: a matrix multiply over pixels} */
    public boolean isPointwise() {
        return kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && groups == 1 && padding.equals(Padding.NONE);
    }

    @Override
    public TensorShape outputShape(TensorShape in) {
        require(in.c() == inChannels, name, "expects " + inChannels + " input channels, got input " + in);
        int oh = ConvGeometry.outputExtent(in.h(), ConvGeometry.effectiveKernel(kernelH, dilationH), strideH, padding.top(), padding.bottom());
        int ow = ConvGeometry.outputExtent(in.w(), ConvGeometry.effectiveKernel(kernelW, dilationW), strideW, padding.left(), padding.right());
        return new TensorShape(in.n(), oh, ow, outChannels);
    }

    @Override
    public long multiplyAdds(TensorShape in) {
        TensorShape out = outputShape(in);
        return (long) out.n() * out.h() * out.w() * outChannels * kernelH * kernelW * (inChannels / groups);
    }

    @Override
    public long parameterCount() {
        return (long) weights.length + bias.length;
    }

    @Override
    public String describe() {
        String kind = isDepthwise() ? " dw" : groups > 1 ? " g" + groups : "";
        String stride = strideH == strideW ? "/" + strideH : "/" + strideH + "x" + strideW;
        String dilation = isDilated() ? " d" + dilationH + (dilationH == dilationW ? "" : "x" + dilationW) : "";
        return "conv " + kernelH + "x" + kernelW + stride + dilation + kind + (clamp.isIdentity() ? "" : " " + clamp);
    }
}
