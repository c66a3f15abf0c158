package dev.vinfer.image;

import dev.vinfer.graph.Preprocessing;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crop, Pillow-compatible resize and normalisation, checked against the shared reference inputs. */
class ImagePreprocessorTest {
    private final ImagePreprocessor keras = new ImagePreprocessor(224, 224, Preprocessing.MINUS_ONE_TO_ONE);

    @Test
    void normalisesWithTheModelsPreprocessing() {
        RgbImage image = new RgbImage(224, 224, new byte[224 * 224 * 3]);
        image.rgb()[0] = (byte) 255;
        image.rgb()[1] = (byte) 127;
        Tensor t = keras.toTensor(image);
        assertEquals(new TensorShape(1, 224, 224, 3), t.shape());
        assertEquals(1f, t.get(0, 0, 0, 0), 1e-7);
        assertEquals(127 / 127.5f - 1, t.get(0, 0, 0, 1), 1e-7);
        assertEquals(-1f, t.get(0, 0, 0, 2), 1e-7);

        Tensor imagenet = new ImagePreprocessor(224, 224, Preprocessing.IMAGENET).toTensor(image);
        assertEquals((1 - 0.485) / 0.229, imagenet.get(0, 0, 0, 0), 1e-6);
    }

    @Test
    void batchesInOrder() {
        RgbImage black = new RgbImage(3, 3, new byte[27]);
        byte[] white = new byte[12];
        java.util.Arrays.fill(white, (byte) 255);
        Tensor t = new ImagePreprocessor(2, 2, Preprocessing.MINUS_ONE_TO_ONE).toTensor(List.of(black, new RgbImage(2, 2, white)));
        assertEquals(new TensorShape(2, 2, 2, 3), t.shape());
        assertEquals(-1f, t.get(0, 1, 1, 2));
        assertEquals(1f, t.get(1, 1, 1, 2));
    }

    @Test
    void inputOfTheRightSizeIsUsedAsIs() {
        RgbImage image = new RgbImage(224, 224, new byte[224 * 224 * 3]);
        assertSame(image, keras.fit(image));
    }

    @Test
    void onePixelUpscalesToAFlatImage() {
        RgbImage one = new RgbImage(1, 1, new byte[] {10, 20, (byte) 250});
        RgbImage fitted = keras.fit(one);
        assertEquals(224, fitted.width());
        assertEquals(224, fitted.height());
        for (int c = 0; c < 3; c++) {
            assertEquals(one.sample(0, 0, c), fitted.sample(223, 100, c));
        }
    }

    @Test
    void nonSquareCropsTheCentre() {
        // 300x100: left third black, centre third white, right third black -> centre square is all white.
        byte[] rgb = new byte[300 * 100 * 3];
        for (int y = 0; y < 100; y++) {
            for (int x = 100; x < 200; x++) {
                java.util.Arrays.fill(rgb, (y * 300 + x) * 3, (y * 300 + x) * 3 + 3, (byte) 255);
            }
        }
        RgbImage fitted = new ImagePreprocessor(50, 50, Preprocessing.MINUS_ONE_TO_ONE).fit(new RgbImage(300, 100, rgb));
        for (int y = 0; y < 50; y += 7) {
            for (int x = 0; x < 50; x += 7) {
                assertEquals(255, fitted.sample(x, y, 1), "(" + x + "," + y + ")");
            }
        }
        assertEquals(new CenterCrop(100, 0, 100, 100), CenterCrop.of(300, 100, 50, 50));
        assertEquals(new CenterCrop(0, 50, 100, 50), CenterCrop.of(100, 150, 224, 112));
        assertEquals(new CenterCrop(84, 0, 343, 343), CenterCrop.of(512, 343, 224, 224));
    }

    /**
     * Small cases worked by hand through Pillow's algorithm (triangle filter, support stretched by
     * the downscale factor, 22-bit fixed-point weights, round half up, truncating shift).
     */
    @Test
    void resamplesLikePillow() {
        // Upscale 2 -> 4: outputs sit at 0.25, 0.75, 1.25, 1.75; the ends see one pixel only.
        RgbImage up = PillowBilinear.resize(grey(0, 255), new CenterCrop(0, 0, 2, 1), 4, 1);
        assertArrayEquals(new int[] {0, 64, 191, 255}, row(up));
        // Downscale 4 -> 2: support 2, weights 3/7, 3/7, 1/7 (antialiased, not 2-tap).
        RgbImage down = PillowBilinear.resize(grey(0, 100, 200, 255), new CenterCrop(0, 0, 4, 1), 2, 1);
        assertArrayEquals(new int[] {71, 209}, row(down));
        // The same along the other axis.
        RgbImage column = PillowBilinear.resize(new RgbImage(1, 4, grey(0, 100, 200, 255).rgb()), new CenterCrop(0, 0, 1, 4), 1, 2);
        assertArrayEquals(new int[] {71, 209}, new int[] {column.sample(0, 0, 0), column.sample(0, 1, 0)});
    }

    private static RgbImage grey(int... values) {
        byte[] rgb = new byte[values.length * 3];
        for (int i = 0; i < values.length; i++) {
            java.util.Arrays.fill(rgb, i * 3, i * 3 + 3, (byte) values[i]);
        }
        return new RgbImage(values.length, 1, rgb);
    }

    private static int[] row(RgbImage image) {
        int[] out = new int[image.width()];
        for (int x = 0; x < out.length; x++) {
            out[x] = image.sample(x, 0, 0);
            assertEquals(out[x], image.sample(x, 0, 2), "grey stays grey");
        }
        return out;
    }

    static Stream<String> originals() {
        return SharedImages.ORIGINALS.stream();
    }

    /** The written list of photos is the directory's, so no photo goes unchecked. */
    @Test
    void everyOriginalPhotoIsListed() throws IOException {
        try (Stream<Path> files = Files.list(SharedImages.require("original"))) {
            assertEquals(SharedImages.ORIGINALS, files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /**
     * The full-size photos, through our loader, crop and resize, against the 224x224 inputs that
     * Pillow made from them: PNG sources must match exactly. JPEG sources match exactly too with
     * Temurin 25's bundled libjpeg, but a JDK built against another libjpeg may round its IDCT or
     * chroma upsampling differently, so they are allowed a level or two.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("originals")
    void reproducesThePillowReferenceInputs(String name) {
        RgbImage ours = keras.fit(new ImageLoader().load(SharedImages.require("original/" + name)));
        RgbImage reference = new ImageLoader().load(SharedImages.require("224/" + name.replaceAll("\\.jpg$", ".png")));
        int worst = 0;
        long total = 0;
        for (int i = 0; i < ours.rgb().length; i++) {
            int d = Math.abs((ours.rgb()[i] & 0xFF) - (reference.rgb()[i] & 0xFF));
            worst = Math.max(worst, d);
            total += d;
        }
        double mean = total / (double) ours.rgb().length;
        if (name.endsWith(".png")) {
            assertEquals(0, worst, name + ": max |diff| " + worst + ", mean " + mean);
        } else {
            assertTrue(mean < 0.5 && worst <= 8, name + ": max |diff| " + worst + ", mean " + mean);
        }
    }
}
