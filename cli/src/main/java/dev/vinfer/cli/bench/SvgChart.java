package dev.vinfer.cli.bench;

import dev.vinfer.cli.bench.BenchReport.ConfigResult;
import dev.vinfer.cli.bench.BenchReport.LayerInfo;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The per-layer profile as an SVG chart, written by hand: one group of horizontal bars per layer (top
 * to bottom in network order), one bar per profiled configuration, a legend, and an x axis in
 * milliseconds per image. Colours are the Okabe-Ito palette, which colour-blind readers can tell apart.
 */
final class SvgChart {
    private static final String[] COLORS = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"};
    private static final int WIDTH = 960;
    private static final int LEFT = 120;
    private static final int RIGHT = 70;
    private static final int GROUP_GAP = 6;

    private SvgChart() {
    }

    /** Whether the report has anything to draw. */
    static boolean hasProfile(BenchReport report) {
        return report.results().stream().anyMatch(r -> !r.profile().isEmpty());
    }

    /**
     * @param standalone with an XML declaration (for a {@code .svg} file) or without (inline in HTML)
     */
    static String render(BenchReport report, boolean standalone) {
        List<ConfigResult> series = report.results().stream().filter(r -> !r.profile().isEmpty()).toList();
        List<String> layers = rowNames(report.model().layers(), series);
        boolean sameSetting = series.stream().map(r -> r.threads() + "/" + r.batch()).distinct().count() <= 1;
        int barHeight = series.size() <= 2 ? 11 : series.size() <= 4 ? 8 : 6;
        int groupHeight = series.size() * barHeight + GROUP_GAP;
        int legendPerRow = 3;
        int legendRows = (series.size() + legendPerRow - 1) / legendPerRow;
        int top = 44 + legendRows * 18;
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = layers.size() * groupHeight;
        int height = top + plotHeight + 48;

        double max = 0;
        for (ConfigResult r : series) {
            for (var l : r.profile()) {
                max = Math.max(max, l.medianMs());
            }
        }
        double step = niceStep(max / 5);
        double axisMax = Math.max(step, Math.ceil(max / step) * step);

        StringBuilder svg = new StringBuilder();
        if (standalone) {
            svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        }
        svg.append(Fmt.f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                WIDTH, height, WIDTH, height));
        svg.append(Fmt.f("<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, height));
        String title = "Per-layer time per image (median), " + report.model().name()
                + (sameSetting && !series.isEmpty() ? ", " + threads(series.getFirst().threads()) + ", batch " + series.getFirst().batch() : "");
        svg.append(Fmt.f("<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n", LEFT, escape(title)));

        // Legend.
        for (int i = 0; i < series.size(); i++) {
            int x = LEFT + (i % legendPerRow) * 250;
            int y = 42 + (i / legendPerRow) * 18;
            svg.append(Fmt.f("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", x, y - 10, color(i)));
            svg.append(Fmt.f("<text x=\"%d\" y=\"%d\">%s</text>%n", x + 17, y, escape(seriesLabel(series.get(i), sameSetting))));
        }

        // Row shading and grid lines with tick labels.
        for (int l = 0; l < layers.size(); l += 2) {
            svg.append(Fmt.f("<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f3f3f3\"/>%n",
                    top + l * groupHeight, WIDTH, groupHeight));
        }
        for (int k = 0; k * step <= axisMax + step / 2; k++) {
            double tick = k * step;
            double x = LEFT + tick / axisMax * plotWidth;
            svg.append(Fmt.f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#cccccc\" stroke-width=\"1\"/>%n",
                    x, top, x, top + plotHeight));
            svg.append(Fmt.f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, top + plotHeight + 15, tickLabel(tick, step)));
        }
        svg.append(Fmt.f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333333\" stroke-width=\"1\"/>%n",
                LEFT, top + plotHeight, LEFT + plotWidth, top + plotHeight));
        svg.append(Fmt.f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333333\" stroke-width=\"1\"/>%n",
                LEFT, top, LEFT, top + plotHeight));
        svg.append(Fmt.f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">time per image (ms)</text>%n",
                LEFT + plotWidth / 2, top + plotHeight + 34));

        // The bars.
        for (int l = 0; l < layers.size(); l++) {
            int groupTop = top + l * groupHeight + GROUP_GAP / 2;
            svg.append(Fmt.f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" dominant-baseline=\"middle\">%s</text>%n",
                    LEFT - 6, groupTop + series.size() * barHeight / 2.0, escape(layers.get(l))));
            for (int s = 0; s < series.size(); s++) {
                String rowName = layers.get(l);
                var found = series.get(s).profile().stream().filter(t -> t.name().equals(rowName)).findFirst();
                if (found.isEmpty()) {
                    continue; // this configuration ran the layer inside a fused step, drawn on that step's row
                }
                var layer = found.get();
                double w = layer.medianMs() / axisMax * plotWidth;
                int y = groupTop + s * barHeight;
                svg.append(Fmt.f("<rect x=\"%d\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
                        LEFT, y, w, barHeight - 1, color(s), escape(seriesLabel(series.get(s), sameSetting) + ": " + layer.name()
                                + " (" + layer.op() + ") " + Fmt.ms(layer.medianMs()) + " ms, " + Fmt.percent(layer.share()))));
                svg.append(Fmt.f("<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" dominant-baseline=\"middle\" fill=\"#444444\">%s</text>%n",
                        LEFT + w + 3, y + barHeight / 2.0, Math.clamp(barHeight - 1, 7, 10), Fmt.ms(layer.medianMs())));
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /**
     * The chart's rows: every profile row of every configuration, in network order. Backends that
     * fuse layers have rows such as {@code conv_dw_2+conv_pw_2} where others have two; each fused
     * row is placed before the first layer it contains.
     */
    static List<String> rowNames(List<LayerInfo> layers, List<ConfigResult> series) {
        LinkedHashSet<String> rows = new LinkedHashSet<>();
        for (LayerInfo layer : layers) {
            for (ConfigResult r : series) {
                for (var step : r.profile()) {
                    if (step.name().equals(layer.name()) || Arrays.asList(step.name().split("\\+")).contains(layer.name())) {
                        rows.add(step.name());
                    }
                }
            }
            rows.add(layer.name());
        }
        rows.removeIf(name -> series.stream().noneMatch(r -> r.profile().stream().anyMatch(t -> t.name().equals(name))));
        return List.copyOf(rows);
    }

    private static String seriesLabel(ConfigResult r, boolean sameSetting) {
        return sameSetting ? r.backend() : r.label();
    }

    private static String threads(int n) {
        return n + (n == 1 ? " thread" : " threads");
    }

    private static String color(int i) {
        return COLORS[i % COLORS.length];
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        if (!(rough > 0) || Double.isInfinite(rough)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double n = rough / magnitude;
        return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * magnitude;
    }

    private static String tickLabel(double tick, double step) {
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", tick);
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }
}
