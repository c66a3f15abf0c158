package dev.vinfer.mobilenet.safetensors;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.mobilenet.SeedCheckpointProvider;
import dev.vinfer.spi.ModelLoadException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Coverage-guided fuzzing (Jazzer) of the safetensors reader and of the seed checkpoint provider
 * on top of it. A malformed file may only raise {@link ModelLoadException}, with a one-line message
 * starting with the file name; any other exception, or one input running past the {@code @Timeout},
 * is a finding. Seeds live in {@code SafetensorsFuzzTestInputs/<method>/}; {@code mvn verify}
 * replays them, {@code JAZZER_FUZZ=1} fuzzes one method (select it with {@code -Dtest=Class#method}).
 */
class SafetensorsFuzzTest {
    private static Path dir;
    private static Path file;

    @BeforeAll
    static void createFile() throws IOException {
        dir = Files.createTempDirectory("vinfer-safetensors-fuzz");
        file = dir.resolve("model.safetensors");
    }

    @AfterAll
    static void deleteFile() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "15s")
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void safetensorsFile(byte[] data) throws IOException {
        Files.write(file, data);
        try {
            SafetensorsFile st = SafetensorsFile.open(file);
            long total = 0;
            for (TensorEntry e : st.tensors().values()) {
                total += e.end() - e.begin();
                if (e.dtype().isFloat()) {
                    float[] values = st.readFloats(e.name());
                    if (values.length != e.elementCount()) {
                        throw new AssertionError(e.name() + ": " + values.length + " values for shape " + e.shapeText());
                    }
                }
            }
            if (total > data.length) {
                throw new AssertionError("tensors claim " + total + " bytes of a " + data.length + "-byte file");
            }
        } catch (ModelLoadException expected) {
            checkMessage(expected);
        }
    }

    @FuzzTest(maxDuration = "15s")
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void seedCheckpoint(byte[] data) throws IOException {
        Files.write(file, data);
        try {
            NetworkDefinition network = new SeedCheckpointProvider().loadDefinition(file);
            if (network.classCount() < 1 || network.layers().isEmpty()) {
                throw new AssertionError("loaded an empty network: " + network.name());
            }
        } catch (ModelLoadException expected) {
            checkMessage(expected);
        }
    }

    private static void checkMessage(ModelLoadException e) {
        String m = e.getMessage();
        if (!m.startsWith(file.toString()) || m.contains("\n") || m.contains("\r") || m.length() > 1000) {
            throw new AssertionError("not a one-line message naming the file: " + m);
        }
    }
}
