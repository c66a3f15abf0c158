package dev.vinfer.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * Base of every {@code vinfer} subcommand. picocli fills the subclass's {@code @Option} and
 * {@code @Parameters} fields (converters in {@link OptionValues} reject absurd values first), then
 * {@link #run} does the work with the streams {@link Main} was given. To add a command, see
 * {@link VinferCommand}.
 */
public abstract class Subcommand implements Callable<Integer> {
    /** This command as picocli parsed it. */
    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        VinferCommand root = (VinferCommand) spec.root().userObject();
        return run(root.out(), root.err());
    }

    /**
     * Runs the command and returns its exit code: 0, or 1 when some input failed but the run went on.
     * Throws {@link UsageException} for misuse (exit 2) and {@link dev.vinfer.api.VinferException}
     * for a failure (exit 1, one line naming the file).
     */
    protected abstract int run(PrintStream out, PrintStream err) throws Exception;

    /** Whether the user gave {@code option} on the command line, as opposed to its default. */
    protected final boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
