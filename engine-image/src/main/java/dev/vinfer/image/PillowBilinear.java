package dev.vinfer.image;

/**
 * Resizes 8-bit RGB exactly as Pillow's {@code Image.resize(size, Image.BILINEAR)} does, so that our
 * inputs match those of Python pipelines (and the project's reference 224x224 inputs) bit for bit.
 *
 * <p>Pillow's "bilinear" is a separable triangle filter whose support widens with the downscale
 * factor: every source pixel under an output pixel contributes, i.e. it antialiases, unlike the
 * 2x2-tap bilinear of Java2D, which aliases badly when shrinking a photo several times. Like Pillow
 * we run the horizontal pass first, round the intermediate to 8 bits, then the vertical pass, with
 * 22-bit fixed-point coefficients; each of those details moves some pixels by one level.
 */
final class PillowBilinear {
    /** Pillow's {@code PRECISION_BITS}: 32 bits less 8 for the sample and 2 for overflow headroom. */
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    private PillowBilinear() {
    }

    /** Resizes the region {@code crop} of {@code source} (treated as if cut out first) to {@code outW x outH}. */
    static RgbImage resize(RgbImage source, CenterCrop crop, int outW, int outH) {
        Taps vertical = Taps.of(crop.height(), outH);
        boolean needHorizontal = outW != crop.width();
        boolean needVertical = outH != crop.height();
        // Rows of the region the vertical pass reads; the horizontal pass need not touch the others.
        int firstRow = needVertical ? vertical.start[0] : 0;
        int endRow = needVertical ? vertical.start[outH - 1] + vertical.count[outH - 1] : crop.height();

        byte[] rows;
        int rowsWidth;
        int rowsX;
        int rowsY;
        int rowsStride;
        if (needHorizontal) {
            rows = horizontal(source, crop, firstRow, endRow, Taps.of(crop.width(), outW), outW);
            rowsWidth = outW;
            rowsX = 0;
            rowsY = -firstRow;
            rowsStride = outW;
        } else {
            rows = source.rgb();
            rowsWidth = crop.width();
            rowsX = crop.x();
            rowsY = crop.y();
            rowsStride = source.width();
        }
        if (!needVertical) {
            return needHorizontal ? new RgbImage(outW, outH, rows)
                    : copyRows(rows, rowsX, rowsY, rowsStride, rowsWidth, crop.height());
        }
        return vertical(rows, rowsX, rowsY, rowsStride, rowsWidth, vertical, outH);
    }

    private static byte[] horizontal(RgbImage source, CenterCrop crop, int firstRow, int endRow, Taps taps, int outW) {
        byte[] in = source.rgb();
        byte[] out = new byte[(endRow - firstRow) * outW * 3];
        int o = 0;
        for (int y = firstRow; y < endRow; y++) {
            int rowBase = ((crop.y() + y) * source.width() + crop.x()) * 3;
            for (int xx = 0; xx < outW; xx++) {
                int r = HALF, g = HALF, b = HALF;
                int p = rowBase + taps.start[xx] * 3;
                int k = xx * taps.size;
                for (int t = 0; t < taps.count[xx]; t++, p += 3) {
                    int w = taps.weights[k + t];
                    r += (in[p] & 0xFF) * w;
                    g += (in[p + 1] & 0xFF) * w;
                    b += (in[p + 2] & 0xFF) * w;
                }
                out[o++] = clip8(r);
                out[o++] = clip8(g);
                out[o++] = clip8(b);
            }
        }
        return out;
    }

    private static RgbImage vertical(byte[] in, int x0, int y0, int stride, int width, Taps taps, int outH) {
        byte[] out = new byte[outH * width * 3];
        int o = 0;
        for (int yy = 0; yy < outH; yy++) {
            int k = yy * taps.size;
            int firstSource = ((y0 + taps.start[yy]) * stride + x0) * 3;
            for (int x = 0; x < width; x++) {
                int r = HALF, g = HALF, b = HALF;
                int p = firstSource + x * 3;
                for (int t = 0; t < taps.count[yy]; t++, p += stride * 3) {
                    int w = taps.weights[k + t];
                    r += (in[p] & 0xFF) * w;
                    g += (in[p + 1] & 0xFF) * w;
                    b += (in[p + 2] & 0xFF) * w;
                }
                out[o++] = clip8(r);
                out[o++] = clip8(g);
                out[o++] = clip8(b);
            }
        }
        return new RgbImage(width, outH, out);
    }

    private static RgbImage copyRows(byte[] in, int x0, int y0, int stride, int width, int height) {
        byte[] out = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            System.arraycopy(in, ((y0 + y) * stride + x0) * 3, out, y * width * 3, width * 3);
        }
        return new RgbImage(width, height, out);
    }

    private static byte clip8(int accumulator) {
        int v = accumulator >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /** For each output pixel: the first source pixel, how many follow, and their fixed-point weights. */
    private static final class Taps {
        final int[] start;
        final int[] count;
        final int[] weights;
        final int size;

        private Taps(int[] start, int[] count, int[] weights, int size) {
            this.start = start;
            this.count = count;
            this.weights = weights;
            this.size = size;
        }

        /** Pillow's {@code precompute_coeffs} + {@code normalize_coeffs_8bpc} for the triangle filter. */
        static Taps of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale; // the triangle's support is 1, stretched when shrinking
            double inverse = 1.0 / filterScale; // Pillow multiplies by the reciprocal; dividing can differ in the last bit
            int size = (int) Math.ceil(support) * 2 + 1;
            int[] start = new int[outSize];
            int[] count = new int[outSize];
            int[] weights = new int[outSize * size];
            double[] k = new double[size];
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                int min = Math.max((int) (center - support + 0.5), 0);
                int max = Math.min((int) (center + support + 0.5), inSize);
                int n = max - min;
                double sum = 0;
                for (int x = 0; x < n; x++) {
                    double w = triangle((x + min - center + 0.5) * inverse);
                    k[x] = w;
                    sum += w;
                }
                for (int x = 0; x < n; x++) {
                    double w = sum != 0 ? k[x] / sum : k[x];
                    double fixed = w * (1 << PRECISION_BITS);
                    weights[xx * size + x] = (int) (w < 0 ? fixed - 0.5 : fixed + 0.5);
                }
                start[xx] = min;
                count[xx] = n;
            }
            return new Taps(start, count, weights, size);
        }

        private static double triangle(double x) {
            double a = Math.abs(x);
            return a < 1.0 ? 1.0 - a : 0.0;
        }
    }
}
