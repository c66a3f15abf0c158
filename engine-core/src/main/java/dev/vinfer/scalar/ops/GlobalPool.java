package dev.vinfer.scalar.ops;

/**
 * ONNX GlobalAveragePool and GlobalMaxPool over the two spatial axes of an NHWC tensor: one value
 * per image and channel, output {@code [n, 1, 1, c]}. The average sums in double, in pixel order.
 * {@link #run} covers images {@code [from, to)}; any split is bit-identical.
 */
public final class GlobalPool {
    private final boolean max;
    private final int n;
    private final int pixels;
    private final int c;

    private GlobalPool(boolean max, int n, int h, int w, int c) {
        outputShape(n, h, w, c);
        this.max = max;
        this.n = n;
        this.pixels = h * w;
        this.c = c;
    }

    public static GlobalPool average(int n, int h, int w, int c) {
        return new GlobalPool(false, n, h, w, c);
    }

    public static GlobalPool max(int n, int h, int w, int c) {
        return new GlobalPool(true, n, h, w, c);
    }

    /** {@code [n, 1, 1, c]}; the image must have at least one pixel. */
    public static int[] outputShape(int n, int h, int w, int c) {
        Shapes.size(new int[] {n, h, w, c});
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("GlobalPool: the input " + h + "x" + w + " has no pixels");
        }
        return new int[] {n, 1, 1, c};
    }

    public int[] outputShape() {
        return new int[] {n, 1, 1, c};
    }

    /** {@code n}: the exclusive upper bound of a {@link #run} range. */
    public int taskCount() {
        return n;
    }

    /** Images {@code [from, to)}. */
    public void run(float[] in, float[] out, int from, int to) {
        for (int image = from; image < to; image++) {
            int base = image * pixels * c;
            for (int ch = 0; ch < c; ch++) {
                if (max) {
                    float m = Float.NEGATIVE_INFINITY;
                    for (int p = 0; p < pixels; p++) {
                        m = Math.max(m, in[base + p * c + ch]);
                    }
                    out[image * c + ch] = m;
                } else {
                    double sum = 0;
                    for (int p = 0; p < pixels; p++) {
                        sum += in[base + p * c + ch];
                    }
                    out[image * c + ch] = (float) (sum / pixels);
                }
            }
        }
    }
}
