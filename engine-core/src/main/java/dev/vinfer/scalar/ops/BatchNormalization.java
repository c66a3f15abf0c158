package dev.vinfer.scalar.ops;

/**
 * ONNX BatchNormalization in inference mode: {@code y = (x - mean) / sqrt(var + epsilon) * scale + bias}
 * per channel, either channels-last (NHWC, channel = last axis) or in ONNX's plain layout
 * {@code [N, C, D1, ...]} (channel = axis 1). Per channel the factory folds the formula into
 * {@code y = (x - mean) * factor + bias} with {@code factor = scale / sqrt(var + epsilon)} held in
 * double, and each element is evaluated in double and rounded once.
 *
 * <p>{@link #run} covers rows {@code [from, to)} of {@link #taskCount()}: pixels (NHWC, each a
 * vector of C channels) or (n, c) planes (plain). Elementwise, so any split is bit-identical, and
 * in place is allowed.
 */
public final class BatchNormalization {
    private final int[] shape;
    private final boolean channelsLast;
    private final int channels;
    private final int rows;
    /** Elements per row: C (NHWC) or the spatial size (plain). */
    private final int rowLength;
    private final double[] mean;
    private final double[] factor;
    private final double[] bias;

    private BatchNormalization(int[] shape, boolean channelsLast, int channels, float[] scale, float[] bias,
            float[] mean, float[] variance, float epsilon) {
        this.shape = shape.clone();
        this.channelsLast = channelsLast;
        this.channels = channels;
        int size = Shapes.size(shape);
        if (channelsLast) {
            rowLength = channels;
        } else {
            int spatial = 1;
            for (int i = 2; i < shape.length; i++) {
                spatial *= shape[i];
            }
            rowLength = spatial;
        }
        rows = rowLength == 0 ? 0 : size / rowLength;
        this.mean = new double[channels];
        this.factor = new double[channels];
        this.bias = new double[channels];
        for (int ch = 0; ch < channels; ch++) {
            this.mean[ch] = mean[ch];
            this.factor[ch] = scale[ch] / Math.sqrt((double) variance[ch] + epsilon);
            this.bias[ch] = bias[ch];
        }
    }

    /** Channels-last: the last axis of {@code shape} (rank at least 1) is the channel. */
    public static BatchNormalization nhwc(int[] shape, float[] scale, float[] bias, float[] mean, float[] variance, float epsilon) {
        Shapes.size(shape);
        if (shape.length < 1) {
            throw new IllegalArgumentException("BatchNormalization: the input must have a channel axis, got a scalar");
        }
        int channels = shape[shape.length - 1];
        check(channels, scale, bias, mean, variance, epsilon);
        return new BatchNormalization(shape, true, channels, scale, bias, mean, variance, epsilon);
    }

    /** ONNX's own layout {@code [N, C, D1, ...]} (rank at least 2). */
    public static BatchNormalization plain(int[] shape, float[] scale, float[] bias, float[] mean, float[] variance, float epsilon) {
        Shapes.size(shape);
        if (shape.length < 2) {
            throw new IllegalArgumentException("BatchNormalization: input " + Shapes.format(shape) + " must be [N, C, ...]");
        }
        check(shape[1], scale, bias, mean, variance, epsilon);
        return new BatchNormalization(shape, false, shape[1], scale, bias, mean, variance, epsilon);
    }

    /** Elementwise: the input shape. */
    public static int[] outputShape(int[] shape) {
        return Shapes.requireValid(shape, "BatchNormalization input shape").clone();
    }

    public int[] outputShape() {
        return shape.clone();
    }

    /** Rows (pixels or planes): the exclusive upper bound of a {@link #run} range. */
    public int taskCount() {
        return rows;
    }

    public void run(float[] in, float[] out, int from, int to) {
        for (int r = from; r < to; r++) {
            int base = r * rowLength;
            if (channelsLast) {
                for (int ch = 0; ch < channels; ch++) {
                    out[base + ch] = (float) ((in[base + ch] - mean[ch]) * factor[ch] + bias[ch]);
                }
            } else {
                int ch = r % channels;
                double m = mean[ch];
                double f = factor[ch];
                double b = bias[ch];
                for (int i = base; i < base + rowLength; i++) {
                    out[i] = (float) ((in[i] - m) * f + b);
                }
            }
        }
    }

    private static void check(int channels, float[] scale, float[] bias, float[] mean, float[] variance, float epsilon) {
        String[] names = {"scale", "bias", "mean", "var"};
        float[][] params = {scale, bias, mean, variance};
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null || params[i].length != channels) {
                throw new IllegalArgumentException("BatchNormalization: " + names[i] + " has "
                        + (params[i] == null ? "no" : String.valueOf(params[i].length)) + " values for " + channels + " channels");
            }
        }
        if (!(epsilon >= 0f) || Float.isInfinite(epsilon)) {
            throw new IllegalArgumentException("BatchNormalization: epsilon " + epsilon + " must be finite and not negative");
        }
    }
}
