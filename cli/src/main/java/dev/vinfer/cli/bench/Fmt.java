package dev.vinfer.cli.bench;

import java.util.Locale;

/** Number formats shared by the console and the reports. */
final class Fmt {
    private Fmt() {
    }

    /** Milliseconds with about three significant digits. */
    static String ms(double ms) {
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.0f", ms);
        }
        if (ms >= 10) {
            return String.format(Locale.ROOT, "%.1f", ms);
        }
        if (ms >= 1) {
            return String.format(Locale.ROOT, "%.2f", ms);
        }
        return String.format(Locale.ROOT, "%.3f", ms);
    }

    static String rate(double perSecond) {
        if (perSecond >= 100) {
            return String.format(Locale.ROOT, "%.0f", perSecond);
        }
        return String.format(Locale.ROOT, perSecond >= 10 ? "%.1f" : "%.2f", perSecond);
    }

    static String gflops(double gflops) {
        return String.format(Locale.ROOT, "%.1f", gflops);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
