package dev.vinfer.plan;

import dev.vinfer.graph.Attributes;
import dev.vinfer.graph.Ops;
import dev.vinfer.ops.Clamp;

/**
 * The activation a fusion pass put on a Conv or Gemm ({@link Ops#ACTIVATION}). Kernels store
 * through a clamp, so ReLU and Clip fuse everywhere; any other activation is split into a step of its
 * own after the kernel.
 */
record Epilogue(String op, Attributes parameters) {
    static final Epilogue NONE = new Epilogue(null, Attributes.NONE);

    static Epilogue of(Attributes attrs) {
        String op = attrs.getString(Ops.ACTIVATION, null);
        return op == null ? NONE : new Epilogue(op, attrs);
    }

    boolean isNone() {
        return op == null;
    }

    /** The activation as clamp bounds, or null when it is not a clamp. */
    Clamp clamp() {
        if (op == null) {
            return Clamp.NONE;
        }
        return switch (op) {
            case Ops.RELU -> Clamp.RELU;
            case Ops.CLIP -> {
                float min = parameters.getFloat("activation_min", Float.NEGATIVE_INFINITY);
                float max = parameters.getFloat("activation_max", Float.POSITIVE_INFINITY);
                yield min == 0f && max == 6f ? Clamp.RELU6 : min == 0f && max == Float.POSITIVE_INFINITY ? Clamp.RELU
                        : new Clamp("clip[" + min + "," + max + "]", min, max);
            }
            default -> null;
        };
    }

    /** The standalone node attributes of the activation, for when it is split out. */
    Attributes standaloneAttributes() {
        Attributes.Builder b = Attributes.builder();
        if (parameters.has("activation_alpha")) {
            b.set("alpha", parameters.getFloat("activation_alpha", 0f));
        }
        if (parameters.has("activation_beta")) {
            b.set("beta", parameters.getFloat("activation_beta", 0f));
        }
        if (parameters.has("activation_min")) {
            b.set("min", parameters.getFloat("activation_min", 0f));
        }
        if (parameters.has("activation_max")) {
            b.set("max", parameters.getFloat("activation_max", 0f));
        }
        return b.build();
    }
}
