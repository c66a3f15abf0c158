package dev.vinfer.mobilenet.hostile;

import dev.vinfer.api.InferenceSession;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.mobilenet.MobileNetV1;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One loaded model under load: shared by 8 threads it gives bit-identical results to a sequential
 * run, and a long stream of inferences does not grow memory. A small network (MobileNet V1 x0.25 on
 * 32x32, 10 classes) on the scalar backend keeps this to seconds.
 */
@Timeout(300)
class SharedModelConcurrencyTest {
    private static final int THREADS = 8;
    private static final int RUNS_PER_THREAD = 200;
    private static final int SIZE = 32;

    private static Model model(int threads) {
        return Vinfer.compile(MobileNetV1.synthetic(0.25, SIZE, 10, 1), ModelOptions.defaults().withBackend("scalar").withThreads(threads));
    }

    private static Tensor input(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[SIZE * SIZE * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextDouble() * 4 - 2);
        }
        return Tensor.wrap(TensorShape.image(SIZE, SIZE, 3), data);
    }

    @Test
    void eightThreadsSharingOneModelAgreeBitForBitWithASequentialRun() throws Exception {
        try (Model model = model(2)) { // a pool worker too, so callers also contend for it
            Tensor[] inputs = new Tensor[THREADS];
            float[][] expected = new float[THREADS][];
            float[][] expectedLogits = new float[THREADS][];
            for (int t = 0; t < THREADS; t++) {
                inputs[t] = input(100 + t);
                var p = model.predict(inputs[t]);
                expected[t] = p.probabilities(0);
                expectedLogits[t] = p.logits(0);
            }
            CyclicBarrier start = new CyclicBarrier(THREADS);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    results.add(pool.submit(() -> {
                        start.await();
                        int mismatches = 0;
                        for (int i = 0; i < RUNS_PER_THREAD; i++) {
                            // Threads interleave inputs, so a buffer shared by mistake would mix images.
                            int which = (thread + i) % THREADS;
                            var p = model.predict(inputs[which]);
                            if (!Arrays.equals(expected[which], p.probabilities(0)) || !Arrays.equals(expectedLogits[which], p.logits(0))) {
                                mismatches++;
                            }
                        }
                        return mismatches;
                    }));
                }
                for (Future<Integer> r : results) {
                    assertEquals(0, r.get(), "predictions differing from the sequential run");
                }
            } finally {
                pool.shutdownNow();
            }
            // And the model still gives the same answers afterwards.
            assertArrayEquals(expected[3], model.predict(inputs[3]).probabilities(0));
        }
    }

    @Test
    void tenThousandInferencesAllocateNothingPerRunAndLeaveTheHeapFlat() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Model model = model(1)) {
            Tensor in = input(7);
            InferenceSession session = model.newSession();
            float[] first = session.run(in).probabilities(0);
            for (int i = 0; i < 500; i++) { // warm-up: plans made, JIT settled
                session.run(in);
            }
            long heapBefore = usedHeapAfterGc();
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++) {
                session.run(in);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            long heapAfter = usedHeapAfterGc();
            System.out.printf("session.run x10000: %d bytes allocated on this thread, heap %+d bytes after GC%n",
                    allocated, heapAfter - heapBefore);
            assertArrayEquals(first, session.run(in).probabilities(0), "same answer after 10,000 runs");
            // Steady-state session runs reuse their buffers: well under a byte per run on average
            // (a few bytes total is allowed for JIT/safepoint noise attributed to this thread).
            assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes over 10,000 runs");
            assertTrue(heapAfter - heapBefore < 8L << 20, "heap grew by " + (heapAfter - heapBefore) + " bytes");

            // Model.predict copies each result out (that is its contract), but keeps nothing.
            for (int i = 0; i < 500; i++) {
                model.predict(in);
            }
            long predictHeapBefore = usedHeapAfterGc();
            long predictAllocatedBefore = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++) {
                model.predict(in);
            }
            long perPredict = (threads.getCurrentThreadAllocatedBytes() - predictAllocatedBefore) / 10_000;
            long predictHeapAfter = usedHeapAfterGc();
            System.out.printf("Model.predict x10000: %d bytes per call, heap %+d bytes after GC%n",
                    perPredict, predictHeapAfter - predictHeapBefore);
            assertTrue(perPredict < 1024, "Model.predict allocated " + perPredict + " bytes per call (the copied result only)");
            assertTrue(predictHeapAfter - predictHeapBefore < 8L << 20, "heap grew by " + (predictHeapAfter - predictHeapBefore) + " bytes");
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
            Runtime rt = Runtime.getRuntime();
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }
}
