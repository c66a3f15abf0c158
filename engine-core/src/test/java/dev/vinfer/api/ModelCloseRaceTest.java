package dev.vinfer.api;

import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.graph.Preprocessing;
import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.Convolution;
import dev.vinfer.ops.Dense;
import dev.vinfer.ops.GlobalAveragePool;
import dev.vinfer.ops.Padding;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Closing a model while other threads predict: nobody hangs, every call either returns the right
 * answer or fails with "model closed", and calls after the close fail at once.
 */
class ModelCloseRaceTest {
    private static final int ROUNDS = 300;
    private static final int PREDICTING_THREADS = 3;
    private static final int POOL_THREADS = 3;

    /**
     * A 3x3 convolution big enough that the pool splits it among its workers (so the close races
     * with published jobs, not only with inline runs), then pool and dense.
     */
    static NetworkDefinition parallelNetwork() {
        SplittableRandom random = new SplittableRandom(7);
        int in = 8;
        int out = 32;
        float[] weights = new float[out * 3 * 3 * in];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextDouble(-0.5, 0.5);
        }
        float[] dense = new float[out * 4];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = (float) random.nextDouble(-1, 1);
        }
        var conv = new Convolution("conv", in, out, 3, 3, 1, 1, Padding.symmetric(1), 1, Clamp.RELU, weights, new float[out]);
        var head = new Dense("dense", out, 4, Clamp.NONE, dense, new float[4]);
        return new NetworkDefinition("race", TensorShape.image(24, 24, in),
                List.of(conv, new GlobalAveragePool("pool"), head), List.of("a", "b", "c", "d"), Preprocessing.IMAGENET);
    }

    static Tensor input() {
        SplittableRandom random = new SplittableRandom(11);
        float[] data = new float[24 * 24 * 8];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextDouble(-1, 1);
        }
        return Tensor.wrap(new TensorShape(1, 24, 24, 8), data);
    }

    @Test
    void closeDuringPredictNeverHangsAndNeverGivesAWrongAnswer() {
        NetworkDefinition network = parallelNetwork();
        Tensor input = input();
        float[] expected;
        try (Model reference = Vinfer.compile(network, ModelOptions.defaults().withBackend("scalar").withThreads(1))) {
            expected = reference.predict(input).allLogits();
        }
        SplittableRandom random = new SplittableRandom(2024);
        AtomicInteger finishedAfterClose = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (int round = 0; round < ROUNDS; round++) {
                Model model = Vinfer.compile(network, ModelOptions.defaults().withBackend("scalar").withThreads(POOL_THREADS));
                ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < PREDICTING_THREADS; t++) {
                    boolean useSession = t == 0; // one thread holds its own session, the others share predict()
                    Thread thread = new Thread(() -> predictUntilClosed(model, input, expected, useSession, failures,
                            finishedAfterClose, refused), "predictor-" + t);
                    thread.setDaemon(true);
                    threads.add(thread);
                    thread.start();
                }
                // Random close timing: from before the first layer to well into the stream of predictions.
                LockSupport.parkNanos(random.nextLong(0, 2_000_000));
                model.close();
                if (random.nextBoolean()) {
                    model.close(); // idempotent, also while predictions wind down
                }
                for (Thread thread : threads) {
                    thread.join(TimeUnit.SECONDS.toMillis(10));
                    if (thread.isAlive()) {
                        fail("round " + round + ": " + thread.getName() + " still running 10 s after close(): "
                                + List.of(thread.getStackTrace()));
                    }
                }
                if (!failures.isEmpty()) {
                    AssertionError error = new AssertionError("round " + round + ": " + failures.peek(), failures.peek());
                    failures.forEach(error::addSuppressed);
                    throw error;
                }
            }
        });
        assertEquals(ROUNDS * PREDICTING_THREADS, refused.get(), "every thread ends on a 'model closed' refusal");
        // The close time is random, but over hundreds of rounds some closes must land inside a run.
        assertTrue(finishedAfterClose.get() > 0, "no prediction was in flight at any close: the test raced nothing");
    }

    private static void predictUntilClosed(Model model, Tensor input, float[] expected, boolean useSession,
                                           ConcurrentLinkedQueue<Throwable> failures, AtomicInteger finishedAfterClose,
                                           AtomicInteger refused) {
        try {
            InferenceSession session = useSession ? model.newSession() : null;
            while (true) {
                boolean closedBefore = model.isClosed();
                float[] logits = useSession ? session.run(input).allLogits() : model.predict(input).allLogits();
                if (closedBefore) {
                    failures.add(new AssertionError("a call that started after close() returned a result"));
                    return;
                }
                if (model.isClosed()) {
                    finishedAfterClose.incrementAndGet();
                }
                assertArrayEquals(expected, logits, "an in-flight prediction must still be right");
            }
        } catch (VinferException e) {
            if (e.getMessage().startsWith("model closed")) {
                refused.incrementAndGet();
            } else {
                failures.add(e);
            }
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    @Test
    void callsAfterCloseFailAtOnceAndCloseIsIdempotent() {
        Model model = Vinfer.compile(parallelNetwork(), ModelOptions.defaults().withBackend("scalar").withThreads(2));
        InferenceSession session = model.newSession();
        session.run(input());
        model.close();
        model.close();
        assertTrue(model.isClosed());
        assertEquals("model closed: race cannot run after close()",
                assertThrows(VinferException.class, () -> model.predict(input())).getMessage());
        assertTrue(assertThrows(VinferException.class, model::newSession).getMessage().startsWith("model closed"));
        assertTrue(assertThrows(VinferException.class, () -> session.run(input())).getMessage().startsWith("model closed"));
        assertTrue(assertThrows(VinferException.class, () -> session.runProfiled(input(), new long[4]))
                .getMessage().startsWith("model closed"));
        model.close();
    }
}
