package dev.vinfer.simd;

import dev.vinfer.ops.Clamp;

/**
 * A weight matrix {@code [outputs][depth]} repacked once, at load, into the panels that
 * {@link GemmMinmax7x2v} streams: each panel holds {@link #WIDTH} consecutive output columns for every
 * reduction step, {@code packed[(panel * depth + k) * WIDTH + j] = weights[panel * WIDTH + j][k]}, so
 * the microkernel reads two whole vectors per step with no gather. Columns past {@code outputs} are
 * zero, so a channel count that is not a multiple of the lane count costs only a copy of the last
 * panel's real columns out of a small scratch tile, never a scalar tail loop. Immutable and shared by every thread.
 */
final class GemmPanels {
    /** Output columns per panel: two vectors (32 at 512 bits, 16 at 256, 8 at 128). */
    static final int WIDTH = 2 * Lanes.N;

    final int depth;
    final int outputs;
    final int panelCount;
    final float[] packed;
    /** Bias per column, zero-padded to whole panels. */
    final float[] bias;
    final float min;
    final float max;
    /** Whether the lower bound can change a value: not for {@code -inf} (no clamp below). */
    final boolean clampsBelow;
    /** Whether the upper bound can change a value: not for {@code +inf} (ReLU, no clamp). */
    final boolean clampsAbove;

    /**
     * @param weights {@code [outputs][depth]} row-major: OHWI convolution weights (depth = kh*kw*in) and
     *                dense weights ({@code [out][in]}) both have this form
     */
    GemmPanels(float[] weights, float[] bias, int outputs, int depth, Clamp clamp) {
        this.depth = depth;
        this.outputs = outputs;
        this.panelCount = (outputs + WIDTH - 1) / WIDTH;
        this.packed = new float[panelCount * depth * WIDTH];
        this.bias = new float[panelCount * WIDTH];
        for (int o = 0; o < outputs; o++) {
            int panel = o / WIDTH;
            int column = o % WIDTH;
            for (int k = 0; k < depth; k++) {
                packed[(panel * depth + k) * WIDTH + column] = weights[o * depth + k];
            }
        }
        System.arraycopy(bias, 0, this.bias, 0, outputs);
        this.min = clamp.min();
        this.max = clamp.max();
        this.clampsBelow = min != Float.NEGATIVE_INFINITY;
        this.clampsAbove = max != Float.POSITIVE_INFINITY;
    }

    /** Columns of {@code panel} that are real outputs (the last panel may be partly padding). */
    int columns(int panel) {
        return Math.min(WIDTH, outputs - panel * WIDTH);
    }
}
