package dev.vinfer.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vinfer.api.VinferException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Coverage-guided fuzzing of {@link Npy#read} with Jazzer. The only exception a malformed file may
 * raise is {@link VinferException} (whose message names the file); anything else escaping, or one
 * input taking longer than the {@code @Timeout}, is a finding. Seeds: {@code NpyFuzzTestInputs/}.
 *
 * <p>{@code mvn verify} replays the seeds and any saved findings; {@code JAZZER_FUZZ=1} fuzzes for
 * {@code maxDuration}. See SECURITY.md for the long-run command.
 */
class NpyFuzzTest {
    private static Path dir;
    private static Path file;

    @BeforeAll
    static void createFile() throws IOException {
        dir = Files.createTempDirectory("vinfer-npy-fuzz");
        file = dir.resolve("input.npy");
    }

    @AfterAll
    static void deleteFile() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "15s")
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void readNeverThrowsAnythingButVinferException(byte[] data) throws IOException {
        Files.write(file, data);
        try {
            NpyArray array = Npy.read(file);
            long count = 1;
            for (int d : array.shape()) {
                count *= d;
            }
            if (count != array.data().length || 10L + 4L * count > data.length) {
                throw new AssertionError("shape " + array.shapeText() + " does not match " + array.data().length
                        + " floats from a file of " + data.length + " bytes");
            }
        } catch (VinferException expected) {
            if (!expected.getMessage().startsWith(file.toString()) || expected.getMessage().contains("\n")) {
                throw new AssertionError("error message does not start with the file or spans lines: " + expected.getMessage());
            }
        }
    }
}
