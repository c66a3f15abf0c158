package dev.vinfer.cli.bench;

import dev.vinfer.api.BackendInfo;
import dev.vinfer.cli.bench.BenchReport.ConfigResult;
import dev.vinfer.cli.bench.BenchReport.LayerTime;

/** The report as one self-contained HTML page: facts, results, the per-layer chart inline, layer tables. */
final class HtmlReport {
    private HtmlReport() {
    }

    static String render(BenchReport report) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>vinfer bench: ")
                .append(e(report.model().name())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #ccc;padding:3px 8px}td.n{text-align:right}th{background:#eee}")
                .append("dt{font-weight:bold;float:left;clear:left;width:9em}dd{margin-left:10em}\n</style>\n</head>\n<body>\n");
        h.append("<h1>vinfer bench: ").append(e(report.model().name())).append("</h1>\n<dl>\n");
        for (String[] row : ReportText.facts(report)) {
            h.append("<dt>").append(e(row[0])).append("</dt><dd>").append(e(row[1])).append("</dd>\n");
        }
        h.append("</dl>\n<h2>Results</h2>\n<p>Times are per image (a batch's wall time over its size). ")
                .append("% of peak: GFLOP/s over the calibrated FMA peak for that many threads.</p>\n<table>\n<tr>");
        for (String c : new String[] {"backend", "threads", "batch", "runs", "median ms/image", "p10 ms", "p90 ms", "images/s", "GFLOP/s", "% of peak"}) {
            h.append("<th>").append(e(c)).append("</th>");
        }
        h.append("</tr>\n");
        for (ConfigResult r : report.results()) {
            h.append("<tr><td>").append(e(r.backend())).append("</td>");
            for (String c : new String[] {String.valueOf(r.threads()), String.valueOf(r.batch()), String.valueOf(r.msPerImage().count()),
                    Fmt.ms(r.msPerImage().median()), Fmt.ms(r.msPerImage().p10()), Fmt.ms(r.msPerImage().p90()),
                    Fmt.rate(r.imagesPerSecond()), Fmt.gflops(r.gflops()), Fmt.percent(r.peakShare())}) {
                h.append("<td class=\"n\">").append(e(c)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        if (SvgChart.hasProfile(report)) {
            h.append("<h2>Per-layer profile</h2>\n").append(SvgChart.render(report, false));
            for (ConfigResult r : report.results()) {
                h.append("<h3>").append(e(r.label())).append("</h3>\n<table>\n<tr><th>#</th><th>layer</th><th>op</th><th>runs on</th>")
                        .append("<th>median ms/image</th><th>GFLOP/s</th><th>share</th></tr>\n");
                int i = 1;
                for (LayerTime l : r.profile()) {
                    h.append("<tr><td class=\"n\">").append(i++).append("</td><td>").append(e(l.name())).append("</td><td>")
                            .append(e(l.op())).append("</td><td>").append(e(l.backend())).append("</td><td class=\"n\">")
                            .append(Fmt.ms(l.medianMs())).append("</td><td class=\"n\">")
                            .append(l.multiplyAdds() > 0 ? Fmt.gflops(l.gflops()) : "-").append("</td><td class=\"n\">")
                            .append(Fmt.percent(l.share())).append("</td></tr>\n");
                }
                h.append("</table>\n");
            }
        }
        h.append("<h2>Backends found</h2>\n<table>\n<tr><th>backend</th><th>usable</th><th>detail</th></tr>\n");
        for (BackendInfo b : report.backends()) {
            h.append("<tr><td>").append(e(b.name())).append("</td><td>").append(b.usable() ? "yes" : "no").append("</td><td>")
                    .append(e(b.detail())).append("</td></tr>\n");
        }
        h.append("</table>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String e(String text) {
        return SvgChart.escape(text);
    }
}
