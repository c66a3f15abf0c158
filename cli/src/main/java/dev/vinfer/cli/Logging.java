package dev.vinfer.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The engine logs through System.Logger (JUL here): one plain line per message on stderr. */
final class Logging {
    private Logging() {
    }

    /** Info lines from vinfer (which backend was chosen); with {@code verbose}, debug lines from everything. */
    static void configure(boolean verbose) {
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
        root.addHandler(handler);
        root.setLevel(level);
        Logger.getLogger("dev.vinfer").setLevel(verbose ? Level.FINE : Level.INFO);
        handler.setLevel(verbose ? Level.FINE : Level.INFO);
    }
}
