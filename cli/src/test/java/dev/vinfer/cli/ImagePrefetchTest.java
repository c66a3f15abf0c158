package dev.vinfer.cli;

import dev.vinfer.api.VinferException;
import dev.vinfer.image.ImageLoader;
import dev.vinfer.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The first picture decoded in the background must come out exactly as a direct load would. */
class ImagePrefetchTest {
    @TempDir
    Path dir;

    private Path png(String name, int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 37 + y * 11) * 0x010203);
            }
        }
        Path file = dir.resolve(name);
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    private static void assertSamePixels(RgbImage expected, RgbImage actual) {
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        assertArrayEquals(expected.rgb(), actual.rgb());
    }

    @Test
    void theFirstPictureIsTheOneADirectLoadGives() throws Exception {
        ImageLoader loader = new ImageLoader();
        Path first = png("first.png", 31, 17);
        Path second = png("second.png", 5, 9);
        ImagePrefetch prefetch = ImagePrefetch.start(loader, first);
        assertSamePixels(loader.load(first), prefetch.load(first));
        assertSamePixels(loader.load(second), prefetch.load(second));
        // Asked again (the same file given twice), it is decoded again rather than shared.
        assertSamePixels(loader.load(first), prefetch.load(first));
    }

    @Test
    void aBrokenFirstPictureFailsWithTheDirectLoadsMessageWhenItsTurnComes() throws Exception {
        Path broken = dir.resolve("broken.jpg");
        Files.writeString(broken, "this is not a jpeg");
        ImageLoader loader = new ImageLoader();
        String direct = assertThrows(VinferException.class, () -> loader.load(broken)).getMessage();
        ImagePrefetch prefetch = ImagePrefetch.start(loader, broken);
        assertEquals(direct, assertThrows(VinferException.class, () -> prefetch.load(broken)).getMessage());
    }

    @Test
    void aMissingFirstPictureToo() {
        Path missing = dir.resolve("missing.png");
        ImageLoader loader = new ImageLoader();
        String direct = assertThrows(VinferException.class, () -> loader.load(missing)).getMessage();
        assertEquals(direct, assertThrows(VinferException.class, () -> ImagePrefetch.start(loader, missing).load(missing)).getMessage());
    }
}
