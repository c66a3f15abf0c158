package dev.vinfer.cli.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * Measures this machine's single-thread float FMA peak with a short calibration loop, so results can
 * be given as a share of what the hardware could do. Where {@code jdk.incubator.vector} is in the
 * boot layer the loop runs on {@code FloatVector.SPECIES_PREFERRED} ({@link VectorFmaLoop}, loaded
 * only then, so this class links without the module); elsewhere a scalar {@link Math#fma} loop runs
 * and the result says so. Either way 12 independent accumulator chains hide the FMA latency, and the
 * fastest of many short rounds counts (the JIT compiles the loop during the first rounds, and the
 * best round is the one least disturbed by other work on the machine).
 *
 * <p>The peak for N threads is taken as min(N, processors) times the single-thread peak: one FMA unit
 * set per processor, which overstates it where processors are SMT siblings sharing a core's units.
 */
public final class PeakFlops {
    static final int CHAINS = 12;
    /** The calibration's hard time limit in seconds. */
    static final double MAX_SECONDS = 3.0;
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static volatile float sink;

    /**
     * @param gflopsPerThread the best rate seen on one thread, in GFLOP/s (an FMA counts as 2)
     * @param method          how it was measured, one line for reports
     * @param vectorBits      the vector width the loop used (32 for the scalar loop)
     * @param vectorApi       whether the Vector API was used
     * @param seconds         how long the calibration ran
     * @param processors      processors available to the JVM
     */
    public record Peak(double gflopsPerThread, String method, int vectorBits, boolean vectorApi, double seconds, int processors) {
        /** How the peak scales with threads, one line for reports. */
        public static final String SCALING = "for N threads: min(N, processors) x the single-thread peak";

        /** The peak for {@code threads} threads: one FMA unit set per thread, up to the processor count. */
        public double gflops(int threads) {
            return gflopsPerThread * Math.min(threads, processors);
        }
    }

    private PeakFlops() {
    }

    /** Whether the Vector API module is in the boot layer (and readable by this module). */
    public static boolean vectorApiPresent() {
        Optional<Module> vector = ModuleLayer.boot().findModule(VECTOR_MODULE);
        if (vector.isEmpty()) {
            return false;
        }
        Module self = PeakFlops.class.getModule();
        if (self.isNamed() && !self.canRead(vector.get())) {
            self.addReads(vector.get());
        }
        return true;
    }

    /**
     * Calibrates on the calling thread for at least {@code seconds}, and on until the best rate has
     * not improved by more than 2% for a tenth of a second (the JIT must first compile the loop, which
     * takes longer on a busy machine), but never more than {@link #MAX_SECONDS}. {@code progress}
     * gets 0..1.
     */
    public static Peak measure(double seconds, java.util.function.DoubleConsumer progress) {
        boolean vector = vectorApiPresent();
        int lanes = vector ? VectorFmaLoop.lanes() : 1;
        long budget = (long) (seconds * 1e9);
        long cap = Math.max(budget, (long) (MAX_SECONDS * 1e9));
        long start = System.nanoTime();
        long lastImprovement = start;
        int iterations = 256;
        double best = 0;
        float acc = 0;
        while (true) {
            long t0 = System.nanoTime();
            acc += vector ? VectorFmaLoop.run(iterations) : scalarLoop(iterations);
            long t1 = System.nanoTime();
            long dt = t1 - t0;
            double flops = 2.0 * CHAINS * lanes * (double) iterations;
            if (dt < 200_000 && iterations < (1 << 26)) {
                iterations *= 2; // too short to time well: grow the round
            }
            if (dt >= 100_000) {
                double rate = flops / dt; // FLOP per ns = GFLOP/s
                if (rate > best * 1.02) {
                    lastImprovement = t1;
                }
                best = Math.max(best, rate);
            }
            long elapsed = t1 - start;
            progress.accept(Math.min(1.0, (double) elapsed / budget));
            boolean settled = best > 0 && t1 - lastImprovement >= 100_000_000L;
            if ((elapsed >= budget && settled) || elapsed >= cap) {
                break;
            }
        }
        sink = acc;
        double took = (System.nanoTime() - start) / 1e9;
        String method = vector
                ? String.format(Locale.ROOT, "Vector API: FloatVector.SPECIES_PREFERRED (%d bits, %d lanes), %d independent fma chains, best of short rounds over %.2f s on one thread",
                        lanes * 32, lanes, CHAINS, took)
                : String.format(Locale.ROOT, "scalar Math.fma, %d independent chains, best of short rounds over %.2f s on one thread (jdk.incubator.vector is not in the boot layer, so this is the scalar peak, not the machine's SIMD peak)",
                        CHAINS, took);
        return new Peak(best, method, lanes * 32, vector, took, Runtime.getRuntime().availableProcessors());
    }

    /** The scalar stand-in: 12 float fma chains that stay bounded (x -> 0.999999 x + 1e-6). */
    static float scalarLoop(int iterations) {
        float a = 0.999999f, b = 1e-6f;
        float v0 = 0.1f, v1 = 0.2f, v2 = 0.3f, v3 = 0.4f, v4 = 0.5f, v5 = 0.6f;
        float v6 = 0.7f, v7 = 0.8f, v8 = 0.9f, v9 = 1.0f, v10 = 1.1f, v11 = 1.2f;
        for (int i = 0; i < iterations; i++) {
            v0 = Math.fma(v0, a, b);
            v1 = Math.fma(v1, a, b);
            v2 = Math.fma(v2, a, b);
            v3 = Math.fma(v3, a, b);
            v4 = Math.fma(v4, a, b);
            v5 = Math.fma(v5, a, b);
            v6 = Math.fma(v6, a, b);
            v7 = Math.fma(v7, a, b);
            v8 = Math.fma(v8, a, b);
            v9 = Math.fma(v9, a, b);
            v10 = Math.fma(v10, a, b);
            v11 = Math.fma(v11, a, b);
        }
        return v0 + v1 + v2 + v3 + v4 + v5 + v6 + v7 + v8 + v9 + v10 + v11;
    }
}
