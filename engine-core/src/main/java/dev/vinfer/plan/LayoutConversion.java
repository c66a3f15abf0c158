package dev.vinfer.plan;

import dev.vinfer.spi.BoundLayer;

/**
 * Copies a rank-4 tensor between the logical NCHW order and NHWC, at the boundary of an NHWC region
 * (and when the caller's input or output crosses one). One task is one image's row of pixels.
 */
final class LayoutConversion {
    private LayoutConversion() {
    }

    static StepKernel toNhwc(int n, int c, int h, int w) {
        return (in, out, workers) -> rows(n, h, c * w, (img, y) -> nchwToNhwc(in[0], out[0], img, y, c, h, w));
    }

    static StepKernel toNchw(int n, int c, int h, int w) {
        return (in, out, workers) -> rows(n, h, c * w, (img, y) -> nhwcToNchw(in[0], out[0], img, y, c, h, w));
    }

    /** NCHW source to NHWC destination, one row {@code y} of image {@code img}. */
    static void nchwToNhwc(float[] src, float[] dst, int img, int y, int c, int h, int w) {
        int plane = h * w;
        int dstRow = ((img * h + y) * w) * c;
        for (int ch = 0; ch < c; ch++) {
            int srcRow = (img * c + ch) * plane + y * w;
            for (int x = 0; x < w; x++) {
                dst[dstRow + x * c + ch] = src[srcRow + x];
            }
        }
    }

    static void nhwcToNchw(float[] src, float[] dst, int img, int y, int c, int h, int w) {
        int plane = h * w;
        int srcRow = ((img * h + y) * w) * c;
        for (int ch = 0; ch < c; ch++) {
            int dstRow = (img * c + ch) * plane + y * w;
            for (int x = 0; x < w; x++) {
                dst[dstRow + x] = src[srcRow + x * c + ch];
            }
        }
    }

    @FunctionalInterface
    private interface Row {
        void run(int image, int y);
    }

    private static BoundLayer rows(int n, int h, long costPerRow, Row row) {
        return BoundLayer.of(n * h, costPerRow / 8 + 1, (first, end, worker) -> {
            for (int t = first; t < end; t++) {
                row.run(t / h, t % h);
            }
        });
    }
}
