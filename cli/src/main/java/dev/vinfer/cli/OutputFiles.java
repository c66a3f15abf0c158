package dev.vinfer.cli;

import dev.vinfer.api.VinferException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks made on an output path before any slow work, so a run never fails at its very end. */
public final class OutputFiles {
    private OutputFiles() {
    }

    /** The output's folder must exist and be writable, and the output must not be one of the inputs. */
    public static void checkWritable(Path output, Path... inputs) {
        Path absolute = output.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new VinferException(output + ": is a directory, expected an output file name");
        }
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new VinferException(output + ": folder " + dir + " does not exist");
        }
        if (!Files.isWritable(dir) || (Files.exists(absolute) && !Files.isWritable(absolute))) {
            throw new VinferException(output + ": not writable");
        }
        for (Path input : inputs) {
            if (input != null && sameFile(absolute, input)) {
                throw new VinferException(output + ": would overwrite the input " + input);
            }
            if (input != null && Files.isDirectory(input) && Files.exists(absolute) && inside(absolute, input)) {
                throw new VinferException(output + ": would overwrite a file of the input directory " + input);
            }
        }
    }

    /**
     * An input file that must exist and be a regular file (not a directory, FIFO or device, which
     * would make the reader fail late, hang or read forever); checked before the slow model load.
     */
    static void checkReadable(Path input, String expected) {
        if (!Files.exists(input)) {
            throw new VinferException(input + ": no such file");
        }
        if (Files.isDirectory(input)) {
            throw new VinferException(input + ": is a directory, expected " + expected);
        }
        if (!Files.isRegularFile(input)) {
            throw new VinferException(input + ": not a regular file, expected " + expected);
        }
        if (!Files.isReadable(input)) {
            throw new VinferException(input + ": not readable");
        }
    }

    private static boolean inside(Path file, Path directory) {
        try {
            return file.toRealPath().startsWith(directory.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException ignored) {
            // fall through to the textual comparison
        }
        return a.equals(b.toAbsolutePath().normalize());
    }
}
