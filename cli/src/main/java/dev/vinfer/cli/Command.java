package dev.vinfer.cli;

import java.io.PrintStream;
import java.util.Set;

/** One {@code vinfer} subcommand. */
public interface Command {

    String name();

    /** One line for {@code vinfer --help}. */
    String summary();

    /** The full {@code --help} text of the command. */
    String help();

    /** Options that take a value. */
    Set<String> valuedOptions();

    /** Options that take none. */
    default Set<String> flags() {
        return Set.of();
    }

    /** Runs the command; returns the exit code. Throws {@link UsageException} for misuse. */
    int run(Args args, PrintStream out, PrintStream err) throws Exception;
}
