package dev.vinfer.scalar.ops;

/**
 * Elementwise activations with ONNX semantics: Relu, Sigmoid, Tanh, LeakyRelu, HardSigmoid,
 * HardSwish and Clip (plus Identity, the "no activation" of a fused epilogue). An instance is
 * immutable; {@link #apply(float)} is the scalar definition, and {@link #run} maps it over a range
 * of elements (in place is fine).
 *
 * <p>NaN propagates through every function, as in ONNX's NumPy reference. Sigmoid and Tanh are
 * evaluated in double and rounded once, so they are correctly rounded up to the last bit of
 * {@link Math#exp}/{@link Math#tanh}.
 */
public final class Unary {
    /** The functions; the attributes they read are named in each factory. */
    public enum Kind { IDENTITY, RELU, SIGMOID, TANH, LEAKY_RELU, HARD_SIGMOID, HARD_SWISH, CLIP }

    private final Kind kind;
    private final float alpha;
    private final float beta;

    private Unary(Kind kind, float alpha, float beta) {
        this.kind = kind;
        this.alpha = alpha;
        this.beta = beta;
    }

    public static Unary identity() {
        return new Unary(Kind.IDENTITY, 0f, 0f);
    }

    /** {@code max(x, 0)}. */
    public static Unary relu() {
        return new Unary(Kind.RELU, 0f, 0f);
    }

    /** {@code 1 / (1 + exp(-x))}. */
    public static Unary sigmoid() {
        return new Unary(Kind.SIGMOID, 0f, 0f);
    }

    public static Unary tanh() {
        return new Unary(Kind.TANH, 0f, 0f);
    }

    /** {@code x < 0 ? alpha * x : x}; ONNX's default alpha is 0.01. */
    public static Unary leakyRelu(float alpha) {
        return new Unary(Kind.LEAKY_RELU, requireFinite(alpha, "LeakyRelu alpha"), 0f);
    }

    /** {@code max(0, min(1, alpha * x + beta))}; ONNX's defaults are alpha 0.2, beta 0.5. */
    public static Unary hardSigmoid(float alpha, float beta) {
        return new Unary(Kind.HARD_SIGMOID, requireFinite(alpha, "HardSigmoid alpha"), requireFinite(beta, "HardSigmoid beta"));
    }

    /** {@code x * max(0, min(1, x / 6 + 0.5))}. */
    public static Unary hardSwish() {
        return new Unary(Kind.HARD_SWISH, 1f / 6f, 0.5f);
    }

    /**
     * {@code min(max(x, min), max)}, NumPy's clip: when {@code min > max} every value becomes
     * {@code max}, as ONNX specifies. An absent bound is {@code -/+Infinity}.
     */
    public static Unary clip(float min, float max) {
        if (Float.isNaN(min) || Float.isNaN(max)) {
            throw new IllegalArgumentException("Clip: bounds must not be NaN (min " + min + ", max " + max + ")");
        }
        return new Unary(Kind.CLIP, min, max);
    }

    public Kind kind() {
        return kind;
    }

    /** Shape inference: elementwise, so the input shape. */
    public static int[] outputShape(int[] input) {
        return Shapes.requireValid(input, "Unary input shape").clone();
    }

    /** The function at one point. */
    public float apply(float x) {
        return switch (kind) {
            case IDENTITY -> x;
            case RELU -> Math.max(x, 0f);
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-(double) x)));
            case TANH -> (float) Math.tanh(x);
            case LEAKY_RELU -> x < 0f ? alpha * x : x;
            case HARD_SIGMOID -> Math.max(0f, Math.min(1f, alpha * x + beta));
            // x/6 + 0.5 is the spec's HardSigmoid(alpha = 1/6, beta = 0.5) written exactly.
            case HARD_SWISH -> x * Math.max(0f, Math.min(1f, x / 6f + 0.5f));
            case CLIP -> Math.min(Math.max(x, alpha), beta);
        };
    }

    /**
     * {@code dst[i] = f(a[i] + b[i])} for {@code i} in {@code [from, from + count)}: the sum rounded
     * to float first, exactly as an Add followed by this function. {@code dst} may be {@code a} or {@code b}.
     */
    public void runOfSums(float[] a, float[] b, float[] dst, int from, int count) {
        if (kind == Kind.RELU) {
            for (int i = from, end = from + count; i < end; i++) {
                dst[i] = Math.max(a[i] + b[i], 0f);
            }
            return;
        }
        for (int i = from, end = from + count; i < end; i++) {
            dst[i] = apply(a[i] + b[i]);
        }
    }

    /** {@code dst[dstOffset + i] = f(src[srcOffset + i])} for {@code i} in {@code [0, count)}. */
    public void run(float[] src, int srcOffset, float[] dst, int dstOffset, int count) {
        switch (kind) {
            case RELU -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOffset + i] = Math.max(src[srcOffset + i], 0f);
                }
            }
            case IDENTITY -> System.arraycopy(src, srcOffset, dst, dstOffset, count);
            default -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOffset + i] = apply(src[srcOffset + i]);
                }
            }
        }
    }

    /** Elements {@code [from, to)} of {@code src} into the same positions of {@code dst}: any split gives the same result. */
    public void run(float[] src, float[] dst, int from, int to) {
        run(src, from, dst, from, to - from);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case LEAKY_RELU -> "LeakyRelu(alpha=" + alpha + ")";
            case HARD_SIGMOID -> "HardSigmoid(alpha=" + alpha + ", beta=" + beta + ")";
            case CLIP -> "Clip(min=" + alpha + ", max=" + beta + ")";
            default -> kind.name();
        };
    }

    private static float requireFinite(float v, String what) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be finite, got " + v);
        }
        return v;
    }
}
