package dev.vinfer.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * Entry point of the {@code vinfer} command. Exit codes: 0 success, 1 failure (bad input file,
 * unusable backend, ...), 2 usage error. Failures print one line on stderr; {@code --verbose} adds
 * the stack trace. The commands themselves are listed in {@link VinferCommand}.
 */
public final class Main {

    public static void main(String[] argv) {
        int code = new Main().run(List.of(argv), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    int run(List<String> argv, PrintStream out, PrintStream err) {
        VinferCommand root = new VinferCommand(out, err);
        Failures failures = new Failures(err, root::verbose);
        try {
            return root.commandLine(failures, argv).execute(argv.toArray(String[]::new));
        } catch (Error e) { // picocli hands on only Exceptions; out-of-memory still gets its one line
            return failures.handleError(e);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
