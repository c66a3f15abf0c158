package dev.vinfer.image;

import dev.vinfer.api.VinferException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pictures from somewhere hostile: each file is made by mutating a valid image in the test, and
 * each must give one {@link VinferException} line naming the file, quickly and without allocating
 * what a lying header claims. (ImageLoaderTest covers empty, text, truncated PNG/JPEG, a PNG bomb,
 * 16-bit and CMYK.)
 */
@Timeout(30)
class HostileImageCorpusTest {
    @TempDir
    Path dir;
    private final ImageLoader loader = new ImageLoader();

    @Test
    void animatedGifGivesItsFirstFrame() throws IOException {
        BufferedImage red = solid(6, 4, 0xff0000);
        BufferedImage blue = solid(6, 4, 0x0000ff);
        Path gif = dir.resolve("anim.gif");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(gif.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : new BufferedImage[] {red, blue}) {
                IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
                writer.writeToSequence(new IIOImage(frame, null, metadata), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        assertEquals(2, frameCount(gif), "the test file really has two frames");
        RgbImage image = loader.load(gif);
        assertEquals(6, image.width());
        assertEquals(4, image.height());
        assertEquals(255, image.sample(3, 2, 0), "first frame is red");
        assertEquals(0, image.sample(3, 2, 2));
    }

    @Test
    void gifClaimingGiganticDimensionsIsRefusedBeforeDecoding() throws IOException {
        byte[] gif = Files.readAllBytes(write(solid(4, 4, 0x00ff00), "gif", "small.gif"));
        // Logical screen (bytes 6..9) and the image descriptor's width/height: 65535 x 65535.
        ByteBuffer b = ByteBuffer.wrap(gif).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(6, (short) 0xffff).putShort(8, (short) 0xffff);
        int descriptor = indexOf(gif, (byte) 0x2c, 13);
        b.putShort(descriptor + 5, (short) 0xffff).putShort(descriptor + 7, (short) 0xffff);
        assertRefused(Files.write(dir.resolve("bomb.gif"), gif), "65535x65535");
    }

    @Test
    void bmpClaimingGiganticDimensionsIsRefusedBeforeDecoding() throws IOException {
        byte[] bmp = Files.readAllBytes(write(solid(4, 4, 0x123456), "bmp", "small.bmp"));
        ByteBuffer.wrap(bmp).order(ByteOrder.LITTLE_ENDIAN).putInt(18, 100_000).putInt(22, 100_000);
        // The JDK's BMP reader checks the declared size against the pixel data itself; either way it is refused at once.
        assertRefused(Files.write(dir.resolve("bomb.bmp"), bmp), "");
    }

    @Test
    void jpegClaimingGiganticDimensionsIsRefusedBeforeDecoding() throws IOException {
        byte[] jpg = Files.readAllBytes(write(solid(8, 8, 0x808080), "jpg", "small.jpg"));
        int sof = indexOf(jpg, (byte) 0xc0, 2) - 1; // FF C0: baseline start of frame
        assertEquals((byte) 0xff, jpg[sof]);
        ByteBuffer.wrap(jpg).putShort(sof + 5, (short) 60_000).putShort(sof + 7, (short) 60_000);
        assertRefused(Files.write(dir.resolve("bomb.jpg"), jpg), "60000x60000");
    }

    @Test
    void corruptBytesInsideAValidFileAreRefusedNotDecodedAsGarbage() throws IOException {
        byte[] png = Files.readAllBytes(write(ImageLoaderTest.noise(32, 32), "png", "noise.png"));
        byte[] flipped = png.clone();
        for (int i = 60; i < flipped.length - 20; i += 7) {
            flipped[i] ^= 0x5a; // inside IDAT: the zlib stream or the CRC no longer matches
        }
        assertRefused(Files.write(dir.resolve("flipped.png"), flipped), "");
    }

    @Test
    void headerOnlyFilesAreRefused() throws IOException {
        byte[] png = Files.readAllBytes(write(solid(4, 4, 0), "png", "whole.png"));
        assertRefused(Files.write(dir.resolve("sig.png"), Arrays.copyOf(png, 8)), "");
        byte[] jpg = Files.readAllBytes(write(solid(8, 8, 0), "jpg", "whole.jpg"));
        assertRefused(Files.write(dir.resolve("soi.jpg"), Arrays.copyOf(jpg, 2)), "");
        byte[] gif = Files.readAllBytes(write(solid(4, 4, 0), "gif", "whole.gif"));
        assertRefused(Files.write(dir.resolve("head.gif"), Arrays.copyOf(gif, 13)), "");
    }

    @Test
    void aPngRenamedToJpgStillDecodesByItsContent() throws IOException {
        byte[] png = Files.readAllBytes(write(solid(3, 2, 0x00ff00), "png", "real.png"));
        RgbImage image = loader.load(Files.write(dir.resolve("misnamed.jpg"), png));
        assertEquals(3, image.width());
        assertEquals(255, image.sample(0, 0, 1));
    }

    @Test
    void aDirectoryWithAnImageNameIsRefused() throws IOException {
        assertRefused(Files.createDirectory(dir.resolve("folder.png")), "not a regular file");
    }

    @Test
    void randomBytesWithAnImageNameAreRefused() throws IOException {
        byte[] noise = new byte[4096];
        new java.util.Random(3).nextBytes(noise);
        for (String name : new String[] {"noise.png", "noise.jpg", "noise.gif", "noise.bmp"}) {
            assertRefused(Files.write(dir.resolve(name), noise), "");
        }
    }

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    private static int frameCount(Path file) throws IOException {
        try (var in = ImageIO.createImageInputStream(file.toFile())) {
            var reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            int n = reader.getNumImages(true);
            reader.dispose();
            return n;
        }
    }

    private static int indexOf(byte[] data, byte value, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        throw new AssertionError("byte " + value + " not found");
    }

    private Path write(BufferedImage image, String format, String name) throws IOException {
        Path file = dir.resolve(name);
        assertTrue(ImageIO.write(image, format, file.toFile()), "no ImageIO writer for " + format);
        return file;
    }

    private void assertRefused(Path file, String expected) {
        VinferException e = assertThrows(VinferException.class, () -> loader.load(file));
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString() + ": "), "message names the file: " + m);
        assertTrue(m.contains(expected), "expected '" + expected + "' in: " + m);
        assertTrue(!m.contains("\n") && !m.contains("\r"), "one line: " + m);
    }
}
