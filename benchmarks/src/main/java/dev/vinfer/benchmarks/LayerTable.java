package dev.vinfer.benchmarks;

import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.mobilenet.MobileNetV1;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.tensor.TensorShape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@link LayerBenchmark}'s JMH CSV files ({@code -rf csv -rff layers.csv}; several files are
 * merged, e.g. one run per backend) into a Markdown table a person can read: per layer, its shape,
 * multiply-adds, time per backend, speed-up and SIMD GFLOP/s ({@code 2 * multiply-adds / time}).
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar dev.vinfer.benchmarks.LayerTable simd.csv scalar.csv}</pre>
 */
public final class LayerTable {
    private LayerTable() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, Double> micros = new HashMap<>();
        for (String file : args) {
            List<String> lines = Files.readAllLines(Path.of(file));
            List<String> header = split(lines.getFirst());
            int score = header.indexOf("Score");
            int layerColumn = header.indexOf("Param: layer");
            int backendColumn = header.indexOf("Param: backend");
            for (String line : lines.subList(1, lines.size())) {
                List<String> cells = split(line);
                micros.put(cells.get(layerColumn) + "/" + cells.get(backendColumn), Double.parseDouble(cells.get(score)));
            }
        }
        NetworkDefinition net = MobileNetV1.synthetic(1.0, 224, 1000, 42);
        System.out.println("| layer | input | op | MMAC | scalar us | simd us | speed-up | simd GFLOP/s |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|");
        double scalarTotal = 0;
        double simdTotal = 0;
        long macTotal = 0;
        for (int i = 0; i < net.layers().size(); i++) {
            LayerSpec spec = net.layers().get(i);
            TensorShape in = net.shapes().get(i);
            Double scalar = micros.get(spec.name() + "/scalar");
            Double simd = micros.get(spec.name() + "/simd");
            if (scalar == null && simd == null) {
                continue;
            }
            long macs = spec.multiplyAdds(in);
            macTotal += macs;
            scalarTotal += scalar == null ? 0 : scalar;
            simdTotal += simd == null ? 0 : simd;
            System.out.println(row(spec.name(), in.h() + "x" + in.w() + "x" + in.c(), spec.describe(), macs, scalar, simd));
        }
        System.out.println(row("**all convolutions**", "", "", macTotal, scalarTotal, simdTotal));
    }

    private static String row(String name, String shape, String op, long macs, Double scalar, Double simd) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %s | %s | %s | %s |", name, shape, op, macs / 1e6,
                scalar == null ? "" : String.format(Locale.ROOT, "%.1f", scalar),
                simd == null ? "" : String.format(Locale.ROOT, "%.1f", simd),
                scalar == null || simd == null ? "" : String.format(Locale.ROOT, "%.1fx", scalar / simd),
                simd == null ? "" : String.format(Locale.ROOT, "%.1f", 2.0 * macs / (simd * 1e3)));
    }

    private static List<String> split(String csvLine) {
        return Arrays.stream(csvLine.split(",", -1)).map(s -> s.replace("\"", "").trim()).toList();
    }
}
