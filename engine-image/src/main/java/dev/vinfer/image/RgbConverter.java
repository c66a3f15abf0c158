package dev.vinfer.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns whatever {@link BufferedImage} ImageIO decoded into 8-bit RGB, the way Pillow's
 * {@code convert("RGB")} does, because the reference inputs were made with Pillow:
 * <ul>
 *   <li>grey is copied to all three channels, as is, with no gamma conversion (Java2D's
 *       {@code getRGB} would treat PNG grey as linear and brighten it);</li>
 *   <li>alpha is dropped, not composited: a transparent pixel keeps the colour it stores;</li>
 *   <li>palette images are looked up in their palette;</li>
 *   <li>16-bit samples keep their high byte;</li>
 *   <li>an embedded ICC profile is ignored: the stored RGB values are used as they are.</li>
 * </ul>
 * Rasters of bytes (JPEG, 8-bit PNG, most BMPs) are read straight from their data buffer; other
 * layouts go a row at a time through {@link Raster#getPixels}, never a call per pixel.
 */
final class RgbConverter {
    private RgbConverter() {
    }

    static RgbImage toRgb(BufferedImage image) {
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (model instanceof IndexColorModel palette) {
            return fromPalette(raster, palette);
        }
        int colourType = model.getColorSpace().getType();
        boolean plainComponents = model instanceof ComponentColorModel && !model.isAlphaPremultiplied()
                && (colourType == ColorSpace.TYPE_RGB || colourType == ColorSpace.TYPE_GRAY);
        if (plainComponents) {
            int colours = model.getNumColorComponents();
            if (isByteInterleaved(raster)) {
                return fromBytes(raster, colours);
            }
            return fromComponents(raster, model, colours);
        }
        return fromArgb(image);
    }

    private static boolean isByteInterleaved(Raster raster) {
        return raster.getDataBuffer() instanceof DataBufferByte bytes && bytes.getNumBanks() == 1
                && raster.getSampleModel() instanceof ComponentSampleModel
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
                && raster.getMinX() == 0 && raster.getMinY() == 0;
    }

    /** The fast path: index the byte buffer with the sample model's strides and band offsets. */
    private static RgbImage fromBytes(Raster raster, int colours) {
        ComponentSampleModel layout = (ComponentSampleModel) raster.getSampleModel();
        DataBufferByte buffer = (DataBufferByte) raster.getDataBuffer();
        byte[] data = buffer.getData();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int pixelStride = layout.getPixelStride();
        int rowStride = layout.getScanlineStride();
        int[] offsets = layout.getBandOffsets();
        int r = offsets[0];
        int g = colours == 1 ? r : offsets[1];
        int b = colours == 1 ? r : offsets[2];
        byte[] rgb = new byte[w * h * 3];
        int o = 0;
        for (int y = 0; y < h; y++) {
            int p = buffer.getOffset() + y * rowStride;
            for (int x = 0; x < w; x++, p += pixelStride) {
                rgb[o++] = data[p + r];
                rgb[o++] = data[p + g];
                rgb[o++] = data[p + b];
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /** Any other component layout (16-bit, packed, banded): one row of samples at a time. */
    private static RgbImage fromComponents(Raster raster, ColorModel model, int colours) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        int[] bits = model.getComponentSize();
        int[] row = new int[w * bands];
        byte[] rgb = new byte[w * h * 3];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int p = x * bands;
                for (int c = 0; c < 3; c++) {
                    int band = colours == 1 ? 0 : c;
                    rgb[o++] = (byte) toEightBits(row[p + band], bits[band]);
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private static int toEightBits(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        if (bits > 8) {
            return sample >>> (bits - 8); // Pillow keeps the high byte of 16-bit samples
        }
        int max = (1 << bits) - 1;
        return (sample * 255 + max / 2) / max;
    }

    private static RgbImage fromPalette(Raster raster, IndexColorModel palette) {
        int size = palette.getMapSize();
        byte[] reds = new byte[size];
        byte[] greens = new byte[size];
        byte[] blues = new byte[size];
        palette.getReds(reds);
        palette.getGreens(greens);
        palette.getBlues(blues);
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] row = new int[w];
        byte[] rgb = new byte[w * h * 3];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int i = Math.min(row[x], size - 1); // an index past a short palette reads its last entry
                rgb[o++] = reds[i];
                rgb[o++] = greens[i];
                rgb[o++] = blues[i];
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /**
     * Everything else (packed-int RGB, premultiplied alpha, other colour spaces such as the CMYK that
     * JDK 25 decodes 4-channel JPEGs into): Java2D's own conversion to sRGB, a row at a time. Alpha
     * is dropped here too.
     */
    private static RgbImage fromArgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] row = new int[w];
        byte[] rgb = new byte[w * h * 3];
        int o = 0;
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                rgb[o++] = (byte) (argb >> 16);
                rgb[o++] = (byte) (argb >> 8);
                rgb[o++] = (byte) argb;
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
