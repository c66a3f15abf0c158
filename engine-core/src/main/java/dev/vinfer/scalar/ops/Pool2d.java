package dev.vinfer.scalar.ops;

import dev.vinfer.ops.Padding;
import dev.vinfer.ops.Pooling;
import dev.vinfer.ops.WindowAxis;
import dev.vinfer.tensor.TensorShape;

/**
 * ONNX MaxPool and AveragePool over the two spatial axes of an NHWC tensor, with strides,
 * dilations, explicit pads and ceil_mode (see {@link Window2d#outputLength}). Padding never wins a
 * max. An average divides the window's sum by the number of its taps inside the input, or with
 * {@code countIncludePad} inside the padded input; under ceil_mode a window may run past the
 * padding too, and those taps count for neither (as ONNX's reference, ONNX Runtime and PyTorch
 * compute it). Sums run in double, in (ky, kx) order.
 *
 * <p>The factory tabulates each output row's and column's valid taps; a window that covers no
 * input element at all is rejected there. {@link #run} covers output rows {@code [from, to)} of
 * {@code n * outH}, each computed alone, so any split is bit-identical.
 */
public final class Pool2d {
    private final boolean max;
    private final boolean countIncludePad;
    private final int h;
    private final int w;
    private final int c;
    private final int outH;
    private final int outW;
    private final int n;
    private final WindowAxis rows;
    private final WindowAxis columns;

    private Pool2d(boolean max, boolean countIncludePad, int n, int h, int w, int c, Window2d window, boolean ceilMode) {
        int[] out = outputShape(n, h, w, c, window, ceilMode);
        this.max = max;
        this.countIncludePad = countIncludePad;
        this.n = n;
        this.h = h;
        this.w = w;
        this.c = c;
        this.outH = out[1];
        this.outW = out[2];
        this.rows = new WindowAxis(h, outH, window.kernelH(), window.strideH(), window.dilationH(), window.padTop(), window.padBottom());
        this.columns = new WindowAxis(w, outW, window.kernelW(), window.strideW(), window.dilationW(), window.padLeft(), window.padRight());
        rows.requireInputInEveryWindow(max ? "MaxPool" : "AveragePool", "row");
        columns.requireInputInEveryWindow(max ? "MaxPool" : "AveragePool", "column");
    }

    /**
     * {@return the kernel of a {@link Pooling} layer for input shape {@code in}}
     *
     * @param spec the layer
     * @param in   the input shape, batch included
     * @throws IllegalArgumentException if the input is smaller than the window or a window covers no input
     */
    public static Pool2d of(Pooling spec, TensorShape in) {
        Padding p = spec.padding();
        Window2d window = new Window2d(spec.kernelH(), spec.kernelW(), spec.strideH(), spec.strideW(), spec.dilationH(),
                spec.dilationW(), p.top(), p.left(), p.bottom(), p.right());
        return spec.isMax() ? maxPool(in.n(), in.h(), in.w(), in.c(), window, spec.ceilMode())
                : averagePool(in.n(), in.h(), in.w(), in.c(), window, spec.ceilMode(), spec.countIncludePad());
    }

    public static Pool2d maxPool(int n, int h, int w, int c, Window2d window, boolean ceilMode) {
        return new Pool2d(true, false, n, h, w, c, window, ceilMode);
    }

    public static Pool2d averagePool(int n, int h, int w, int c, Window2d window, boolean ceilMode, boolean countIncludePad) {
        return new Pool2d(false, countIncludePad, n, h, w, c, window, ceilMode);
    }

    /** {@code [n, outH, outW, c]}; rejects an input smaller than the window. */
    public static int[] outputShape(int n, int h, int w, int c, Window2d window, boolean ceilMode) {
        if (window == null) {
            throw new IllegalArgumentException("Pool: window is missing");
        }
        Shapes.size(new int[] {n, h, w, c});
        try {
            int[] out = {n, window.outputH(h, ceilMode), window.outputW(w, ceilMode), c};
            Shapes.size(out);
            return out;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Pool: " + e.getMessage(), e);
        }
    }

    public int[] outputShape() {
        return new int[] {n, outH, outW, c};
    }

    /** {@code n * outH}: the exclusive upper bound of a {@link #run} range. */
    public int taskCount() {
        return n * outH;
    }

    /** Output rows {@code [from, to)} (row {@code r} is row {@code r % outH} of image {@code r / outH}). */
    public void run(float[] in, float[] out, int from, int to) {
        for (int r = from; r < to; r++) {
            int image = r / outH;
            int oy = r % outH;
            int imageBase = image * h * w * c;
            for (int ox = 0; ox < outW; ox++) {
                int o = ((image * outH + oy) * outW + ox) * c;
                for (int ch = 0; ch < c; ch++) {
                    out[o + ch] = max ? maxOf(in, imageBase + ch, oy, ox) : averageOf(in, imageBase + ch, oy, ox);
                }
            }
        }
    }

    private float maxOf(float[] in, int base, int oy, int ox) {
        float m = Float.NEGATIVE_INFINITY;
        for (int ty = rows.firstTap(oy); ty < rows.endTap(oy); ty++) {
            int rowBase = base + rows.coordinate(oy, ty) * w * c;
            for (int tx = columns.firstTap(ox); tx < columns.endTap(ox); tx++) {
                // Math.max propagates NaN, as NumPy's max in ONNX's reference does.
                m = Math.max(m, in[rowBase + columns.coordinate(ox, tx) * c]);
            }
        }
        return m;
    }

    private float averageOf(float[] in, int base, int oy, int ox) {
        double sum = 0;
        for (int ty = rows.firstTap(oy); ty < rows.endTap(oy); ty++) {
            int rowBase = base + rows.coordinate(oy, ty) * w * c;
            for (int tx = columns.firstTap(ox); tx < columns.endTap(ox); tx++) {
                sum += in[rowBase + columns.coordinate(ox, tx) * c];
            }
        }
        int count = countIncludePad
                ? rows.paddedTaps(oy) * columns.paddedTaps(ox)
                : rows.inputTaps(oy) * columns.inputTaps(ox);
        return (float) (sum / count);
    }
}
