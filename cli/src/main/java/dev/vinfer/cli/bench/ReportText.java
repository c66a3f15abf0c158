package dev.vinfer.cli.bench;

import java.util.ArrayList;
import java.util.List;

/** The facts every human-readable report lists first, as (label, text) pairs. */
final class ReportText {
    private ReportText() {
    }

    static List<String[]> facts(BenchReport report) {
        var m = report.model();
        var machine = report.machine();
        var peak = report.peak();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Date", report.date()});
        rows.add(new String[] {"Command", report.command()});
        rows.add(new String[] {"CPU", machine.cpu() + ", " + machine.processors() + " processors available to the JVM"});
        rows.add(new String[] {"OS", machine.os()});
        rows.add(new String[] {"JDK", machine.jdk() + " (" + machine.vm() + ")"});
        rows.add(new String[] {"Vector width", peak.vectorApi()
                ? peak.vectorBits() + " bits (FloatVector.SPECIES_PREFERRED)"
                : "Vector API not present; scalar only"});
        rows.add(new String[] {"FMA peak", Fmt.f("%.1f GFLOP/s per thread; %s (%s)", peak.gflopsPerThread(), PeakFlops.Peak.SCALING, peak.method())});
        rows.add(new String[] {"Model", Fmt.f("%s, %dx%dx%d input, %d classes, %.1f M multiply-adds = %.3f GFLOP per image (2 x the multiply-adds of convolution and dense layers)",
                m.name(), m.height(), m.width(), m.channels(), m.classes(), m.multiplyAdds() / 1e6, m.gflopPerImage())});
        return rows;
    }
}
