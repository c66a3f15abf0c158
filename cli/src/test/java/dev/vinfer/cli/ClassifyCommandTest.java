package dev.vinfer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import static dev.vinfer.cli.CliTest.MODEL;
import static dev.vinfer.cli.CliTest.vinfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** classify on pictures made by the test: directories, bad files, JSON, labels. */
class ClassifyCommandTest {
    @TempDir
    Path dir;

    Path picture(String name, int w, int h, int rgb) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb ^ (x * 7 + y * 13));
            }
        }
        Path file = dir.resolve(name);
        ImageIO.write(img, name.substring(name.lastIndexOf('.') + 1), file.toFile());
        return file;
    }

    @Test
    void aBrokenPictureIsReportedAndSkippedAndTheRunGoesOn() throws Exception {
        picture("a.png", 300, 200, 0x336699);
        picture("b.jpg", 64, 96, 0x996633);
        Files.writeString(dir.resolve("c.jpg"), "this is not a jpeg");
        Files.writeString(dir.resolve("notes.txt"), "ignored: not a picture extension");
        CliTest.Run r = vinfer("classify", "--model", MODEL, "--top", "2", dir.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("a.png") && r.out().contains("b.jpg"), r.out());
        assertTrue(r.err().contains("c.jpg") && r.err().contains("1 of 3 images"), r.err());
        assertTrue(!r.out().contains("notes.txt") && !r.err().contains("notes.txt"));
    }

    @Test
    void jsonHasScoresTimingsAndLabels() throws Exception {
        Path a = picture("a.bmp", 50, 40, 0x123456);
        Path labels = dir.resolve("labels.txt");
        Files.writeString(labels, String.join("\n", IntStream.range(0, 10).mapToObj(i -> "class " + i).toList()) + "\n");
        CliTest.Run r = vinfer("classify", "--model", MODEL, "--json", "--labels", labels.toString(), "--top", "3", a.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonNode top = doc.get("images").get(0).get("top");
        assertEquals(3, top.size());
        assertTrue(top.get(0).get("label").asText().startsWith("class "));
        assertTrue(top.get(0).get("probability").asDouble() >= top.get(1).get("probability").asDouble());
        assertTrue(doc.get("images").get(0).get("timings").get("inferenceMs").asDouble() > 0);
        assertEquals(0, doc.get("failed").asInt());
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        Path a = picture("a.png", 8, 8, 0);
        CliTest.assertUsage(vinfer("classify", "--model", MODEL, "--top", "0", a.toString()), "--top must be between 1");
        CliTest.assertUsage(vinfer("classify", "--model", MODEL, "--top", "11", a.toString()), "more than the model's 10 classes");
        CliTest.assertUsage(vinfer("classify", "--model", MODEL), "at least one image");
        Path badLabels = dir.resolve("three.txt");
        Files.writeString(badLabels, "a\nb\nc\n");
        CliTest.assertFailure(vinfer("classify", "--model", MODEL, "--labels", badLabels.toString(), a.toString()), "has 3 labels but the model has 10 classes");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        CliTest.assertFailure(vinfer("classify", "--model", MODEL, empty.toString()), "no images found");
    }
}
