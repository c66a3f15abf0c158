package dev.vinfer.cli.bench;

import dev.vinfer.api.InferenceSession;
import dev.vinfer.api.Model;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Runs one (backend, threads, batch) configuration: warm-up runs, then timed runs, on one session
 * (buffers planned once, as a steady caller would). Counts come from the user, or else from a time
 * budget: this keeps the slow scalar backend to a few runs and gives fast ones many.
 */
final class ConfigRunner {

    /**
     * How long to warm up and measure.
     *
     * @param warmupRuns     exact warm-up runs, or -1 to warm up for {@code warmupSeconds}
     * @param warmupSeconds  warm-up time when counting by time (at least one run)
     * @param iterations     exact measured runs, or -1 to measure for {@code measureSeconds}
     * @param measureSeconds measuring time when counting by time
     * @param minRuns        measured runs at least, when counting by time
     * @param maxRuns        measured runs at most, when counting by time
     */
    record Budget(int warmupRuns, double warmupSeconds, int iterations, double measureSeconds, int minRuns, int maxRuns) {
    }

    /** Progress of one configuration: the phase, 0..1 within the configuration, and a status. */
    interface Progress {
        void report(double fraction, String status);
    }

    /** Raw timings: nanoseconds per run, and when profiling, nanoseconds per slot per run. */
    record Timings(int warmupRuns, long[] runNanos, long[][] slotNanos) {
    }

    private ConfigRunner() {
    }

    /** A deterministic input batch (uniform in [-1, 1), like normalised pixels). */
    static Tensor input(TensorShape image, int batch) {
        TensorShape shape = image.withBatch(batch);
        float[] data = new float[shape.size()];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return Tensor.wrap(shape, data);
    }

    static Timings run(Model model, int batch, Budget budget, boolean profile, Progress progress) {
        Tensor input = input(model.inputShape(), batch);
        InferenceSession session = model.newSession();
        int slots = model.steps().size(); // each layer or fused chain, then the softmax
        long[] scratch = new long[slots];

        // Warm-up: lets the JIT compile the kernels and the session plan its buffers.
        int warm = 0;
        long warmStart = System.nanoTime();
        long warmBudget = (long) (budget.warmupSeconds() * 1e9);
        while (budget.warmupRuns() >= 0 ? warm < budget.warmupRuns() : (warm == 0 || System.nanoTime() - warmStart < warmBudget)) {
            session.run(input);
            warm++;
            double f = budget.warmupRuns() >= 0 ? (double) warm / budget.warmupRuns()
                    : (double) (System.nanoTime() - warmStart) / warmBudget;
            progress.report(0.2 * Math.min(1, f), "warming up, run " + warm);
        }

        List<Long> runs = new ArrayList<>();
        List<long[]> perSlot = new ArrayList<>();
        long start = System.nanoTime();
        long measureBudget = (long) (budget.measureSeconds() * 1e9);
        while (true) {
            int n = runs.size();
            boolean more = budget.iterations() >= 0 ? n < budget.iterations()
                    : n < budget.minRuns() || (n < budget.maxRuns() && System.nanoTime() - start < measureBudget);
            if (!more) {
                break;
            }
            long t0 = System.nanoTime();
            if (profile) {
                Arrays.fill(scratch, 0);
                session.runProfiled(input, scratch);
            } else {
                session.run(input);
            }
            long dt = System.nanoTime() - t0;
            runs.add(dt);
            if (profile) {
                perSlot.add(scratch.clone());
            }
            double f = budget.iterations() >= 0 ? (double) runs.size() / budget.iterations()
                    : (double) (System.nanoTime() - start) / measureBudget;
            progress.report(0.2 + 0.8 * Math.min(1, f), String.format(Locale.ROOT, "measuring, run %d, %.1f ms/image",
                    runs.size(), dt / 1e6 / batch));
        }
        long[] runNanos = runs.stream().mapToLong(Long::longValue).toArray();
        return new Timings(warm, runNanos, profile ? perSlot.toArray(new long[0][]) : null);
    }
}
