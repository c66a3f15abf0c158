package dev.vinfer.plan;

import dev.vinfer.spi.BoundLayer;

/**
 * The compiled form of one step: given the arrays of its inputs and outputs in one session, make the
 * bound work. Called once per session and plan, never per inference; allocate scratch here.
 */
@FunctionalInterface
public interface StepKernel {
    /**
     * {@return the step's work over these arrays, ready to run any number of times}
     *
     * @param inputs  one array per input of the step, in its physical layout (constants included);
     *                only read
     * @param outputs one array per output of the step, in its physical layout; each may be longer
     *                than the value (buffer slots are shared by values whose lifetimes do not overlap)
     * @param workers the number of threads that may run tasks at once; worker indices passed to
     *                {@link BoundLayer#run} are below it
     */
    BoundLayer bind(float[][] inputs, float[][] outputs, int workers);
}
