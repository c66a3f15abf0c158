package dev.vinfer.plan;

import dev.vinfer.graph.Attributes;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.ConvGeometry;
import dev.vinfer.ops.ConvWeights;
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

    /** A Conv node resolved for its input: the layer spec, its shapes, and what its epilogue holds. */
    private record Resolved(Convolution spec, TensorShape inShape, TensorShape outShape, Epilogue epilogue,
                            boolean residual, Clamp clamp) {
        int[] logicalOut() {
            return new int[] {outShape.n(), outShape.c(), outShape.h(), outShape.w()};
        }
    }

    static void lower(PlanBuilder plan, Node node) {
        PlannedValue x = plan.nhwc(plan.input(node, 0));
        Resolved conv = resolve(plan, node, x);
        if (node.attributes().has(Ops.FUSE_WITH_NEXT) && lowerChain(plan, node, x, conv)) {
            return;
        }
        boolean splitActivation = !conv.epilogue().isNone() && (conv.residual() || conv.clamp() == null);
        boolean intermediate = splitActivation || conv.residual();
        PlannedValue convOut = intermediate ? plan.temporary(node.name() + "#conv", conv.logicalOut(), Layout.NHWC)
                : plan.newValue(node.output(), conv.logicalOut(), Layout.NHWC);
        var prepared = plan.prepare(node, conv.spec(), conv.inShape().withBatch(1));
        plan.addStep(new Step(node.name(), conv.spec().describe(), prepared.backendName(), conv.spec().multiplyAdds(conv.inShape()),
                List.of(x), List.of(convOut), PlanBuilder.bindNhwc(prepared.layer(), conv.inShape(), conv.outShape())));
        PlannedValue current = convOut;
        if (conv.residual() && splitActivation
                && ElementwiseLowering.addThenActivation(plan, node, conv.epilogue(), current, plan.input(node, 3), node.output())) {
            return; // the sum and the activation in one pass
        }
        if (conv.residual()) {
            boolean last = conv.epilogue().isNone();
            current = ElementwiseLowering.add(plan, node, current, plan.input(node, 3),
                    last ? node.output() : node.name() + "#sum", !last);
        }
        if (splitActivation) {
            ElementwiseLowering.activation(plan, node, conv.epilogue(), current, node.output());
        }
    }

    /**
     * A depthwise convolution and the pointwise one that reads it ({@link Ops#FUSE_WITH_NEXT}), as one
     * step when the backend prepares the pair ({@code Backend.prepareChain}); false to lower them apart.
     */
    private static boolean lowerChain(PlanBuilder plan, Node dwNode, PlannedValue x, Resolved dw) {
        Node pwNode = plan.node(dwNode.attributes().getString(Ops.FUSE_WITH_NEXT, ""));
        if (pwNode == null || dw.residual() || dw.clamp() == null) {
            return false;
        }
        Resolved pw = resolve(plan, pwNode, plan.temporary(dwNode.output(), dw.logicalOut(), Layout.NHWC));
        if (pw.residual() || pw.clamp() == null) {
            return false;
        }
        var prepared = plan.prepareChain(dwNode, pwNode, List.of(dw.spec(), pw.spec()), dw.inShape().withBatch(1));
        if (prepared.isEmpty()) {
            return false;
        }
        PlannedValue y = plan.newValue(pwNode.output(), pw.logicalOut(), Layout.NHWC);
        long macs = dw.spec().multiplyAdds(dw.inShape()) + pw.spec().multiplyAdds(dw.outShape());
        plan.addStep(new Step(dwNode.name() + "+" + pwNode.name(), dw.spec().describe() + " + " + pw.spec().describe(),
                prepared.get().backendName(), macs, List.of(x), List.of(y),
                PlanBuilder.bindNhwc(prepared.get().layer(), dw.inShape(), pw.outShape())));
        plan.markLowered(pwNode);
        return true;
    }

    private static Resolved resolve(PlanBuilder plan, Node node, PlannedValue x) {
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
        // A residual is added before the activation, and the kernels have no residual input: both
        // then run as steps of their own after the convolution.
        Clamp clamp = residual ? Clamp.NONE : epilogue.clamp();
        Convolution spec;
        try {
            spec = new Convolution(node.name(), inC, outC, kh, kw, strides[0], strides[1], dilations[0], dilations[1], padding,
                    group, clamp == null ? Clamp.NONE : clamp, ConvWeights.oihwToOhwi(w.data(), outC, inC / group, kh, kw), bias);
        } catch (IllegalArgumentException e) {
            throw new PlanException(node, e.getMessage());
        }
        TensorShape inShape = PlanBuilder.nhwcShape(x);
        try {
            return new Resolved(spec, inShape, spec.outputShape(inShape), epilogue, residual, clamp);
        } catch (IllegalArgumentException e) {
            throw new PlanException(node, "input " + Arrays.toString(x.logical()) + " is too small: " + e.getMessage());
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
