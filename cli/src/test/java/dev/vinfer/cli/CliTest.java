package dev.vinfer.cli;

import dev.vinfer.io.Npy;
import dev.vinfer.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI end to end, in process: outputs, exit codes and one-line errors. */
class CliTest {
    static final Path FIXTURES = Path.of("../model-mobilenet/src/test/resources/fixtures/seed").toAbsolutePath().normalize();
    static final String MODEL = FIXTURES.resolve("seed_a025_c10_224_b2.safetensors").toString();
    static final String INPUT_NCHW = FIXTURES.resolve("seed_a025_c10_224_b2.input_nchw.npy").toString();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run vinfer(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void predictMatchesPyTorchForNchwAndNhwcInput() {
        Path probs = dir.resolve("p.npy");
        Run r = vinfer("predict", "--model", MODEL, "--input", INPUT_NCHW, "--layout", "nchw", "--output", probs.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertClose(Npy.read(FIXTURES.resolve("seed_a025_c10_224_b2.probs.npy")), Npy.read(probs), 1e-4f);

        // The same batch as NHWC, written by the test, with --logits.
        NpyArray nchw = Npy.read(Path.of(INPUT_NCHW));
        int n = nchw.dim(0), c = nchw.dim(1), h = nchw.dim(2), w = nchw.dim(3);
        float[] nhwc = dev.vinfer.tensor.Tensor.fromNchw(n, c, h, w, nchw.data()).toArray();
        Path input = dir.resolve("x_nhwc.npy");
        Npy.write(input, new NpyArray(new int[] {n, h, w, c}, nhwc));
        Path logits = dir.resolve("l.npy");
        r = vinfer("predict", "--model", MODEL, "--input", input.toString(), "--output", logits.toString(), "--logits");
        assertEquals(0, r.code(), r.err());
        assertClose(Npy.read(FIXTURES.resolve("seed_a025_c10_224_b2.logits.npy")), Npy.read(logits), 1e-3f);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertUsage(vinfer("predict", "--input", INPUT_NCHW, "--output", "x.npy"), "missing required option --model");
        assertUsage(vinfer("predict", "--model", MODEL, "--input", INPUT_NCHW, "--output", "x.npy", "--frobnicate"), "unknown option --frobnicate");
        assertUsage(vinfer("predict", "--model", MODEL, "--input", INPUT_NCHW, "--output", "x.npy", "--threads", "-3"), "--threads must be between 1");
        assertUsage(vinfer("predict", "--model", MODEL, "--input", INPUT_NCHW, "--output", "x.npy", "--threads", "many"), "whole number");
        assertUsage(vinfer("predict", "--model", MODEL, "--input", INPUT_NCHW, "--output", "x.npy", "--layout", "hwcn"), "nhwc, nchw");
        assertEquals(2, vinfer("teleport").code());
        assertEquals(2, vinfer().code());
    }

    @Test
    void failuresExitWithOneAndOneLineNamingTheFile() {
        String out = dir.resolve("y.npy").toString();
        assertFailure(vinfer("predict", "--model", MODEL, "--input", dir.resolve("none.npy").toString(), "--output", out), "none.npy: no such file");
        assertFailure(vinfer("predict", "--model", MODEL, "--input", INPUT_NCHW, "--output", INPUT_NCHW, "--layout", "nchw"), "would overwrite the input");
        assertFailure(vinfer("predict", "--model", MODEL, "--input", INPUT_NCHW, "--output", out), "is --layout right?"); // NCHW read as NHWC: 224 channels
        assertFailure(vinfer("predict", "--model", MODEL, "--input", INPUT_NCHW, "--layout", "nchw", "--output", out, "--backend", "quantum"), "unknown backend 'quantum'");
        assertFailure(vinfer("predict", "--model", MODEL, "--input", INPUT_NCHW, "--layout", "nchw", "--output", dir.resolve("no/such/dir/y.npy").toString()), "does not exist");
        assertFalse(Files.exists(Path.of(out)), "no partial output after a failure");
    }

    @Test
    void infoBackendsHelpAndVersion() {
        Run info = vinfer("info", "--model", MODEL);
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("conv_pw_13") && info.out().contains("total: 40.8 M multiply-adds"), info.out());
        Run backends = vinfer("backends");
        assertEquals(0, backends.code());
        assertTrue(backends.out().contains("scalar") && backends.out().contains("default:"), backends.out());
        Run help = vinfer("predict", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--layout"));
        assertTrue(vinfer("--version").out().startsWith("vinfer "));
    }

    static void assertUsage(Run r, String fragment) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(fragment), r.err());
    }

    static void assertFailure(Run r, String fragment) {
        assertEquals(1, r.code(), r.err());
        List<String> errorLines = r.err().lines().filter(l -> l.startsWith("vinfer:") && !l.startsWith("vinfer: backend")).toList();
        assertEquals(1, errorLines.size(), r.err());
        assertTrue(errorLines.getFirst().contains(fragment), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    static void assertClose(NpyArray expected, NpyArray actual, float tolerance) {
        assertEquals(expected.shapeText(), actual.shapeText());
        for (int i = 0; i < expected.data().length; i++) {
            assertEquals(expected.data()[i], actual.data()[i], tolerance, "element " + i);
        }
    }
}
