package dev.vinfer.plan;

import dev.vinfer.runtime.WorkerPool;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.tensor.NdArray;

import java.util.Arrays;
import java.util.List;

/**
 * One session's buffers for one {@link ExecutionPlan}: every slot allocated once, every step bound to
 * its arrays. Running it allocates nothing. Not thread-safe: one per session.
 */
public final class PlanBinding {
    private final ExecutionPlan plan;
    private final float[][] slots;
    private final BoundLayer[] bound;
    /** Per input: its NCHW-to-NHWC copy where the plan keeps it NHWC, else {@code null}. */
    private final LayoutConversion.InputToNhwc[] inputConversions;

    /**
     * Allocates every buffer slot of {@code plan} and binds every step to its arrays.
     *
     * @param plan    the plan to run
     * @param workers the number of threads that will run the steps (the pool's size)
     */
    public PlanBinding(ExecutionPlan plan, int workers) {
        this.plan = plan;
        this.slots = new float[plan.slotSizes().length][];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new float[plan.slotSizes()[i]];
        }
        List<PlannedValue> inputs = plan.inputs();
        this.inputConversions = new LayoutConversion.InputToNhwc[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).layout() == Layout.NHWC) {
                inputConversions[i] = new LayoutConversion.InputToNhwc(array(inputs.get(i)), inputs.get(i).logical());
            }
        }
        List<Step> steps = plan.steps();
        this.bound = new BoundLayer[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            bound[i] = step.kernel().bind(arrays(step.inputs()), arrays(step.outputs()), workers);
        }
    }

    private float[][] arrays(List<PlannedValue> values) {
        float[][] out = new float[values.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = array(values.get(i));
        }
        return out;
    }

    private float[] array(PlannedValue v) {
        return v.isConstant() ? v.constantData() : slots[v.slot];
    }

    /** {@return the plan these buffers serve} */
    public ExecutionPlan plan() {
        return plan;
    }

    /**
     * Copies a logical (row-major) input into its buffer, converting to NHWC where the plan keeps it so.
     *
     * @param index       the input's position in {@link ExecutionPlan#inputs()}
     * @param logicalData the input in its logical shape, at least its size; only read
     * @param pool        the threads that share the conversion (an image's rows), as for {@link #run}
     */
    public void setInput(int index, float[] logicalData, WorkerPool pool) {
        PlannedValue v = plan.inputs().get(index);
        if (v.layout() == Layout.NHWC) {
            LayoutConversion.InputToNhwc conversion = inputConversions[index];
            conversion.source(logicalData);
            try {
                pool.run(conversion);
            } finally {
                conversion.source(null);
            }
        } else {
            System.arraycopy(logicalData, 0, array(v), 0, v.size());
        }
    }

    /**
     * Copies an NHWC image batch into a rank-4 input, converting where the plan keeps it plain.
     *
     * @param index    the input's position in {@link ExecutionPlan#inputs()}
     * @param nhwcData the batch as {@code [N, H, W, C]}, at least the input's size; only read
     */
    public void setInputNhwc(int index, float[] nhwcData) {
        PlannedValue v = plan.inputs().get(index);
        if (v.layout() == Layout.NHWC) {
            System.arraycopy(nhwcData, 0, array(v), 0, v.size());
        } else {
            Layouts.toNchw(nhwcData, v.logical(), array(v));
        }
    }

    /**
     * Runs every step in order; the outputs are then in their buffers.
     *
     * @param pool the model's intra-op threads
     */
    public void run(WorkerPool pool) {
        for (BoundLayer step : bound) {
            pool.run(step);
        }
    }

    /**
     * Runs every step, adding each one's wall time to {@code nanos} (one slot per step).
     *
     * @param pool  the model's intra-op threads
     * @param nanos one counter per step of the plan, in nanoseconds; added to, not reset
     */
    public void runTimed(WorkerPool pool, long[] nanos) {
        for (int i = 0; i < bound.length; i++) {
            long start = System.nanoTime();
            pool.run(bound[i]);
            nanos[i] += System.nanoTime() - start;
        }
    }

    /**
     * Copies output {@code index}, in its logical layout, into {@code into}.
     *
     * @param index the output's position in {@link ExecutionPlan#outputs()}
     * @param into  the destination, at least the output's size
     * @return {@code into}
     */
    public float[] readOutput(int index, float[] into) {
        PlannedValue v = plan.outputs().get(index);
        if (v.layout() == Layout.NHWC) {
            Layouts.toNchw(array(v), v.logical(), into);
        } else {
            System.arraycopy(array(v), 0, into, 0, v.size());
        }
        return into;
    }

    /**
     * {@return output {@code index} in its logical shape, in a new array the caller keeps}
     *
     * @param index the output's position in {@link ExecutionPlan#outputs()}
     */
    public NdArray output(int index) {
        PlannedValue v = plan.outputs().get(index);
        return NdArray.wrap(v.logical(), readOutput(index, new float[v.size()]));
    }

    /**
     * {@return the buffer of output {@code index} when its memory order is already logical (no copy
     * needed), else {@code null}} The buffer is this binding's: the next run overwrites it, and it may
     * be longer than the output.
     *
     * @param index the output's position in {@link ExecutionPlan#outputs()}
     */
    public float[] plainOutputBuffer(int index) {
        PlannedValue v = plan.outputs().get(index);
        return v.layout() == Layout.PLAIN || Layout.sameInBoth(v.logical()) ? array(v) : null;
    }

    @Override
    public String toString() {
        return "PlanBinding" + Arrays.toString(plan.slotSizes());
    }
}
