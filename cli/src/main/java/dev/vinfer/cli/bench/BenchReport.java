package dev.vinfer.cli.bench;

import dev.vinfer.api.BackendInfo;

import java.util.List;

/**
 * Everything one {@code vinfer bench} run found: what every report format renders.
 *
 * @param date     when the run started (ISO-8601 with offset)
 * @param command  the command line, in canonical form
 * @param machine  where it ran
 * @param peak     the calibrated FMA peak
 * @param model    the model benchmarked
 * @param backends the backends found (usable or not), with their availability details
 * @param results  one entry per (backend, threads, batch), in the order run
 * @param profiled whether per-layer times were taken
 */
public record BenchReport(String date, String command, Machine machine, PeakFlops.Peak peak, ModelSummary model,
                          List<BackendInfo> backends, List<ConfigResult> results, boolean profiled) {

    /** The model's shape and work, per image. {@code layers} includes the engine's softmax last. */
    public record ModelSummary(String name, int height, int width, int channels, int classes, long multiplyAdds,
                               List<LayerInfo> layers) {
        /** FLOPs per image: 2 x the multiply-adds of the convolution and dense layers. */
        public double gflopPerImage() {
            return 2.0 * multiplyAdds / 1e9;
        }
    }

    public record LayerInfo(String name, String op, long multiplyAdds) {
    }

    /**
     * One configuration's timings, per image.
     *
     * @param msPerImage      wall time of a batch divided by its size, over the measured runs
     * @param imagesPerSecond from the median
     * @param gflops          FLOPs per image over the median time per image
     * @param peakGflops      the calibrated single-thread peak times {@code threads}
     * @param layerBackends   which backend ran each layer (a backend without a kernel leaves a layer to scalar)
     * @param profile         per-layer times (one per model layer, then the softmax), or empty
     */
    public record ConfigResult(String backend, int threads, int batch, int warmupRuns, Stats msPerImage,
                               double imagesPerSecond, double gflops, double peakGflops, List<String> layerBackends,
                               List<LayerTime> profile) {
        /** GFLOP/s as a share (0..1) of the peak for this many threads. */
        public double peakShare() {
            return peakGflops > 0 ? gflops / peakGflops : 0;
        }

        /** e.g. {@code scalar, 2 threads, batch 8}. */
        public String label() {
            return backend + ", " + threads + (threads == 1 ? " thread" : " threads") + ", batch " + batch;
        }
    }

    /**
     * One layer's share of a profiled configuration.
     *
     * @param medianMs median over the measured runs of the layer's wall time per image
     * @param gflops   the layer's FLOPs over that time (0 for layers without multiply-adds)
     * @param share    the layer's share (0..1) of the sum of all layers' medians
     */
    public record LayerTime(String name, String op, String backend, long multiplyAdds, double medianMs, double gflops,
                            double share) {
    }
}
