package dev.vinfer.cli;

import dev.vinfer.io.Npy;
import dev.vinfer.io.NpyArray;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.vinfer.cli.CliTest.MODEL;
import static dev.vinfer.cli.CliTest.vinfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way a user (or a downloaded file) can hand the CLI something broken, run in process: exit
 * code 1 with exactly one {@code vinfer:} line naming the file (2 with a usage message for bad
 * options), no stack trace without --verbose, no hang, and no output file or temp file left behind.
 */
@Timeout(120)
class HostileCliCorpusTest {
    @TempDir
    Path dir;
    private Path input;
    private Path image;
    private Path out;

    @BeforeEach
    void files() throws IOException {
        input = dir.resolve("x.npy");
        Npy.write(input, new NpyArray(new int[] {1, 32, 32, 3}, new float[32 * 32 * 3]));
        image = dir.resolve("photo.png");
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        out = dir.resolve("y.npy");
    }

    private String[] predict(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("predict", "--model", MODEL, "--input", input.toString(),
                "--output", out.toString(), "--threads", "1"));
        args.addAll(Arrays.asList(extra));
        return args.toArray(String[]::new);
    }

    private static String[] replace(String[] args, String option, String value) {
        String[] copy = args.clone();
        for (int i = 0; i < copy.length - 1; i++) {
            if (copy[i].equals(option)) {
                copy[i + 1] = value;
                return copy;
            }
        }
        throw new IllegalArgumentException(option);
    }

    @Test
    void theBaselineWorks() {
        CliTest.Run r = vinfer(predict());
        assertEquals(0, r.code(), r.err());
        assertEquals(10, Npy.read(out).dim(1));
    }

    @Test
    void brokenModelFiles() throws IOException {
        Path missing = dir.resolve("missing.safetensors");
        fails(vinfer(replace(predict(), "--model", missing.toString())), missing, "no such file or directory");
        Path empty = Files.createDirectory(dir.resolve("empty-model"));
        fails(vinfer(replace(predict(), "--model", empty.toString())), empty, "not a model format vinfer recognises");
        byte[] good = Files.readAllBytes(Path.of(MODEL));
        Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(good, good.length / 2));
        fails(vinfer(replace(predict(), "--model", cut.toString())), cut, "lie outside the data section");
        byte[] lying = good.clone();
        ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE);
        Path header = Files.write(dir.resolve("lying.safetensors"), lying);
        fails(vinfer(replace(predict(), "--model", header.toString())), header, "header length 9223372036854775807 is impossible");
        Path zero = Files.write(dir.resolve("zero.safetensors"), new byte[0]);
        fails(vinfer(replace(predict(), "--model", zero.toString())), zero, "only 0 bytes");
        Path tfjs = Files.createDirectory(dir.resolve("tfjs"));
        Files.writeString(tfjs.resolve("model.json"), "{\"modelTopology\": {\"class_name\": \"Model\", \"config\": {\"layers\": [");
        fails(vinfer(replace(predict(), "--model", tfjs.toString())), tfjs.resolve("model.json"), "not valid JSON");
        fails(vinfer("info", "--model", cut.toString()), cut, "lie outside the data section");
        fails(vinfer("classify", "--model", cut.toString(), image.toString()), cut, "lie outside the data section");
    }

    @Test
    void brokenInputArrays() throws IOException {
        Path missing = dir.resolve("none.npy");
        fails(vinfer(replace(predict(), "--input", missing.toString())), missing, "no such file");
        Path folder = Files.createDirectory(dir.resolve("folder.npy"));
        fails(vinfer(replace(predict(), "--input", folder.toString())), folder, "is a directory, expected a .npy file");
        Path text = Files.writeString(dir.resolve("text.npy"), "not numpy");
        fails(vinfer(replace(predict(), "--input", text.toString())), text, "bad magic");
        byte[] good = Files.readAllBytes(input);
        Path cut = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(good, good.length - 4));
        fails(vinfer(replace(predict(), "--input", cut.toString())), cut, "(truncated)");
        Path flat = dir.resolve("flat.npy");
        Npy.write(flat, new NpyArray(new int[] {3, 4}, new float[12]));
        fails(vinfer(replace(predict(), "--input", flat.toString())), flat, "is not a 4-D image batch");
        Path grey = dir.resolve("grey.npy");
        Npy.write(grey, new NpyArray(new int[] {1, 32, 32, 1}, new float[32 * 32]));
        fails(vinfer(replace(predict(), "--input", grey.toString())), grey, "has 1 channels");
        Path empty = dir.resolve("empty.npy");
        Npy.write(empty, new NpyArray(new int[] {0, 32, 32, 3}, new float[0]));
        fails(vinfer(replace(predict(), "--input", empty.toString())), empty, "is empty");
    }

    @Test
    void brokenImages() throws IOException {
        String[] base = {"predict", "--model", MODEL, "--image", image.toString(), "--output", out.toString()};
        Path folder = Files.createDirectory(dir.resolve("folder.png"));
        fails(vinfer(replace(base, "--image", folder.toString())), folder, "is a directory, expected an image file");
        Path zero = Files.write(dir.resolve("zero.jpg"), new byte[0]);
        fails(vinfer(replace(base, "--image", zero.toString())), zero, "empty file");
        Path text = Files.writeString(dir.resolve("text.gif"), "GIF? no");
        fails(vinfer(replace(base, "--image", text.toString())), text, "");
        byte[] png = Files.readAllBytes(image);
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        fails(vinfer(replace(base, "--image", cut.toString())), cut, "damaged");
        // classify: the same broken pictures are reported one line each and skipped.
        CliTest.Run r = vinfer("classify", "--model", MODEL, cut.toString());
        fails(r, cut, "damaged");
    }

    @Test
    void badOutputPaths() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("out-dir"));
        fails(vinfer(replace(predict(), "--output", folder.toString())), folder, "is a directory, expected an output file name");
        Path nowhere = dir.resolve("no/such/dir/y.npy");
        fails(vinfer(replace(predict(), "--output", nowhere.toString())), nowhere, "does not exist");
        fails(vinfer(replace(predict(), "--output", input.toString())), input, "would overwrite the input");
        fails(vinfer(replace(predict(), "--output", MODEL)), Path.of(MODEL), "would overwrite the input");
        Path link = dir.resolve("link.npy");
        Files.createSymbolicLink(link, input);
        fails(vinfer(replace(predict(), "--output", link.toString())), link, "would overwrite the input");
        // /proc takes no new files, even for root: the write itself fails, cleanly.
        Path proc = Path.of("/proc/vinfer-test-output.npy");
        if (Files.isDirectory(Path.of("/proc"))) {
            CliTest.Run r = vinfer(replace(predict(), "--output", proc.toString()));
            assertEquals(1, r.code(), r.err());
            oneErrorLine(r, proc.toString());
        }
        assertNoLeftovers();
    }

    @Test
    void badOptionsAreUsageErrors() {
        for (String threads : new String[] {"0", "-1", "257", "100000000000", "two", ""}) {
            usage(vinfer(replace(predict(), "--threads", threads)), "--threads");
        }
        usage(vinfer(replace(predict(), "--output", "")), "--output needs a file name");
        usage(vinfer(replace(predict(), "--output", "y\0.npy")), "is not a valid path");
        usage(vinfer(replace(predict(), "--model", "m\0.safetensors")), "is not a valid path");
        usage(vinfer(predict("--layout", "chwn")), "--layout must be one of");
        usage(vinfer("classify", "--model", MODEL, "--top", "0", image.toString()), "--top must be between 1");
        usage(vinfer("classify", "--model", MODEL, "--top", "-5", image.toString()), "--top must be between 1");
        usage(vinfer("classify", "--model", MODEL, "--top", "11", image.toString()), "more than the model's 10 classes");
        usage(vinfer("info", "--model", MODEL, "--input-size", "0"), "--input-size must be");
        usage(vinfer("info", "--model", MODEL, "--input-size", "99999x2"), "--input-size must be");
        assertNoLeftovers();
    }

    @Test
    void unknownBackend() {
        CliTest.Run r = vinfer(predict("--backend", "quantum"));
        assertEquals(1, r.code(), r.err());
        oneErrorLine(r, "unknown backend 'quantum'");
    }

    @Test
    void brokenLabelFiles() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("labels-dir"));
        fails(vinfer("classify", "--model", MODEL, "--labels", folder.toString(), image.toString()), folder, "is a directory");
        Path binary = Files.write(dir.resolve("labels.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0x80, '\n'});
        fails(vinfer("classify", "--model", MODEL, "--labels", binary.toString(), image.toString()), binary, "not UTF-8 text");
        Path missing = dir.resolve("nolabels.txt");
        fails(vinfer("classify", "--model", MODEL, "--labels", missing.toString(), image.toString()), missing, "no such file");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Path missing = dir.resolve("none.npy");
        CliTest.Run r = vinfer(replace(predict("--verbose"), "--input", missing.toString()));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("\tat "), "stack trace with --verbose: " + r.err());
    }

    /** Exit 1, one vinfer: line naming {@code file} and containing {@code fragment}, no stack trace, no output. */
    private void fails(CliTest.Run r, Path file, String fragment) {
        assertEquals(1, r.code(), r.err());
        String line = oneErrorLine(r, file.toString());
        assertTrue(line.contains(fragment), "expected '" + fragment + "' in: " + line);
        assertFalse(Files.exists(out), "no output file after a failure");
        assertNoLeftovers();
    }

    private static String oneErrorLine(CliTest.Run r, String fragment) {
        List<String> lines = r.err().lines().filter(l -> l.startsWith("vinfer:") && !l.startsWith("vinfer: backend")).toList();
        assertEquals(1, lines.size(), "exactly one error line: " + r.err());
        assertTrue(lines.getFirst().contains(fragment), "expected '" + fragment + "' in: " + lines.getFirst());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        return lines.getFirst();
    }

    private static void usage(CliTest.Run r, String fragment) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(fragment), "expected '" + fragment + "' in: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    private void assertNoLeftovers() {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> temps = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertTrue(temps.isEmpty(), "temp files left behind: " + temps);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
