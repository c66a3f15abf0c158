package dev.vinfer.cli.bench;

import dev.vinfer.api.BackendInfo;
import dev.vinfer.cli.bench.BenchReport.ConfigResult;
import dev.vinfer.cli.bench.BenchReport.LayerTime;

/** The report as Markdown: machine, results table, and per-layer tables under the chart (an SVG beside it). */
final class MarkdownReport {
    private MarkdownReport() {
    }

    /** @param svgName file name of the chart next to the report, or null when there is no profile */
    static String render(BenchReport report, String svgName) {
        StringBuilder md = new StringBuilder();
        var m = report.model();
        md.append("# vinfer bench: ").append(m.name()).append("\n\n");
        for (String[] row : ReportText.facts(report)) {
            md.append("- **").append(row[0]).append(":** ").append(cell(row[1])).append('\n');
        }
        md.append("\n## Results\n\n");
        md.append("Times are per image (a batch's wall time over its size), over the measured runs. ")
                .append("% of peak: GFLOP/s over the calibrated FMA peak for that many threads.\n\n");
        md.append("| backend | threads | batch | runs | median ms/image | p10 ms | p90 ms | images/s | GFLOP/s | % of peak |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ConfigResult r : report.results()) {
            md.append(Fmt.f("| %s | %d | %d | %d | %s | %s | %s | %s | %s | %s |%n", r.backend(), r.threads(), r.batch(),
                    r.msPerImage().count(), Fmt.ms(r.msPerImage().median()), Fmt.ms(r.msPerImage().p10()),
                    Fmt.ms(r.msPerImage().p90()), Fmt.rate(r.imagesPerSecond()), Fmt.gflops(r.gflops()),
                    Fmt.percent(r.peakShare())));
        }
        if (report.profiled()) {
            md.append("\n## Per-layer profile\n\n");
            if (svgName != null) {
                md.append("![Per-layer time per image, per backend](").append(svgName).append(")\n\n");
            }
            for (ConfigResult r : report.results()) {
                md.append("### ").append(r.label()).append("\n\n");
                md.append("| # | layer | op | runs on | median ms/image | GFLOP/s | share |\n");
                md.append("|---:|---|---|---|---:|---:|---:|\n");
                int i = 1;
                for (LayerTime l : r.profile()) {
                    md.append(Fmt.f("| %d | %s | %s | %s | %s | %s | %s |%n", i++, cell(l.name()), cell(l.op()), l.backend(),
                            Fmt.ms(l.medianMs()), l.multiplyAdds() > 0 ? Fmt.gflops(l.gflops()) : "-", Fmt.percent(l.share())));
                }
                md.append('\n');
            }
        }
        md.append("\n## Backends found\n\n| backend | usable | detail |\n|---|---|---|\n");
        for (BackendInfo b : report.backends()) {
            md.append("| ").append(b.name()).append(" | ").append(b.usable() ? "yes" : "no").append(" | ")
                    .append(cell(b.detail())).append(" |\n");
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
