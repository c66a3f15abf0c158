package dev.vinfer.scalar.ops;

/** NCHW <-> NHWC for feeding ONNX's NCHW test data to the NHWC kernels (plain loops, not {@link Transpose}). */
final class Layouts {
    private Layouts() {
    }

    static float[] nchwToNhwc(float[] x, int n, int c, int h, int w) {
        float[] y = new float[x.length];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int yy = 0; yy < h; yy++) {
                    for (int xx = 0; xx < w; xx++) {
                        y[((i * h + yy) * w + xx) * c + ch] = x[((i * c + ch) * h + yy) * w + xx];
                    }
                }
            }
        }
        return y;
    }

    static float[] nhwcToNchw(float[] x, int n, int h, int w, int c) {
        float[] y = new float[n * h * w * c];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int yy = 0; yy < h; yy++) {
                    for (int xx = 0; xx < w; xx++) {
                        y[((i * c + ch) * h + yy) * w + xx] = x[((i * h + yy) * w + xx) * c + ch];
                    }
                }
            }
        }
        return y;
    }

    /** Explicit pads [top, left, bottom, right] of ONNX's SAME_UPPER / SAME_LOWER for one window. */
    static int[] samePads(boolean upper, int h, int w, int kh, int kw, int sh, int sw, int dh, int dw) {
        int totalH = Math.max(0, (Math.ceilDiv(h, sh) - 1) * sh + (kh - 1) * dh + 1 - h);
        int totalW = Math.max(0, (Math.ceilDiv(w, sw) - 1) * sw + (kw - 1) * dw + 1 - w);
        int smallH = totalH / 2;
        int smallW = totalW / 2;
        return upper ? new int[] {smallH, smallW, totalH - smallH, totalW - smallW}
                : new int[] {totalH - smallH, totalW - smallW, smallH, smallW};
    }
}
