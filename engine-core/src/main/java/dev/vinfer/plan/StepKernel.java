package dev.vinfer.plan;

import dev.vinfer.spi.BoundLayer;

/**
 * The compiled form of one step: given the arrays of its inputs and outputs in one session, make the
 * bound work. Called once per session and plan, never per inference; allocate scratch here.
 */
@FunctionalInterface
public interface StepKernel {
    BoundLayer bind(float[][] inputs, float[][] outputs, int workers);
}
