package dev.vinfer.cli;

import dev.vinfer.api.VinferException;
import dev.vinfer.io.UntrustedText;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Turns everything that can go wrong into vinfer's exit codes and short messages on stderr:
 * <ul>
 *   <li>2, usage: {@code vinfer classify: unknown option --modle; did you mean --model?} and a line
 *       {@code Try 'vinfer classify --help'.} (picocli's parse errors, {@link UsageException});</li>
 *   <li>1, failure: one line {@code vinfer: <file>: <problem>} ({@link VinferException}), with the
 *       stack trace only under {@code --verbose}.</li>
 * </ul>
 */
final class Failures implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final int FAILURE = 1;
    static final int USAGE = 2;
    private static final int MAX_MESSAGE = 300;
    private final PrintStream err;
    private final BooleanSupplier verbose;

    Failures(PrintStream err, BooleanSupplier verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        ParseResult parsed = command.getParseResult();
        // picocli checks required options before it reports unknown ones; but a misspelt --model is
        // the reason --model is missing, so the misspelling is the error to show.
        if (ex instanceof MissingParameterException && parsed != null && !parsed.unmatched().isEmpty()) {
            ex = new UnmatchedArgumentException(command, parsed.unmatched());
        }
        if (ex instanceof UnmatchedArgumentException u && isUnknownCommand(u)) {
            // One line: there is no subcommand to try --help on.
            err.println("vinfer: " + UntrustedText.line(unknownCommand(u), MAX_MESSAGE));
            return USAGE;
        }
        return usage(command, describe(ex, args));
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parsed) {
        if (ex instanceof UsageException) {
            return usage(command, ex.getMessage());
        }
        if (ex instanceof VinferException) {
            err.println("vinfer: " + ex.getMessage());
        } else {
            err.println("vinfer: internal error: " + ex + (verbose.getAsBoolean() ? "" : " (run with --verbose for details)"));
        }
        if (verbose.getAsBoolean()) {
            ex.printStackTrace(err);
        }
        return FAILURE;
    }

    /** An Error (out of memory, stack overflow) thrown through picocli, which only handles Exceptions. */
    int handleError(Error e) {
        if (e instanceof OutOfMemoryError) {
            err.println("vinfer: out of memory; try a smaller batch or give the JVM more heap (-Xmx)");
            return FAILURE;
        }
        err.println("vinfer: internal error: " + e + (verbose.getAsBoolean() ? "" : " (run with --verbose for details)"));
        if (verbose.getAsBoolean()) {
            e.printStackTrace(err);
        }
        return FAILURE;
    }

    private int usage(CommandLine command, String message) {
        String name = command.getCommandSpec().qualifiedName();
        // picocli's own messages quote what was typed as is: one line, whatever the arguments hold.
        err.println(name + ": " + UntrustedText.line(message, MAX_MESSAGE));
        err.println("Try '" + name + " --help'.");
        return USAGE;
    }

    /** One line, without picocli's capitals and colons, saying what was wrong. */
    static String describe(ParameterException ex, String[] args) {
        if (ex instanceof UnmatchedArgumentException u) {
            return unmatched(u);
        }
        if (ex instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
            ArgSpec missing = m.getMissing().getFirst();
            if (missing instanceof OptionSpec option) {
                return given(option, args) ? "option " + option.longestName() + " needs a value"
                        : "missing required option " + option.longestName();
            }
            return "missing " + missing.paramLabel();
        }
        if (ex instanceof OverwrittenOptionException o && o.getOverwritten() instanceof OptionSpec option) {
            return "option " + option.longestName() + " given twice";
        }
        if (ex.getCause() instanceof TypeConversionException conversion && ex.getArgSpec() != null) {
            return nameOf(ex.getArgSpec()) + " " + conversion.getMessage();
        }
        return ex.getMessage();
    }

    private static String nameOf(ArgSpec spec) {
        return spec instanceof OptionSpec option ? option.longestName() : spec.paramLabel();
    }

    /** Whether the option's name (alone or as {@code --name=...}) is among the arguments: given without its value. */
    private static boolean given(OptionSpec option, String[] args) {
        return Arrays.stream(args).anyMatch(a -> Arrays.stream(option.names()).anyMatch(n -> a.equals(n) || a.startsWith(n + "=")));
    }

    private static boolean isUnknownCommand(UnmatchedArgumentException u) {
        CommandSpec spec = u.getCommandLine().getCommandSpec();
        return !spec.subcommands().isEmpty() && !u.getUnmatched().isEmpty() && !looksLikeOption(u.getUnmatched().getFirst());
    }

    private static String unknownCommand(UnmatchedArgumentException u) {
        String typed = u.getUnmatched().getFirst();
        Set<String> commands = u.getCommandLine().getSubcommands().keySet();
        List<String> close = Suggestions.closest(typed, commands);
        return "unknown command '" + OptionValues.shown(typed) + "'"
                + (close.isEmpty() ? "; commands: " + String.join(", ", commands) : "; did you mean " + String.join(" or ", close) + "?");
    }

    private static String unmatched(UnmatchedArgumentException u) {
        CommandSpec spec = u.getCommandLine().getCommandSpec();
        String first = u.getUnmatched().isEmpty() ? "" : u.getUnmatched().getFirst();
        if (looksLikeOption(first)) {
            String typed = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
            if (spec.findOption(typed) != null) { // a known option given a value it takes none for
                return "option " + typed + " takes no value";
            }
            Set<String> close = new LinkedHashSet<>(Suggestions.closest(typed, longNames(spec)));
            close.addAll(u.getSuggestions()); // picocli's: options starting with the same two letters
            List<String> hints = close.stream().limit(Suggestions.MAX).toList();
            return "unknown option " + OptionValues.shown(typed)
                    + (hints.isEmpty() ? "" : "; did you mean " + String.join(" or ", hints) + "?");
        }
        if (spec.positionalParameters().isEmpty()) {
            return "no positional arguments expected, got '" + OptionValues.shown(first) + "'";
        }
        return "unexpected argument '" + OptionValues.shown(first) + "'";
    }

    private static List<String> longNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.hidden()) {
                names.add(option.longestName());
            }
        }
        return names;
    }

    private static boolean looksLikeOption(String arg) {
        return arg.startsWith("-") && arg.length() > 1;
    }
}
