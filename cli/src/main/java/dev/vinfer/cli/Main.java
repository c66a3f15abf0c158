package dev.vinfer.cli;

import dev.vinfer.api.VinferException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Entry point of the {@code vinfer} command. Exit codes: 0 success, 1 failure (bad input file,
 * unusable backend, ...), 2 usage error. Failures print one line on stderr; {@code --verbose} adds
 * the stack trace.
 */
public final class Main {
    static final String VERSION = "0.1.0";
    private final Map<String, Command> commands = new LinkedHashMap<>();

    Main() {
        for (Command c : List.of(new ClassifyCommand(), new PredictCommand(), new InfoCommand(), new BackendsCommand(),
                new dev.vinfer.cli.bench.BenchCommand())) {
            commands.put(c.name(), c);
        }
    }

    public static void main(String[] argv) {
        int code = new Main().run(List.of(argv), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    int run(List<String> argv, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(argv);
        boolean verbose = rest.remove("--verbose");
        configureLogging(err, verbose);
        if (rest.isEmpty() || rest.getFirst().equals("--help") || rest.getFirst().equals("-h") || rest.getFirst().equals("help")) {
            if (rest.size() > 1 && commands.containsKey(rest.get(1))) {
                out.print(commands.get(rest.get(1)).help());
                return 0;
            }
            printHelp(out);
            return rest.isEmpty() ? 2 : 0;
        }
        if (rest.getFirst().equals("--version")) {
            out.println("vinfer " + VERSION + " (Java " + Runtime.version() + ")");
            return 0;
        }
        Command command = commands.get(rest.getFirst());
        if (command == null) {
            err.println("vinfer: unknown command '" + rest.getFirst() + "'; commands: " + String.join(", ", commands.keySet()));
            return 2;
        }
        List<String> options = rest.subList(1, rest.size());
        if (options.contains("--help") || options.contains("-h")) {
            out.print(command.help());
            return 0;
        }
        try {
            return command.run(Args.parse(options, command.valuedOptions(), command.flags()), out, err);
        } catch (UsageException e) {
            err.println("vinfer " + command.name() + ": " + e.getMessage());
            err.println("Try 'vinfer " + command.name() + " --help'.");
            return 2;
        } catch (VinferException e) {
            err.println("vinfer: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("vinfer: out of memory; try a smaller batch or give the JVM more heap (-Xmx)");
            return 1;
        } catch (Exception | Error e) {
            err.println("vinfer: internal error: " + e + (verbose ? "" : " (run with --verbose for details)"));
            if (verbose) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private void printHelp(PrintStream out) {
        out.println("vinfer " + VERSION + ": fast convolutional network inference in pure Java");
        out.println();
        out.println("Usage: vinfer COMMAND [OPTIONS]   (vinfer COMMAND --help for details)");
        out.println();
        for (Command c : commands.values()) {
            out.printf("  %-10s %s%n", c.name(), c.summary());
        }
        out.println();
        out.println("Global options: --help, --version, --verbose (stack traces and debug logging)");
    }

    /** The engine logs through System.Logger (JUL here): one plain line per message on stderr. */
    private static void configureLogging(PrintStream err, boolean verbose) {
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                return formatMessage(r) + System.lineSeparator();
            }
        });
        Level level = verbose ? Level.FINE : Level.WARNING;
        handler.setLevel(level);
        root.addHandler(handler);
        root.setLevel(level);
        Logger.getLogger("dev.vinfer").setLevel(verbose ? Level.FINE : Level.INFO);
        handler.setLevel(verbose ? Level.FINE : Level.INFO);
    }
}
