package dev.vinfer.cli;

import dev.vinfer.cli.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The {@code vinfer} command: global options and the list of subcommands.
 *
 * <p>To add a subcommand: write a class that extends {@link Subcommand}, annotate it with
 * {@code @Command(name = "...", description = {"one-line summary", "", "details"})}, declare its
 * options as {@code @Option} fields ({@code @Mixin ModelOpening} gives --model, --backend and
 * --threads; converters for ranges and choices are in {@link OptionValues}), and add the class to
 * {@code subcommands} below. Help, {@code --version}, suggestions for misspelt options, shell
 * completion, exit codes and error lines then come for free.
 */
@Command(name = "vinfer",
        description = {"Fast convolutional network inference in pure Java. "
                + "Run 'vinfer COMMAND --help' for a command's options.", ""},
        synopsisSubcommandLabel = "COMMAND",
        // Inherited by every subcommand: --help and --version, defaults shown in --help, options in
        // declaration order, and the footer. Help is 80 columns wide: picocli's auto width would run
        // 'stty' from the PATH on every --help in a terminal.
        footer = {"", "Exit codes: 0 success, 1 failure (one line on stderr naming the file), 2 usage error."},
        scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        showDefaultValues = true, sortOptions = false,
        subcommands = {
            ClassifyCommand.class,
            PredictCommand.class,
            InfoCommand.class,
            BackendsCommand.class,
            RunCommand.class,
            BenchCommand.class,
            CompletionCommand.class,
            HelpCommand.class,
        })
public final class VinferCommand implements Callable<Integer> {
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "stack traces on failure and debug logging")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    VinferCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The parser for this command tree: help to {@code out}, errors to {@code err} through {@code failures}. */
    CommandLine commandLine(Failures failures) {
        CommandLine commandLine = new CommandLine(this)
                // "@file" arguments stay file names (a picture may be called @home.jpg), never argument files.
                .setExpandAtFiles(false)
                .setOut(new PrintWriter(out, true, out.charset()))
                .setErr(new PrintWriter(err, true, err.charset()))
                .setParameterExceptionHandler(failures)
                .setExecutionExceptionHandler(failures);
        return commandLine.setExecutionStrategy(parsed -> {
            Logging.configure(verbose);
            return new CommandLine.RunLast().execute(parsed);
        });
    }

    /** {@code vinfer} alone: the overview on stderr, and a usage error, since no command was given. */
    @Override
    public Integer call() {
        spec.commandLine().usage(err);
        return Failures.USAGE;
    }

    boolean verbose() {
        return verbose;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }
}
