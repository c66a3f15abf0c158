package dev.vinfer.cli;

import dev.vinfer.io.Npy;
import dev.vinfer.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.vinfer.cli.CliTest.vinfer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vinfer run} reproduces the PyTorch fixtures of ResNet-18 and MobileNet V2 exported to ONNX
 * (tensors in the model's own NCHW layout, batch 1 and 2), and names what is wrong with its options.
 */
class RunCommandTest {
    static final Path TORCH = Path.of("../model-onnx/src/test/resources/fixtures/torch").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void reproducesThePyTorchFixtures() {
        check("resnet18", "input", "expected", 5e-4, "--input", "NAME=");
        check("resnet18", "input_b2", "expected_b2", 5e-4, "--input", "");
        check("mobilenet_v2", "input", "expected", 2e-3, "--input", "");
        check("mobilenet_v2", "input_b2", "expected_b2", 2e-3, "--input", "NAME=");
    }

    /** Runs one fixture; {@code prefix} empty passes a bare FILE, else {@code input=FILE}. */
    private void check(String name, String input, String expected, double atol, String flag, String prefix) {
        Path out = dir.resolve(name + "." + input + ".out.npy");
        String in = TORCH.resolve(name + "." + input + ".npy").toString();
        CliTest.Run r = vinfer("run", "--model", TORCH.resolve(name + ".onnx").toString(),
                flag, prefix.isEmpty() ? in : "input=" + in, "--output", "output=" + out, "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("wrote " + out), r.err());
        NpyArray want = Npy.read(TORCH.resolve(name + "." + expected + ".npy"));
        NpyArray got = Npy.read(out);
        assertArrayEquals(want.shape(), got.shape());
        for (int i = 0; i < want.data().length; i++) {
            assertEquals(want.data()[i], got.data()[i], atol, name + " " + input + " element " + i);
        }
    }

    @Test
    void wrongNamesAndShapesAreOneLineErrors() throws Exception {
        String model = TORCH.resolve("resnet18.onnx").toString();
        String in = TORCH.resolve("resnet18.input.npy").toString();
        Path out = dir.resolve("o.npy");
        CliTest.Run r = vinfer("run", "--model", model, "--input", in, "--output", "logits=" + out);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("names no output of the model; its outputs are output"), r.err());
        r = vinfer("run", "--model", model, "--output", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--input"), r.err());
        Path wrongShape = dir.resolve("wrong.npy");
        Npy.write(wrongShape, new NpyArray(new int[] {1, 4, 64, 64}, new float[4 * 64 * 64]));
        r = vinfer("run", "--model", model, "--input", wrongShape.toString(), "--output", out.toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("wrong.npy") && r.err().contains("the model declares [?, 3, 64, 64]"), r.err());
        assertFalse(Files.exists(out), "no output is written when the run fails");
    }
}
