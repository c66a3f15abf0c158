package dev.vinfer.scalar.ops;

/**
 * The reference 2-D convolution on NHWC tensors: any kernel size, strides, dilations, explicit
 * pads on four sides, groups (depthwise included, with a channel multiplier: groups = input
 * channels, output channels = input channels x m), optional bias, an optional residual tensor of
 * the output's shape added after the bias, then an optional activation ({@link Unary}).
 *
 * <p>Weights come in ONNX's order {@code [outC][inC / groups][kh][kw]}; the factory copies them
 * once to {@code [outC][kh][kw][inC / groups]} so the input channels of a tap are read
 * contiguously. Every output element is {@code Math.fma}-accumulated in float over (ky, kx, ci),
 * in that order, starting from +0; taps in the padding are skipped (they would add +0); then
 * {@code + bias}, {@code + residual} and the activation, each rounded to float.
 *
 * <p>Output channel {@code oc} belongs to group {@code oc / (outC / groups)} and reads input
 * channels {@code [g * inC/groups, (g + 1) * inC/groups)}. {@link #run} covers output rows
 * {@code [from, to)} of {@code n * outH}, each computed alone, so any split is bit-identical. The
 * output must not alias the input (it may alias the residual).
 */
public final class Conv2d {
    private final int n;
    private final int h;
    private final int w;
    private final int inC;
    private final int outC;
    private final int outH;
    private final int outW;
    private final int inPerGroup;
    private final int outPerGroup;
    private final int kh;
    private final int kw;
    /** {@code [outC][kh][kw][inPerGroup]}. */
    private final float[] weights;
    private final float[] bias;
    private final Unary activation;
    private final WindowAxis rows;
    private final WindowAxis columns;

    private Conv2d(int[] input, int[] weightShape, float[] weightsOihw, float[] bias, int groups, Window2d window,
            Unary activation) {
        int[] out = outputShape(input, weightShape, groups, window);
        n = input[0];
        h = input[1];
        w = input[2];
        inC = input[3];
        outC = weightShape[0];
        outH = out[1];
        outW = out[2];
        inPerGroup = weightShape[1];
        outPerGroup = outC / groups;
        kh = weightShape[2];
        kw = weightShape[3];
        if (weightsOihw == null || weightsOihw.length < Shapes.size(weightShape)) {
            throw new IllegalArgumentException("Conv: " + (weightsOihw == null ? 0 : weightsOihw.length)
                    + " weights for the weight shape " + Shapes.format(weightShape));
        }
        if (bias != null && bias.length != outC) {
            throw new IllegalArgumentException("Conv: bias has " + bias.length + " values for " + outC + " output channels");
        }
        weights = new float[Shapes.size(weightShape)];
        for (int oc = 0; oc < outC; oc++) {
            for (int ci = 0; ci < inPerGroup; ci++) {
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        weights[((oc * kh + ky) * kw + kx) * inPerGroup + ci] = weightsOihw[((oc * inPerGroup + ci) * kh + ky) * kw + kx];
                    }
                }
            }
        }
        this.bias = bias == null ? null : bias.clone();
        this.activation = activation == null ? Unary.identity() : activation;
        rows = WindowAxis.rows(window, h, outH);
        columns = WindowAxis.columns(window, w, outW);
    }

    /**
     * Plans a convolution of an NHWC input {@code [n, h, w, inC]} with ONNX weights of shape
     * {@code [outC, inC / groups, kh, kw]}; {@code window}'s kernel must be {@code kh x kw}.
     * {@code bias} and {@code activation} may be null.
     */
    public static Conv2d of(int[] inputNhwc, int[] weightShape, float[] weightsOihw, float[] bias, int groups,
            Window2d window, Unary activation) {
        return new Conv2d(inputNhwc, weightShape, weightsOihw, bias, groups, window, activation);
    }

    /** {@code [n, outH, outW, outC]}; rejects inconsistent channels, groups or kernel and too small an input. */
    public static int[] outputShape(int[] inputNhwc, int[] weightShape, int groups, Window2d window) {
        Shapes.size(inputNhwc);
        Shapes.size(weightShape);
        if (inputNhwc.length != 4 || weightShape.length != 4) {
            throw new IllegalArgumentException("Conv: input " + Shapes.format(inputNhwc) + " (NHWC) and weights "
                    + Shapes.format(weightShape) + " (OIHW) must both have rank 4");
        }
        if (window == null) {
            throw new IllegalArgumentException("Conv: window is missing");
        }
        int outC = weightShape[0];
        if (groups < 1 || outC % groups != 0 || outC == 0) {
            throw new IllegalArgumentException("Conv: " + outC + " output channels are not a positive multiple of groups " + groups);
        }
        if ((long) weightShape[1] * groups != inputNhwc[3]) {
            throw new IllegalArgumentException("Conv: the input has " + inputNhwc[3] + " channels, the weights "
                    + Shapes.format(weightShape) + " with groups " + groups + " expect " + (long) weightShape[1] * groups);
        }
        if (weightShape[2] != window.kernelH() || weightShape[3] != window.kernelW()) {
            throw new IllegalArgumentException("Conv: weights " + Shapes.format(weightShape) + " do not match the kernel "
                    + window.kernelH() + "x" + window.kernelW());
        }
        try {
            int[] out = {inputNhwc[0], window.outputH(inputNhwc[1], false), window.outputW(inputNhwc[2], false), outC};
            Shapes.size(out);
            return out;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Conv: " + e.getMessage(), e);
        }
    }

    public int[] outputShape() {
        return new int[] {n, outH, outW, outC};
    }

    /** {@code n * outH}: the exclusive upper bound of a {@link #run} range. */
    public int taskCount() {
        return n * outH;
    }

    /** Output rows {@code [from, to)}; {@code residual} (NHWC, the output's shape) may be null. */
    public void run(float[] in, float[] residual, float[] out, int from, int to) {
        for (int r = from; r < to; r++) {
            int image = r / outH;
            int oy = r % outH;
            for (int ox = 0; ox < outW; ox++) {
                int o = ((image * outH + oy) * outW + ox) * outC;
                for (int oc = 0; oc < outC; oc++) {
                    float sum = accumulate(in, image, oy, ox, oc);
                    if (bias != null) {
                        sum += bias[oc];
                    }
                    if (residual != null) {
                        sum += residual[o + oc];
                    }
                    out[o + oc] = activation.apply(sum);
                }
            }
        }
    }

    private float accumulate(float[] in, int image, int oy, int ox, int oc) {
        int firstChannel = (oc / outPerGroup) * inPerGroup;
        float sum = 0f;
        for (int ky = rows.firstTap[oy]; ky < rows.endTap[oy]; ky++) {
            int y = rows.coordinate(oy, ky);
            for (int kx = columns.firstTap[ox]; kx < columns.endTap[ox]; kx++) {
                int x = columns.coordinate(ox, kx);
                int src = ((image * h + y) * w + x) * inC + firstChannel;
                int wt = ((oc * kh + ky) * kw + kx) * inPerGroup;
                for (int ci = 0; ci < inPerGroup; ci++) {
                    sum = Math.fma(in[src + ci], weights[wt + ci], sum);
                }
            }
        }
        return sum;
    }
}
