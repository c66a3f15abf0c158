package dev.vinfer.plan;

import dev.vinfer.graph.Attributes;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.ConvGeometry;
import dev.vinfer.ops.Convolution;
import dev.vinfer.ops.Padding;
import dev.vinfer.ops.PaddingMode;
import dev.vinfer.tensor.NdArray;
import dev.vinfer.tensor.TensorShape;

import java.util.Arrays;
import java.util.List;

/**
 * Lowers a 2-D Conv node, with whatever a pass fused into it, to a {@link Convolution} layer on NHWC
 * values: OIHW weights repacked to OHWI, the padding mode resolved for this input size, ReLU/Clip as
 * the store's clamp. A residual input or a non-clamp activation that the kernels cannot apply becomes
 * a step of its own after the convolution.
 */
final class ConvLowering {
    private ConvLowering() {
    }

    static void lower(PlanBuilder plan, Node node) {
        PlannedValue x = plan.nhwc(plan.input(node, 0));
        NdArray w = plan.constant(node, 1, "the weight");
        if (w.rank() != 4) {
            throw new PlanException(node, "only 2-D convolutions are supported; the weight has rank " + w.rank());
        }
        Attributes a = node.attributes();
        int group = a.getInt("group", 1);
        int outC = w.dim(0);
        int inC = x.dim(1);
        if (group < 1 || inC % group != 0 || outC % group != 0 || w.dim(1) * group != inC) {
            throw new PlanException(node, "input has " + inC + " channels but the weight " + Arrays.toString(w.shape())
                    + " with group " + group + " expects " + (long) w.dim(1) * group);
        }
        int kh = w.dim(2);
        int kw = w.dim(3);
        int[] kernelShape = a.getInts("kernel_shape");
        if (kernelShape != null && !Arrays.equals(kernelShape, new int[] {kh, kw})) {
            throw new PlanException(node, "kernel_shape " + Arrays.toString(kernelShape) + " does not match the weight " + Arrays.toString(w.shape()));
        }
        int[] strides = pair(node, a, "strides");
        int[] dilations = pair(node, a, "dilations");
        Padding padding = resolvePadding(node, a, x.dim(2), x.dim(3), kh, kw, strides, dilations);
        float[] bias = new float[outC];
        if (node.hasInput(2)) {
            NdArray b = plan.constant(node, 2, "the bias");
            if (b.size() != outC) {
                throw new PlanException(node, "bias has " + b.size() + " values for " + outC + " output channels");
            }
            bias = b.data();
        }
        Epilogue epilogue = Epilogue.of(a);
        boolean residual = node.hasInput(3);
        Clamp clamp = residual ? Clamp.NONE : epilogue.clamp();
        Convolution spec;
        try {
            spec = new Convolution(node.name(), inC, outC, kh, kw, strides[0], strides[1], dilations[0], dilations[1], padding,
                    group, clamp == null ? Clamp.NONE : clamp, Layouts.oihwToOhwi(w.data(), outC, inC / group, kh, kw), bias);
        } catch (IllegalArgumentException e) {
            throw new PlanException(node, e.getMessage());
        }
        TensorShape inShape = PlanBuilder.nhwcShape(x);
        TensorShape outShape;
        try {
            outShape = spec.outputShape(inShape);
        } catch (IllegalArgumentException e) {
            throw new PlanException(node, "input " + Arrays.toString(x.logical()) + " is too small: " + e.getMessage());
        }
        int[] logicalOut = {outShape.n(), outC, outShape.h(), outShape.w()};
        boolean splitActivation = !epilogue.isNone() && (residual || clamp == null);
        String convOutName = splitActivation || residual ? node.name() + "#conv" : node.output();
        PlannedValue convOut = splitActivation || residual
                ? plan.temporary(convOutName, logicalOut, Layout.NHWC) : plan.newValue(node.output(), logicalOut, Layout.NHWC);
        var prepared = plan.prepare(node, spec, inShape.withBatch(1));
        plan.addStep(new Step(node.name(), spec.describe() + (residual && clamp == Clamp.NONE ? "" : ""), prepared.backendName(),
                spec.multiplyAdds(inShape), List.of(x), List.of(convOut), PlanBuilder.bindNhwc(prepared.layer(), inShape, outShape)));
        PlannedValue current = convOut;
        if (residual) {
            boolean last = epilogue.isNone();
            current = ElementwiseLowering.add(plan, node, current, plan.input(node, 3),
                    last ? node.output() : node.name() + "#sum", !last);
        }
        if (splitActivation) {
            ElementwiseLowering.activation(plan, node, epilogue, current, node.output());
        }
    }

    static int[] pair(Node node, Attributes a, String name) {
        int[] v = a.getInts(name);
        if (v == null) {
            return new int[] {1, 1};
        }
        if (v.length != 2 || v[0] < 1 || v[1] < 1) {
            throw new PlanException(node, name + " " + Arrays.toString(v) + " must be two positive values (2-D)");
        }
        return v;
    }

    /** The explicit padding of a 2-D window for this input size, whatever the node's padding mode. */
    static Padding resolvePadding(Node node, Attributes a, int inH, int inW, int kh, int kw, int[] strides, int[] dilations) {
        PaddingMode mode;
        try {
            mode = PaddingMode.ofAutoPad(a.getString("auto_pad", "NOTSET"));
        } catch (IllegalArgumentException e) {
            throw new PlanException(node, e.getMessage());
        }
        int[] pads = a.getInts("pads");
        Padding explicit = Padding.NONE;
        if (pads != null) {
            if (pads.length != 4) {
                throw new PlanException(node, "pads " + Arrays.toString(pads) + " must have 4 values (2-D)");
            }
            try {
                explicit = new Padding(pads[0], pads[1], pads[2], pads[3]);
            } catch (IllegalArgumentException e) {
                throw new PlanException(node, e.getMessage());
            }
        }
        if (ConvGeometry.effectiveKernel(kh, dilations[0]) <= 0 || ConvGeometry.effectiveKernel(kw, dilations[1]) <= 0) {
            throw new PlanException(node, "kernel and dilation overflow");
        }
        return mode.resolve(explicit, inH, inW, kh, kw, strides[0], strides[1], dilations[0], dilations[1]);
    }

    /** Whether a node is a Conv (used by the layout choice of graph inputs). */
    static boolean isConv(Node node) {
        return node.op().equals(Ops.CONV);
    }
}
