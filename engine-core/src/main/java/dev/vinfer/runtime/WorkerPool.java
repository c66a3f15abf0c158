package dev.vinfer.runtime;

import dev.vinfer.spi.BoundLayer;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The intra-op thread pool of one loaded model: {@code threads - 1} daemon workers plus the calling
 * thread, which always takes part. A job is one {@link BoundLayer}; its tasks are cut into chunks that
 * threads claim from a shared counter, and the call returns when every worker has left the job, so
 * no worker can ever see two jobs at once.
 *
 * <p>The pool never fights the caller's threads: when it is already busy with another caller's job
 * (several threads sharing one model), the second caller simply runs its job inline on its own
 * thread. Nothing is allocated per job. Workers spin briefly between jobs (layers follow each other
 * within microseconds during an inference), then park. {@link #close()} stops them; they are daemon
 * threads, so a model that is never closed does not keep the JVM alive.
 *
 * <p>Closing is safe at any moment, also while other threads are inside {@link #run}: a job already
 * published is still finished by every worker, and a worker leaves only while it holds the pool's
 * {@code busy} flag, so no caller can publish a job that a departed worker would never join. Jobs
 * after the close run on the caller's thread.
 */
public final class WorkerPool implements AutoCloseable {
    /** Below this many multiply-adds a job runs inline: waking threads would cost more than it saves. */
    private static final long MIN_PARALLEL_WORK = 32_768;
    /**
     * More chunks than threads so a thread that got a slow chunk (or a noisy core) is balanced out.
     * 16 rather than 4: MobileNet's 56x56 fused steps (28 tiles) lost 5-10% at 2 threads to the
     * uneven last chunks; a chunk costs one atomic increment.
     */
    private static final int CHUNKS_PER_THREAD = 16;
    private static final long SPIN_NANOS = 50_000;

    private final int threads;
    private final Thread[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger nextChunk = new AtomicInteger();
    private final AtomicInteger workersInJob = new AtomicInteger();
    private volatile int generation;
    private volatile boolean closed;
    private volatile Throwable workerFailure;
    // Job fields: written by the caller before the volatile write of `generation`, read after it.
    private BoundLayer job;
    private int jobTasks;
    private int jobChunks;

    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int workerIndex = i + 1;
            Thread t = new Thread(() -> workerLoop(workerIndex), "vinfer-worker-" + workerIndex);
            t.setDaemon(true);
            workers[i] = t;
            t.start();
        }
    }

    public int threads() {
        return threads;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Runs every task of {@code layer}, in parallel when it pays and the pool is free. */
    public void run(BoundLayer layer) {
        int tasks = layer.taskCount();
        if (tasks == 0) {
            return;
        }
        if (closed || workers.length == 0 || tasks == 1 || layer.costPerTask() * tasks < MIN_PARALLEL_WORK
                || !busy.compareAndSet(false, true)) {
            layer.run(0, tasks, 0);
            return;
        }
        if (closed) {
            // Closed between the check above and taking the flag: workers may be leaving, so run inline.
            busy.set(false);
            layer.run(0, tasks, 0);
            return;
        }
        try {
            job = layer;
            jobTasks = tasks;
            jobChunks = Math.min(tasks, threads * CHUNKS_PER_THREAD);
            nextChunk.set(0);
            workersInJob.set(workers.length);
            generation++; // publishes the job fields above
            for (Thread worker : workers) {
                LockSupport.unpark(worker);
            }
            Throwable failed = null;
            try {
                work(0);
            } catch (Throwable t) {
                failed = t;
            }
            // Even when the caller's own chunk failed, wait: no worker may still be inside this job
            // when the next one is published.
            for (int spins = 0; workersInJob.get() > 0; spins++) {
                // On a busy machine a worker may be descheduled: stop burning its core after a while.
                if (spins < 10_000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            Throwable workerFailed = workerFailure;
            workerFailure = null;
            if (failed == null && workerFailed != null) {
                failed = new IllegalStateException("a worker thread failed in " + layer, workerFailed);
            }
            if (failed instanceof RuntimeException e) {
                throw e;
            }
            if (failed instanceof Error e) {
                throw e;
            }
        } finally {
            job = null;
            busy.set(false);
        }
    }

    private void work(int worker) {
        BoundLayer layer = job;
        int tasks = jobTasks;
        int chunks = jobChunks;
        int chunk;
        while ((chunk = nextChunk.getAndIncrement()) < chunks) {
            int from = (int) ((long) chunk * tasks / chunks);
            int to = (int) ((long) (chunk + 1) * tasks / chunks);
            layer.run(from, to, worker);
        }
    }

    private void workerLoop(int workerIndex) {
        // Start from the generation the pool was built with (0), not a fresh read: a worker that
        // starts late must still take part in a job published before it first ran.
        int seen = 0;
        while (true) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (generation == seen && !closed) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (generation != seen) {
                // A published job is joined even after close(): its caller waits for every worker.
                seen = generation;
                try {
                    work(workerIndex);
                } catch (Throwable t) {
                    // A kernel bug must neither kill the worker nor hang the caller: hand it to the caller.
                    workerFailure = t;
                } finally {
                    workersInJob.decrementAndGet();
                }
                continue;
            }
            // Closed with no job pending for this worker. Leave only while holding `busy`: a caller
            // publishes only while holding it and re-checks `closed` after taking it, so no job can
            // appear that this worker would miss. A caller holds it for one layer at most.
            if (busy.compareAndSet(false, true)) {
                busy.set(false);
                return;
            }
            LockSupport.parkNanos(this, SPIN_NANOS);
        }
    }

    /**
     * Stops the workers; later jobs run on the calling thread. Safe while other threads run jobs (they
     * finish) and idempotent.
     */
    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
    }
}
