package dev.vinfer.image;

import dev.vinfer.api.ClassScore;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.api.VinferException;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.graph.Preprocessing;
import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.Dense;
import dev.vinfer.ops.GlobalAveragePool;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ImageClassifier on a network whose answer is known by construction: the average colour goes
 * straight to three classes, so a red picture is "red". The real MobileNet on real photos is checked
 * in model-mobilenet (ImageClassifierPhotoTest).
 */
class ImageClassifierTest {
    private static Model model;

    /** Global average pool of the normalised RGB, then identity dense: logits = mean colour in [-1, 1]. */
    static NetworkDefinition colourNetwork() {
        var dense = new Dense("colour", 3, 3, Clamp.NONE, new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new float[3]);
        return new NetworkDefinition("colour", TensorShape.image(4, 4, 3), List.of(new GlobalAveragePool("pool"), dense),
                List.of("red", "green", "blue"), Preprocessing.MINUS_ONE_TO_ONE);
    }

    @BeforeAll
    static void load() {
        model = Vinfer.compile(colourNetwork(), ModelOptions.defaults().withBackend("scalar").withThreads(1));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static BufferedImage solid(int rgb, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void classifiesAFileAStreamAndAnImage(@TempDir Path dir) throws IOException {
        ImageClassifier classifier = new ImageClassifier(model);
        Path red = dir.resolve("red.png");
        ImageIO.write(solid(0xFF0000, 30, 20), "png", red.toFile());
        List<ClassScore> fromFile = classifier.classify(red);
        assertEquals(List.of("red", "green", "blue"), fromFile.stream().map(ClassScore::label).toList(),
                "all three classes (fewer than the default 5), best first");
        // logits (1, -1, -1): softmax gives e^1 / (e^1 + 2 e^-1)
        assertEquals(Math.E / (Math.E + 2 / Math.E), fromFile.getFirst().probability(), 1e-6);
        assertEquals(1f, fromFile.getFirst().logit(), 1e-6);

        assertEquals("green", classifier.classify(new ByteArrayInputStream(png(solid(0x00FF00, 8, 8)))).getFirst().label());
        assertEquals("blue", classifier.classify(solid(0x0000FF, 5, 9)).getFirst().label());
    }

    @Test
    void aListIsOneBatchInOrder(@TempDir Path dir) throws IOException {
        ImageClassifier top1 = new ImageClassifier(model).withTopK(1);
        List<BufferedImage> images = List.of(solid(0x0000FF, 4, 4), solid(0xFF0000, 7, 3), solid(0x00FF00, 2, 2));
        assertEquals(List.of("blue", "red", "green"), labels(top1.classifyImages(images)));

        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.bmp");
        ImageIO.write(images.get(1), "png", a.toFile());
        ImageIO.write(images.get(2), "bmp", b.toFile());
        assertEquals(List.of("red", "green"), labels(top1.classifyFiles(List.of(a, b))));

        List<InputStream> streams = List.of(new ByteArrayInputStream(png(images.get(2))), new ByteArrayInputStream(png(images.get(0))));
        List<List<ClassScore>> results = top1.classifyStreams(streams);
        assertEquals(List.of("green", "blue"), labels(results));
        assertEquals(1, results.getFirst().size());
    }

    @Test
    void problemsAreOneLineErrorsNamingThePicture(@TempDir Path dir) {
        ImageClassifier classifier = new ImageClassifier(model);
        Path missing = dir.resolve("missing.png");
        assertEquals(missing + ": no such file", assertThrows(VinferException.class, () -> classifier.classify(missing)).getMessage());
        VinferException notAPicture = assertThrows(VinferException.class,
                () -> classifier.classify(new ByteArrayInputStream("hello".getBytes()), "upload.jpg"));
        assertTrue(notAPicture.getMessage().startsWith("upload.jpg: not an image format"), notAPicture.getMessage());
        assertTrue(assertThrows(VinferException.class, () -> classifier.classifyStreams(
                List.of(new ByteArrayInputStream(new byte[0])))).getMessage().startsWith("<stream 0>: "));
        assertThrows(VinferException.class, () -> classifier.withTopK(4));
        assertThrows(VinferException.class, () -> classifier.withTopK(0));
        assertThrows(VinferException.class, () -> classifier.classifyImages(List.of()));
        VinferException tooBig = assertThrows(VinferException.class, () -> classifier.withLoader(new ImageLoader(10))
                .classify(new ByteArrayInputStream(png(solid(0, 4, 4))), "big.png"));
        assertTrue(tooBig.getMessage().startsWith("big.png: PNG header declares 4x4"), tooBig.getMessage());
    }

    @Test
    void aClosedModelSaysSo() {
        Model closed = Vinfer.compile(colourNetwork(), ModelOptions.defaults().withBackend("scalar").withThreads(1));
        ImageClassifier classifier = new ImageClassifier(closed);
        closed.close();
        assertTrue(assertThrows(VinferException.class, () -> classifier.classify(solid(0, 4, 4))).getMessage()
                .startsWith("model closed"));
    }

    private static List<String> labels(List<List<ClassScore>> results) {
        return results.stream().map(r -> r.getFirst().label()).toList();
    }
}
