package dev.vinfer.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for long commands: redrawn in place with {@code \r} on stderr (stdout
 * stays clean for results), at most ten times a second, and ended with a newline by {@link #finish}.
 * Reusable by any command: {@code update(fraction, status)} as work goes, {@code finish(status)} once.
 *
 * <pre>{@code
 * [##########..........]  50%  scalar, 2 threads, batch 1: measuring, run 6
 * }</pre>
 */
public final class ProgressBar {
    private static final int BAR = 24;
    private static final long MIN_REDRAW_NANOS = 100_000_000L;
    private final PrintStream err;
    private final String label;
    private long lastDraw = Long.MIN_VALUE;
    private int lastLength;
    private boolean finished;

    /** @param label a word in front of the bar, e.g. {@code bench}; may be empty */
    public ProgressBar(PrintStream err, String label) {
        this.err = err;
        this.label = label;
    }

    /** Redraws the bar (rate-limited) at {@code fraction} (clamped to 0..1) with a short status. */
    public void update(double fraction, String status) {
        long now = System.nanoTime();
        if (finished || (lastDraw != Long.MIN_VALUE && now - lastDraw < MIN_REDRAW_NANOS)) {
            return;
        }
        lastDraw = now;
        draw(fraction, status);
    }

    /** Draws the bar full with a final status and moves to the next line; later updates are ignored. */
    public void finish(String status) {
        if (finished) {
            return;
        }
        draw(1.0, status);
        err.println();
        err.flush();
        finished = true;
    }

    /** The text of one frame, without the carriage return (for tests). */
    static String render(String label, double fraction, String status) {
        double f = Double.isNaN(fraction) ? 0 : Math.clamp(fraction, 0.0, 1.0);
        int filled = (int) Math.round(f * BAR);
        String prefix = label.isEmpty() ? "" : label + " ";
        return prefix + "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%", (int) Math.floor(f * 100)) + "  " + status;
    }

    private void draw(double fraction, String status) {
        String line = render(label, fraction, status);
        // Blank out what is left of a longer previous frame.
        String pad = line.length() < lastLength ? " ".repeat(lastLength - line.length()) : "";
        err.print("\r" + line + pad);
        err.flush();
        lastLength = line.length();
    }
}
