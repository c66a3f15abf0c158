package dev.vinfer.cli;

import dev.vinfer.api.InferenceSession;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;

import java.util.logging.Filter;
import java.util.logging.Logger;

/**
 * Gets the JIT going on the backend's kernels while the real model is still loading: a background
 * thread runs a tiny synthetic MobileNet V1 (width 0.5, 64x64: 12 M multiply-adds) over and over
 * until {@link #close()}. The kernels are static code shared by every model, so by the time the
 * real model is ready they have been invoked thousands of times and C2 is compiling or has
 * compiled them; the first real inference no longer runs the Vector API in the interpreter, where
 * each vector operation allocates. In the jlink image's AOT training run the same thread is what
 * takes the kernels to C2, so their profiles land in the cache.
 *
 * <p>It runs by default only where it has a core of its own: with at least {@value #MIN_PROCESSORS}
 * processors. On two cores it competes with the model load and with the JIT's compiler threads,
 * and a cold one-photo classify with MobileNet 1.0 took about 0.1 s longer with it than without
 * (medians of 5 runs, 2-core AMD EPYC). {@code -Dvinfer.warmup=true} or {@code =false} decides
 * either way, for comparisons.
 *
 * <p>A warm-up must never change a command's outcome: it logs nothing, and any failure just ends it.
 */
final class KernelWarmup implements AutoCloseable {
    static final String PROPERTY = "vinfer.warmup";
    private static final String THREAD_NAME = "vinfer-warmup";
    /** Enough runs for C2 to compile every kernel; a bound in case nobody closes the warm-up. */
    private static final int MAX_RUNS = 400;
    /** The main thread, a C1 and a C2 compiler thread, and the warm-up: fewer cores and it only slows the start. */
    static final int MIN_PROCESSORS = 4;

    private final Thread thread;
    private volatile boolean stopped;

    private KernelWarmup(ModelOptions options) {
        if (!enabled(System.getProperty(PROPERTY), Runtime.getRuntime().availableProcessors())) {
            thread = null;
            return;
        }
        silenceWarmupThreadLogs();
        thread = new Thread(() -> run(options.withThreads(1)), THREAD_NAME);
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Whether to warm up: as {@code property} says when it is set, else only with a spare core. */
    static boolean enabled(String property, int processors) {
        return property != null ? Boolean.parseBoolean(property) : processors >= MIN_PROCESSORS;
    }

    /** Starts warming up the backend {@code options} choose (nothing happens for the scalar backend). */
    static KernelWarmup start(ModelOptions options) {
        return new KernelWarmup(options);
    }

    private void run(ModelOptions options) {
        // Through the provider SPI, as 'vinfer bench' does: the CLI does not link against model-mobilenet.
        try (Model model = Vinfer.load("builtin:mobilenet_v1_0.5_64", options)) {
            if (model.backendName().equals("scalar")) {
                return; // plain Java loops: nothing that the interpreter makes pathologically slow
            }
            InferenceSession session = model.newSession();
            float[] pixels = new float[64 * 64 * 3];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (i % 7) / 7f - 0.5f;
            }
            Tensor input = Tensor.wrap(new TensorShape(1, 64, 64, 3), pixels);
            for (int i = 0; i < MAX_RUNS && !stopped; i++) {
                session.run(input);
            }
        } catch (RuntimeException | LinkageError e) {
            // The real model reports any real problem itself.
        }
    }

    /** The backend-choice line belongs to the user's model only. */
    private static void silenceWarmupThreadLogs() {
        Logger engine = Logger.getLogger("dev.vinfer");
        Filter previous = engine.getFilter();
        engine.setFilter(record -> !Thread.currentThread().getName().equals(THREAD_NAME)
                && (previous == null || previous.isLoggable(record)));
    }

    /** Stops the warm-up after its current run; the thread is a daemon and never delays exit. */
    @Override
    public void close() {
        stopped = true;
    }
}
