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
import java.util.List;
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
        showDefaultValues = true, sortOptions = false)
public final class VinferCommand implements Callable<Integer> {
    /**
     * The subcommands, in the order of the overview. They are registered when the parser is built
     * ({@link #commandLine}), and only the one named when a command line names one: picocli builds
     * a command's whole model up front by reflection, and the other six took about 40 ms of every
     * cold start (picocli is compiled for Java 5, so its classes cannot enter the AOT cache).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ClassifyCommand.class,
            PredictCommand.class,
            InfoCommand.class,
            BackendsCommand.class,
            RunCommand.class,
            BenchCommand.class,
            CompletionCommand.class,
            HelpCommand.class);

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

    /**
     * The parser for this command tree: help to {@code out}, errors to {@code err} through {@code failures}.
     *
     * @param argv the command line it will parse: when its first word names a subcommand that
     *             works alone, only that one is registered; otherwise (help, completion, no
     *             command, a misspelt one that needs suggestions) all of them are
     */
    CommandLine commandLine(Failures failures, List<String> argv) {
        CommandLine commandLine = new CommandLine(this);
        for (Class<?> subcommand : subcommandsFor(argv)) {
            commandLine.addSubcommand(subcommand);
        }
        commandLine
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

    /** The subcommands to register for {@code argv}: see {@link #commandLine}. */
    static List<Class<?>> subcommandsFor(List<String> argv) {
        String first = argv.stream().filter(a -> !a.startsWith("-")).findFirst().orElse(null);
        for (Class<?> subcommand : SUBCOMMANDS) {
            String name = subcommand.getAnnotation(Command.class).name();
            if (name.equals(first) && subcommand != CompletionCommand.class && subcommand != HelpCommand.class) {
                return List.of(subcommand);
            }
        }
        return SUBCOMMANDS;
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
