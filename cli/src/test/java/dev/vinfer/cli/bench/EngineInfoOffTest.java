package dev.vinfer.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * bench keeps the engine's "backend X chosen" lines off stderr while it compiles: the summary's
 * scalar compile would otherwise claim scalar is what is timed, and the per-configuration ones would
 * break the progress bar. --verbose keeps them.
 */
class EngineInfoOffTest {
    private final Logger engineLog = Logger.getLogger("dev.vinfer");

    @Test
    void infoLinesAreOffInsideAndTheLevelComesBackAfter() {
        Level before = engineLog.getLevel();
        try {
            engineLog.setLevel(Level.INFO);
            Level inside = BenchCommand.withEngineInfoOff(engineLog::getLevel);
            assertEquals(Level.WARNING, inside);
            assertEquals(Level.INFO, engineLog.getLevel());

            assertThrows(IllegalStateException.class, () -> BenchCommand.withEngineInfoOff(() -> {
                throw new IllegalStateException("compile failed");
            }));
            assertEquals(Level.INFO, engineLog.getLevel(), "restored after a failure too");
        } finally {
            engineLog.setLevel(before);
        }
    }

    @Test
    void verboseKeepsTheEngineLines() {
        Level before = engineLog.getLevel();
        try {
            engineLog.setLevel(Level.FINE);
            assertEquals(Level.FINE, BenchCommand.withEngineInfoOff(engineLog::getLevel));
        } finally {
            engineLog.setLevel(before);
        }
    }
}
