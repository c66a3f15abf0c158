package dev.vinfer.onnx;

import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.io.Npy;
import dev.vinfer.io.NpyArray;
import dev.vinfer.tensor.NdArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Models exported from PyTorch with {@code torch.onnx.export} ({@code tools/fixtures/make_onnx_fixtures.py}:
 * the ResNet-18 topology and MobileNet V2 (narrowed), the seed MobileNet V1, ShuffleNet V2 and small graphs isolating one
 * operator or attribute) run through {@code Vinfer.load} and {@code Model.run} and must match PyTorch's
 * float64 outputs within each case's tolerance, which the fixtures' README table records (30x PyTorch's
 * own float32 error). Every case runs at batch 1 and, where there is one, batch 2, on every backend.
 */
class TorchFixtureAgreementTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/torch");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z0-9_]+)` \\|.*\\| ([0-9.e+-]+) \\|$");

    static List<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String line : Files.readAllLines(FIXTURES.resolve("README.md"))) {
            Matcher m = TABLE_ROW.matcher(line);
            if (m.matches()) {
                for (String backend : List.of("scalar", "simd")) {
                    cases.add(Arguments.of(m.group(1), Double.parseDouble(m.group(2)), backend));
                }
            }
        }
        assertFalse(cases.isEmpty(), "no cases found in the table of " + FIXTURES.resolve("README.md"));
        return cases;
    }

    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("cases")
    void matchesPyTorch(String name, double atol, String backend) {
        try (Model model = Vinfer.load(FIXTURES.resolve(name + ".onnx"), ModelOptions.defaults().withBackend(backend).withThreads(2))) {
            check(model, name, "input", "expected", atol);
            if (Files.exists(FIXTURES.resolve(name + ".input_b2.npy"))) {
                check(model, name, "input_b2", "expected_b2", atol);
            }
        }
    }

    private static void check(Model model, String name, String input, String expected, double atol) {
        NpyArray x = Npy.read(FIXTURES.resolve(name + "." + input + ".npy"));
        NpyArray y = Npy.read(FIXTURES.resolve(name + "." + expected + ".npy"));
        NdArray out = model.run(NdArray.wrap(x.shape(), x.data()));
        assertArrayEquals(y.shape(), out.shape(), name + " " + input + ": output shape");
        float[] want = y.data();
        float[] got = out.data();
        assertEquals(want.length, got.length);
        double worst = 0;
        int worstAt = 0;
        for (int i = 0; i < want.length; i++) {
            double diff = Math.abs((double) want[i] - got[i]);
            if (!(diff <= worst)) {
                worst = diff;
                worstAt = i;
            }
        }
        if (!(worst <= atol)) {
            fail(name + " " + input + ": max |diff| " + worst + " > " + atol + " at element " + worstAt
                    + " (expected " + want[worstAt] + ", got " + got[worstAt] + ")");
        }
    }
}
