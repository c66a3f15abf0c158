package dev.vinfer.simd;

import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.mobilenet.MobileNetV1;
import dev.vinfer.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM without the incubator module (every jar on the class path, no {@code --add-modules}) must
 * still run: SimdBackend reports itself unusable without touching a vector class, the engine picks
 * the scalar reference, its log line carries the {@code --add-modules jdk.incubator.vector} hint,
 * and the results are exactly the scalar ones.
 */
class ScalarFallbackTest {

    static NetworkDefinition network() {
        return MobileNetV1.synthetic(0.25, 64, 10, 4);
    }

    static Tensor input() {
        return MobileNetAgreementTest.image(1, 64, 8);
    }

    @Test
    void forkedJvmWithoutTheVectorModuleFallsBackToScalar() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), NoVectorModuleMain.class.getName()));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "forked JVM hung");
        assertEquals(0, process.exitValue(), "forked JVM failed:\n" + stdout + stderr);

        assertTrue(stdout.contains("backend=scalar"), stdout);
        String logLine = stderr.lines().filter(l -> l.contains("vinfer: backend scalar")).findFirst().orElse("");
        assertTrue(logLine.contains("simd: ") && logLine.contains("--add-modules jdk.incubator.vector"),
                "the selection log must say why simd was skipped and how to fix it:\n" + stderr);

        float[] expected;
        try (Model scalar = Vinfer.compile(network(), ModelOptions.defaults().withBackend("scalar").withThreads(1))) {
            expected = scalar.predict(input()).allLogits();
        }
        assertTrue(stdout.contains("logits=" + Arrays.toString(expected)), "fallback results differ from scalar:\n" + stdout);
    }

    /** Everything this test JVM has, module path included, flattened into one class path. */
    private static String classPath() throws Exception {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(Path.of(NoVectorModuleMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property, "");
            for (String entry : value.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(entry);
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
