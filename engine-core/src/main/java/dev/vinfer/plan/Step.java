package dev.vinfer.plan;

import java.util.List;

/**
 * One unit of execution: a kernel reading some values and writing others. A graph node becomes one
 * step, or several where the planner splits an epilogue a kernel cannot fuse or converts a layout.
 *
 * @param name         the graph node's name (with a suffix for the extra steps of a split node)
 * @param description  what it computes, e.g. {@code conv 3x3/2 dw relu6}, for profiles
 * @param backend      the backend whose kernel runs it, or {@link #ENGINE} for a step that only moves data
 * @param multiplyAdds for one run of the whole batch, convolutions and matrix products only
 * @param inputs       the values the kernel reads, in the order it takes them
 * @param outputs      the values the kernel writes, in the order it takes them
 * @param kernel       binds the work to one session's arrays
 */
public record Step(String name, String description, String backend, long multiplyAdds,
                   List<PlannedValue> inputs, List<PlannedValue> outputs, StepKernel kernel) {
    /** The {@link #backend()} of a step that only moves data (a layout conversion, a reshape copy): the engine's own. */
    public static final String ENGINE = "engine";

    /** Copies the lists. */
    public Step {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
