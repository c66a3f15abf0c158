package dev.vinfer.plan;

import java.util.List;

/**
 * Everything needed to run a graph on inputs of fixed shapes: the steps in order, the values they
 * read and write, and the buffer slot of every computed value. Immutable; each session binds its own
 * buffers to it ({@link PlanBinding}).
 *
 * @param steps     what runs, in order
 * @param inputs    the graph inputs, in the graph's order
 * @param outputs   the graph outputs, in the graph's order
 * @param slotSizes floats per buffer slot; shared, not copied, so never written
 */
public record ExecutionPlan(List<Step> steps, List<PlannedValue> inputs, List<PlannedValue> outputs, int[] slotSizes) {

    /**
     * {@return bytes of activation memory a session holds for this plan: every slot, inputs and outputs
     * included}
     */
    public long activationBytes() {
        long floats = 0;
        for (int s : slotSizes) {
            floats += s;
        }
        return floats * Float.BYTES;
    }

    /** {@return the multiply-adds of one run of the whole batch (convolutions and matrix products)} */
    public long multiplyAdds() {
        return steps.stream().mapToLong(Step::multiplyAdds).sum();
    }

    /**
     * {@return the graph input named {@code name}, or {@code null} when there is none}
     *
     * @param name a graph input's name
     */
    public PlannedValue input(String name) {
        return inputs.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }
}
