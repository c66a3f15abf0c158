package dev.vinfer.cli.bench;

import dev.vinfer.cli.bench.BenchReport.ConfigResult;
import dev.vinfer.cli.bench.BenchReport.LayerTime;
import dev.vinfer.cli.bench.BenchReport.ModelSummary;

import dev.vinfer.api.StepInfo;

import java.util.ArrayList;
import java.util.List;

/** Turns raw timings into per-image statistics, throughput, GFLOP/s and the share of the peak. */
final class Analysis {
    private Analysis() {
    }

    static ConfigResult result(String backend, int threads, int batch, ConfigRunner.Timings timings, ModelSummary model,
                               PeakFlops.Peak peak, List<String> layerBackends, List<StepInfo> steps) {
        double[] msPerImage = new double[timings.runNanos().length];
        for (int i = 0; i < msPerImage.length; i++) {
            msPerImage[i] = timings.runNanos()[i] / 1e6 / batch;
        }
        Stats stats = Stats.of(msPerImage);
        double imagesPerSecond = stats.median() > 0 ? 1000.0 / stats.median() : 0;
        double gflops = stats.median() > 0 ? model.gflopPerImage() / (stats.median() / 1000.0) : 0;
        List<LayerTime> profile = timings.slotNanos() == null ? List.of() : profile(timings.slotNanos(), batch, steps);
        return new ConfigResult(backend, threads, batch, timings.warmupRuns(), stats, imagesPerSecond, gflops,
                peak.gflops(threads), List.copyOf(layerBackends), profile);
    }

    /**
     * Median per step over the runs, per image: one row per layer, or per fused chain of layers
     * (its multiply-adds summed, so its GFLOP/s is the block's), the softmax last.
     */
    static List<LayerTime> profile(long[][] slotNanos, int batch, List<StepInfo> steps) {
        int slots = steps.size();
        double[] medians = new double[slots];
        double total = 0;
        for (int s = 0; s < slots; s++) {
            double[] sample = new double[slotNanos.length];
            for (int r = 0; r < slotNanos.length; r++) {
                sample[r] = slotNanos[r][s] / 1e6 / batch;
            }
            medians[s] = Stats.of(sample).median();
            total += medians[s];
        }
        List<LayerTime> rows = new ArrayList<>(slots);
        for (int s = 0; s < slots; s++) {
            StepInfo step = steps.get(s);
            double ms = medians[s];
            double gflops = ms > 0 ? 2.0 * step.multiplyAdds() / 1e9 / (ms / 1000.0) : 0;
            rows.add(new LayerTime(step.name(), step.operation(), step.backend(), step.multiplyAdds(), ms, gflops, total > 0 ? ms / total : 0));
        }
        return rows;
    }
}
