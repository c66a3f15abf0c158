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

    /** {@return the number of independent tasks}; the engine calls {@link #run} on ranges of {@code [0, taskCount())} */
    int taskCount();

    /** {@return the relative cost of one task, in multiply-adds}; the engine uses it to decide whether threads pay */
    long costPerTask();

    /**
     * Computes tasks {@code [firstTask, endTask)}.
     *
     * @param firstTask the first task to compute
     * @param endTask   one past the last task to compute
     * @param worker index of the calling worker, for per-worker scratch made in {@code bind}
     */
    void run(int firstTask, int endTask, int worker);

    /** The work of a bound layer: computes tasks {@code [firstTask, endTask)} as {@link #run} does. */
    @FunctionalInterface
    interface TaskRange {
        /**
         * Computes tasks {@code [firstTask, endTask)}.
         *
         * @param firstTask the first task to compute
         * @param endTask   one past the last task to compute
         * @param worker    index of the calling worker
         */
        void run(int firstTask, int endTask, int worker);
    }

    /**
     * A bound layer of {@code taskCount} tasks costing {@code costPerTask} multiply-adds each, whose
     * work is {@code body}: the common case, so kernels need not spell out an anonymous class.
     *
     * @param taskCount   the number of independent tasks
     * @param costPerTask multiply-adds per task
     * @param body        computes a range of tasks
     * @return the bound layer
     */
    static BoundLayer of(int taskCount, long costPerTask, TaskRange body) {
        return new BoundLayer() {
            @Override
            public int taskCount() {
                return taskCount;
            }

            @Override
            public long costPerTask() {
                return costPerTask;
            }

            @Override
            public void run(int firstTask, int endTask, int worker) {
                body.run(firstTask, endTask, worker);
            }
        };
    }
}
