package dev.vinfer.runtime;

import dev.vinfer.spi.BoundLayer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerPoolTest {

    /** Counts how often each task ran and which workers took part. */
    static class CountingLayer implements BoundLayer {
        final AtomicIntegerArray runs;
        final AtomicIntegerArray workers = new AtomicIntegerArray(64);

        CountingLayer(int tasks) {
            runs = new AtomicIntegerArray(tasks);
        }

        @Override
        public int taskCount() {
            return runs.length();
        }

        @Override
        public long costPerTask() {
            return 1_000_000;
        }

        @Override
        public void run(int first, int end, int worker) {
            workers.incrementAndGet(worker);
            for (int t = first; t < end; t++) {
                runs.incrementAndGet(t);
            }
        }
    }

    @Test
    void everyTaskRunsExactlyOnceForAnyThreadCount() {
        for (int threads = 1; threads <= 5; threads++) {
            try (WorkerPool pool = new WorkerPool(threads)) {
                for (int tasks : new int[] {1, 2, 3, 7, 64, 1001}) {
                    for (int repeat = 0; repeat < 20; repeat++) {
                        CountingLayer layer = new CountingLayer(tasks);
                        pool.run(layer);
                        for (int t = 0; t < tasks; t++) {
                            assertEquals(1, layer.runs.get(t), "threads " + threads + " tasks " + tasks + " task " + t);
                        }
                        for (int w = threads; w < 64; w++) {
                            assertEquals(0, layer.workers.get(w), "worker index out of range");
                        }
                    }
                }
            }
        }
    }

    @Test
    void aFailingWorkerReachesTheCaller() {
        try (WorkerPool pool = new WorkerPool(2)) {
            BoundLayer failing = new CountingLayer(100) {
                @Override
                public void run(int first, int end, int worker) {
                    throw new IllegalStateException("kernel bug");
                }
            };
            RuntimeException e = assertThrows(RuntimeException.class, () -> pool.run(failing));
            assertTrue(e.getMessage().contains("kernel bug") || e.getCause().getMessage().contains("kernel bug"));
            CountingLayer healthy = new CountingLayer(100);
            pool.run(healthy); // the pool still works afterwards
            assertEquals(1, healthy.runs.get(99));
        }
    }

    @Test
    void concurrentCallersShareThePoolWithoutLosingTasks() throws InterruptedException {
        try (WorkerPool pool = new WorkerPool(2)) {
            Thread[] callers = new Thread[4];
            CountingLayer[][] layers = new CountingLayer[callers.length][50];
            for (int c = 0; c < callers.length; c++) {
                int caller = c;
                callers[c] = new Thread(() -> {
                    for (int i = 0; i < 50; i++) {
                        layers[caller][i] = new CountingLayer(37);
                        pool.run(layers[caller][i]);
                    }
                });
                callers[c].start();
            }
            for (Thread t : callers) {
                t.join();
            }
            for (CountingLayer[] perCaller : layers) {
                for (CountingLayer layer : perCaller) {
                    for (int t = 0; t < 37; t++) {
                        assertEquals(1, layer.runs.get(t));
                    }
                }
            }
        }
    }

    @Test
    void aClosedPoolRunsOnTheCaller() {
        WorkerPool pool = new WorkerPool(3);
        pool.close();
        CountingLayer layer = new CountingLayer(10);
        pool.run(layer);
        assertEquals(1, layer.runs.get(9));
        assertEquals(0, layer.workers.get(1));
    }

    /**
     * close() racing callers that are publishing jobs: before the fix a worker that saw the close left
     * without counting down a job published just then, and its caller spun forever.
     */
    @Test
    void closeWhileCallersRunNeverHangsAndLosesNoTask() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(2), () -> {
            for (int round = 0; round < 500; round++) {
                WorkerPool pool = new WorkerPool(3);
                java.util.concurrent.ConcurrentLinkedQueue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
                Thread[] callers = new Thread[3];
                for (int c = 0; c < callers.length; c++) {
                    callers[c] = new Thread(() -> {
                        try {
                            for (int i = 0; i < 200; i++) {
                                CountingLayer layer = new CountingLayer(64);
                                pool.run(layer);
                                for (int t = 0; t < 64; t++) {
                                    assertEquals(1, layer.runs.get(t), "task " + t);
                                }
                            }
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    });
                    callers[c].setDaemon(true);
                    callers[c].start();
                }
                java.util.concurrent.locks.LockSupport.parkNanos(random.nextLong(0, 300_000));
                pool.close();
                for (Thread caller : callers) {
                    caller.join(10_000);
                    assertTrue(!caller.isAlive(), "round " + round + ": a caller hangs after close()");
                }
                assertTrue(failures.isEmpty(), "round " + round + ": " + failures);
            }
        });
    }
}
