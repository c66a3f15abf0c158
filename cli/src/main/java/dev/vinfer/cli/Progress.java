package dev.vinfer.cli;

import java.io.PrintStream;

/** A one-line progress bar on stderr, redrawn in place with a carriage return. */
final class Progress {
    /** Runs of up to this many items print no bar: it would flash by. */
    static final int QUIET_UP_TO = 5;
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final int total;
    private final String what;
    private int done;

    Progress(PrintStream err, int total, String what) {
        this.err = err;
        this.total = total;
        this.what = what;
        draw();
    }

    void step() {
        done++;
        draw();
    }

    void finish() {
        err.print('\n');
        err.flush();
    }

    private void draw() {
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        err.print("\r" + what + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total);
        err.flush();
    }
}
