package dev.vinfer.cli.bench;

import dev.vinfer.cli.bench.BenchReport.ConfigResult;
import dev.vinfer.cli.bench.BenchReport.LayerTime;
import dev.vinfer.cli.bench.BenchReport.ModelSummary;

import java.io.PrintStream;
import java.util.List;

/** The results as plain-text tables on stdout. */
final class ConsoleReport {
    private ConsoleReport() {
    }

    static void model(PrintStream out, ModelSummary model, Machine machine) {
        out.println(Fmt.f("model:   %s, %dx%dx%d input, %d classes, %.1f M multiply-adds = %.3f GFLOP per image",
                model.name(), model.height(), model.width(), model.channels(), model.classes(), model.multiplyAdds() / 1e6,
                model.gflopPerImage()));
        out.println(Fmt.f("machine: %s, %d processors, Java %s", machine.cpu(), machine.processors(), machine.jdk()));
    }

    static void peak(PrintStream out, PeakFlops.Peak peak) {
        out.println(Fmt.f("peak:    %.1f GFLOP/s per thread (%s); %s", peak.gflopsPerThread(), peak.method(),
                PeakFlops.Peak.SCALING));
    }

    static void results(PrintStream out, List<ConfigResult> results) {
        out.println(Fmt.f("%-10s %7s %5s %5s %12s %9s %9s %9s %9s %7s", "backend", "threads", "batch", "runs",
                "median ms/img", "p10", "p90", "img/s", "GFLOP/s", "% peak"));
        for (ConfigResult r : results) {
            out.println(Fmt.f("%-10s %7d %5d %5d %12s %9s %9s %9s %9s %7s", r.backend(), r.threads(), r.batch(),
                    r.msPerImage().count(), Fmt.ms(r.msPerImage().median()), Fmt.ms(r.msPerImage().p10()),
                    Fmt.ms(r.msPerImage().p90()), Fmt.rate(r.imagesPerSecond()), Fmt.gflops(r.gflops()),
                    Fmt.percent(r.peakShare())));
        }
        out.println("(% peak: GFLOP/s over the calibrated FMA peak for that many threads)");
    }

    static void profile(PrintStream out, ConfigResult r) {
        out.println();
        out.println("per-layer profile: " + r.label() + " (median of " + r.msPerImage().count() + " runs, ms per image)");
        // Columns as wide as their longest entry: fused steps have long names ("conv_dw_3+conv_pw_3").
        int nameWidth = Math.max(12, r.profile().stream().mapToInt(l -> l.name().length()).max().orElse(0));
        int opWidth = Math.max(22, r.profile().stream().mapToInt(l -> l.op().length()).max().orElse(0));
        String row = "%3s  %-" + nameWidth + "s %-" + opWidth + "s %-8s %10s %9s %7s";
        out.println(Fmt.f(row, "#", "layer", "op", "runs on", "ms/img", "GFLOP/s", "share"));
        int i = 1;
        double total = 0;
        for (LayerTime l : r.profile()) {
            out.println(Fmt.f(row, i++, l.name(), l.op(), l.backend(), Fmt.ms(l.medianMs()),
                    l.multiplyAdds() > 0 ? Fmt.gflops(l.gflops()) : "-", Fmt.percent(l.share())));
            total += l.medianMs();
        }
        out.println(Fmt.f("     %-" + nameWidth + "s %-" + opWidth + "s %-8s %10s", "sum", "", "", Fmt.ms(total)));
    }
}
