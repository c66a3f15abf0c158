package dev.vinfer.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs the {@code vinfer} command in this JVM (its {@code Main.run} is package-private, hence this
 * helper in the command's package; on the class path the split package is fine).
 */
public final class InProcessCli {
    /** Exit code, stdout and stderr of one run. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private InProcessCli() {
    }

    public static Result run(List<String> arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new Main().run(arguments, o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
