package dev.vinfer.image;

import dev.vinfer.api.VinferException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Point;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding of synthetic images in every colour layout ImageIO produces, and refusal of bad files. */
class ImageLoaderTest {
    @TempDir
    Path dir;

    private final ImageLoader loader = new ImageLoader();

    @Test
    void rgbPngKeepsEveryPixel() throws IOException {
        BufferedImage image = new BufferedImage(5, 3, BufferedImage.TYPE_3BYTE_BGR);
        image.setRGB(0, 0, 0x102030);
        image.setRGB(4, 2, 0xA0B0C0);
        RgbImage rgb = loader.load(write(image, "png", "rgb.png"));
        assertEquals(5, rgb.width());
        assertEquals(3, rgb.height());
        assertPixel(rgb, 0, 0, 0x10, 0x20, 0x30);
        assertPixel(rgb, 4, 2, 0xA0, 0xB0, 0xC0);
        assertPixel(rgb, 1, 1, 0, 0, 0);
    }

    @Test
    void greyIsCopiedToAllChannelsWithoutGammaChange() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(0, 0, 0, 128);
        image.getRaster().setSample(1, 0, 0, 7);
        RgbImage rgb = loader.load(write(image, "png", "grey.png"));
        assertPixel(rgb, 0, 0, 128, 128, 128);
        assertPixel(rgb, 1, 0, 7, 7, 7);
    }

    @Test
    void paletteIsLookedUp() throws IOException {
        // A full 256-entry palette: ImageIO's GIF and BMP writers mangle short palettes on their own.
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        r[1] = (byte) 200;
        g[1] = 100;
        b[1] = 50;
        r[2] = 10;
        g[2] = 20;
        b[2] = 30;
        BufferedImage image = new BufferedImage(8, 4, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 256, r, g, b));
        image.getRaster().setSample(1, 0, 0, 1);
        image.getRaster().setSample(2, 1, 0, 2);
        for (String format : new String[] {"png", "bmp"}) {
            RgbImage rgb = loader.load(write(image, format, "palette." + format));
            assertPixel(rgb, 1, 0, 200, 100, 50);
            assertPixel(rgb, 2, 1, 10, 20, 30);
            assertPixel(rgb, 0, 0, 0, 0, 0);
        }
        // This tiny GIF comes back through ImageIO's GIF writer+reader with index 2 lost (PNG and BMP
        // keep it, through the same palette path of ours); check the pixels that survive.
        RgbImage gif = loader.load(write(image, "gif", "palette.gif"));
        assertPixel(gif, 1, 0, 200, 100, 50);
        assertPixel(gif, 0, 0, 0, 0, 0);
    }

    @Test
    void alphaIsDroppedNotComposited() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x00FF8040); // fully transparent, colour still stored
        image.setRGB(1, 0, 0x80204060);
        RgbImage rgb = loader.load(write(image, "png", "alpha.png"));
        assertPixel(rgb, 0, 0, 0xFF, 0x80, 0x40);
        assertPixel(rgb, 1, 0, 0x20, 0x40, 0x60);
    }

    @Test
    void greyWithAlphaDropsAlpha() throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new int[] {90, 0});
        RgbImage rgb = loader.load(write(new BufferedImage(model, raster, false, null), "png", "grey_alpha.png"));
        assertPixel(rgb, 0, 0, 90, 90, 90);
    }

    @Test
    void sixteenBitKeepsTheHighByte() throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {0xABCD, 0x1234, 0xFFFF});
        raster.setPixel(1, 0, new int[] {0x00FF, 0x0100, 0x8000});
        RgbImage rgb = loader.load(write(new BufferedImage(model, raster, false, null), "png", "rgb16.png"));
        assertPixel(rgb, 0, 0, 0xAB, 0x12, 0xFF);
        assertPixel(rgb, 1, 0, 0x00, 0x01, 0x80);

        BufferedImage grey16 = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSample(0, 0, 0, 0x7F01);
        assertPixel(loader.load(write(grey16, "png", "grey16.png")), 0, 0, 0x7F, 0x7F, 0x7F);
    }

    @Test
    void oneBitImagesScaleToFullRange() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY);
        image.getRaster().setSample(1, 0, 0, 1);
        RgbImage rgb = loader.load(write(image, "png", "binary.png"));
        assertPixel(rgb, 0, 0, 0, 0, 0);
        assertPixel(rgb, 1, 0, 255, 255, 255);
    }

    @Test
    void jpegAndBmpDecode() throws IOException {
        BufferedImage image = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, 0x3C78B4);
            }
        }
        RgbImage bmp = loader.load(write(image, "bmp", "flat.bmp"));
        assertPixel(bmp, 15, 7, 0x3C, 0x78, 0xB4);
        RgbImage jpeg = loader.load(write(image, "jpg", "flat.jpg"));
        assertEquals(16, jpeg.width());
        // JPEG is lossy: a flat colour comes back within a few levels.
        assertTrue(Math.abs(jpeg.sample(3, 3, 0) - 0x3C) <= 3 && Math.abs(jpeg.sample(3, 3, 2) - 0xB4) <= 3);
    }

    @Test
    void tinyAndNonSquareImagesLoad() throws IOException {
        BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
        one.setRGB(0, 0, 0x112233);
        RgbImage tiny = loader.load(write(one, "png", "one.png"));
        assertPixel(tiny, 0, 0, 0x11, 0x22, 0x33);
        RgbImage wide = loader.load(write(new BufferedImage(300, 7, BufferedImage.TYPE_3BYTE_BGR), "png", "wide.png"));
        assertEquals(300, wide.width());
        assertEquals(7, wide.height());
    }

    /**
     * JDK 25's JPEG reader decodes 4-channel (CMYK) JPEGs through Java2D's CMYK colour space, the
     * same naive formula Pillow uses; older JDKs throw "Unsupported Image Type", which we explain.
     */
    @Test
    void cmykJpegDecodesOrFailsClearly() throws IOException {
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, new Point(0, 0));
        Path file = dir.resolve("cmyk.jpg");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(cmyk, null, null), null);
        } finally {
            writer.dispose();
        }
        try {
            RgbImage rgb = loader.load(file);
            assertEquals(16, rgb.width());
        } catch (VinferException e) {
            assertTrue(e.getMessage().contains("CMYK or YCCK JPEG"), e.getMessage());
        }
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertRefused(empty, "empty file");
    }

    @Test
    void textNamedJpgIsRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jpg"), "this is not a picture\n");
        assertRefused(text, "not an image format");
    }

    @Test
    void missingFileIsRefused() {
        assertRefused(dir.resolve("nothing.png"), "no such file");
    }

    @Test
    void truncatedPngIsRefused() throws IOException {
        Path whole = write(noise(64, 64), "png", "whole.png");
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(cut, "damaged");
    }

    @Test
    void truncatedJpegIsRefused() throws IOException {
        Path whole = write(noise(64, 64), "jpg", "whole.jpg");
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(cut, "damaged");
    }

    @Test
    void bytesInMemoryDecodeLikeTheFile() throws IOException {
        for (String format : new String[] {"png", "jpg"}) {
            Path file = write(noise(37, 23), format, "noise." + format);
            RgbImage fromFile = loader.load(file);
            RgbImage fromBytes = loader.load(Files.readAllBytes(file), "mem." + format);
            assertEquals(fromFile.width(), fromBytes.width());
            assertArrayEquals(fromFile.rgb(), fromBytes.rgb(), format);
        }
    }

    @Test
    void damagedBytesInMemoryAreRefusedWithTheirName() throws IOException {
        byte[] jpeg = Files.readAllBytes(write(noise(64, 64), "jpg", "whole.jpg"));
        VinferException cut = assertThrows(VinferException.class,
                () -> loader.load(Arrays.copyOf(jpeg, jpeg.length / 2), "hdfs://x/cut.jpg"));
        assertTrue(cut.getMessage().startsWith("hdfs://x/cut.jpg: damaged"), cut.getMessage());
        VinferException empty = assertThrows(VinferException.class, () -> loader.load(new byte[0], "e.png"));
        assertTrue(empty.getMessage().startsWith("e.png: empty file"), empty.getMessage());
        VinferException text = assertThrows(VinferException.class,
                () -> loader.load("not a picture".getBytes(StandardCharsets.UTF_8), "t.png"));
        assertTrue(text.getMessage().startsWith("t.png: not an image format"), text.getMessage());
    }

    @Test
    void hugeDeclaredSizeIsRefusedBeforeDecoding() throws IOException {
        // 50000 x 50000 RGB would need 7.5 GB; only the header is read, so this returns at once.
        Path bomb = Files.write(dir.resolve("bomb.png"), pngHeaderOnly(50_000, 50_000));
        VinferException e = assertRefused(bomb, "50000x50000 = 2500.0 megapixels, over the limit of 100.0 megapixels");
        assertTrue(e.getMessage().contains("not decoded"), e.getMessage());
    }

    @Test
    void limitIsConfigurable() throws IOException {
        Path small = write(new BufferedImage(11, 10, BufferedImage.TYPE_3BYTE_BGR), "png", "small.png");
        VinferException e = assertThrows(VinferException.class, () -> new ImageLoader(100).load(small));
        assertTrue(e.getMessage().contains("11x10"), e.getMessage());
        assertEquals(11, new ImageLoader(110).load(small).width());
    }

    static BufferedImage noise(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    /** A PNG signature, an IHDR claiming {@code w x h} 8-bit RGB with a correct CRC, a tiny IDAT and IEND. */
    static byte[] pngHeaderOnly(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private Path write(BufferedImage image, String format, String name) throws IOException {
        Path file = dir.resolve(name);
        assertTrue(ImageIO.write(image, format, file.toFile()), "no ImageIO writer for " + format);
        return file;
    }

    private VinferException assertRefused(Path file, String expected) {
        VinferException e = assertThrows(VinferException.class, () -> loader.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()), "message names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    private static void assertPixel(RgbImage image, int x, int y, int r, int g, int b) {
        assertArrayEquals(new int[] {r, g, b},
                new int[] {image.sample(x, y, 0), image.sample(x, y, 1), image.sample(x, y, 2)},
                "pixel (" + x + ", " + y + ")");
    }
}
