package dev.vinfer.spi;

/**
 * A layer bound to its input and output buffers, split into independent tasks (for example output
 * rows). The engine runs disjoint task ranges on different threads.
 *
 * <p>Contract, which makes results bit-identical for every thread count: each output element is
 * written by exactly one task, and its value depends only on the inputs, never on how tasks were
 * grouped into ranges or which worker ran them.
 */
public interface BoundLayer {

    /** Number of independent tasks; the engine calls {@link #run} on ranges of {@code [0, taskCount())}. */
    int taskCount();

    /** Relative cost of one task, in multiply-adds; the engine uses it to decide whether threads pay. */
    long costPerTask();

    /**
     * Computes tasks {@code [firstTask, endTask)}.
     *
     * @param worker index of the calling worker, for per-worker scratch made in {@code bind}
     */
    void run(int firstTask, int endTask, int worker);
}
