package dev.vinfer.simd;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Tiles of a fused layer that several tasks read: each tile's first stage (the depthwise part of
 * {@link DepthwisePointwiseFused}) is computed once, by all the tasks that need it together, into
 * one buffer per tile, instead of once per task.
 *
 * <p>Why: with several workers and few pixel tiles (the 14x14 and 7x7 layers), the fused layer
 * splits each tile's output channels into blocks, one task each, so that every core streams only
 * its share of the weights. Each task computing its tile's depthwise part alone meant every core
 * ran the whole depthwise layer. Here the stage is cut into as many slices as the tile has readers
 * (tasks), so each computes about one: a task arriving at a tile claims and computes slices until
 * none is left, then waits for the slices other tasks claimed. It never waits for work nobody has
 * started (a slice is only counted as claimed by the task that computes it), so one thread running
 * every task in turn simply computes them all.
 *
 * <p>The last task to leave a tile resets its counters for the next inference (the pool finishes
 * every task of a job before it starts the next). A slice that throws marks the tiles failed, so
 * that tasks waiting for it fail too instead of spinning forever. Counters sit 64 bytes apart.
 */
final class SharedTiles {
    /** Computes slice {@code slice} of tile {@code tile} into {@code buffer}. */
    @FunctionalInterface
    interface Stage {
        void compute(int tile, int slice, float[] buffer);
    }

    private static final int STRIDE = 16; // ints: one cache line per counter
    private static final int CLAIMED = 0;
    private static final int DONE = 1;
    private static final int LEFT = 2;

    private final float[][] buffers;
    /** Tasks that read each tile, and the number of slices its stage is cut into. */
    private final int readers;
    private final Stage stage;
    private final AtomicIntegerArray counters;
    private volatile boolean failed;

    /**
     * @param readers the tasks that read each tile (its stage is cut into as many slices); the last
     *                of them to {@link #release} resets it
     */
    SharedTiles(int tiles, int floatsEach, int readers, Stage stage) {
        this.buffers = WorkerScratch.allocate(tiles, floatsEach);
        this.readers = readers;
        this.stage = stage;
        this.counters = new AtomicIntegerArray(tiles * 3 * STRIDE);
    }

    /** {@return tile {@code tile}'s buffer, complete}: computes unclaimed slices, then waits for the rest */
    float[] acquire(int tile) {
        float[] buffer = buffers[tile];
        int base = tile * 3 * STRIDE;
        int slice;
        while ((slice = counters.getAndIncrement(base + CLAIMED * STRIDE)) < readers) {
            try {
                stage.compute(tile, slice, buffer);
            } catch (RuntimeException | Error e) {
                failed = true;
                throw e;
            }
            counters.incrementAndGet(base + DONE * STRIDE);
        }
        for (int spins = 0; counters.get(base + DONE * STRIDE) < readers; spins++) {
            if (failed) {
                throw new IllegalStateException("another task failed computing a shared tile");
            }
            if (spins < 10_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // the other task's thread may be descheduled on a busy machine
            }
        }
        return buffer;
    }

    /** A reader of tile {@code tile} is done with it; the last one resets the tile for the next inference. */
    void release(int tile) {
        int base = tile * 3 * STRIDE;
        if (counters.incrementAndGet(base + LEFT * STRIDE) == readers) {
            counters.set(base + CLAIMED * STRIDE, 0);
            counters.set(base + DONE * STRIDE, 0);
            counters.set(base + LEFT * STRIDE, 0);
        }
    }
}
