package dev.vinfer.simd;

import dev.vinfer.ops.Clamp;

/**
 * A weight matrix {@code [outputs][depth]} repacked once, at load, into the panels that the GEMM
 * microkernels stream: each panel holds {@link #WIDTH} consecutive output columns for every
 * reduction step, {@code panels[(panel * depth + k) * WIDTH + j] = weights[panel * WIDTH + j][k]}, so
 * a kernel reads two whole vectors per step with no gather. Columns past {@code outputs} are zero,
 * so a channel count that is not a multiple of the lane count costs only a copy of the last panel's
 * real columns out of a small scratch tile, never a scalar tail loop. Immutable and shared by every
 * thread.
 *
 * <p>This class holds what every kernel needs besides the panels (shape, bias, clamp); where the
 * panels live is the subclass: {@link HeapGemmPanels} for the pointwise and dense kernel,
 * {@link AlignedGemmPanels} for the im2col kernel. Each kernel's signature names the one it reads.
 */
abstract sealed class GemmPanels permits HeapGemmPanels, AlignedGemmPanels {
    /** Output columns per panel: two vectors (32 at 512 bits, 16 at 256, 8 at 128). */
    static final int WIDTH = 2 * Lanes.N;

    final int depth;
    final int outputs;
    final int panelCount;
    /** Bias per column, zero-padded to whole panels. */
    final float[] bias;
    final float min;
    final float max;
    /** Whether the lower bound can change a value: not for {@code -inf} (no clamp below). */
    final boolean clampsBelow;
    /** Whether the upper bound can change a value: not for {@code +inf} (ReLU, no clamp). */
    final boolean clampsAbove;

    GemmPanels(float[] bias, int outputs, int depth, Clamp clamp) {
        this.depth = depth;
        this.outputs = outputs;
        this.panelCount = (outputs + WIDTH - 1) / WIDTH;
        this.bias = new float[panelCount * WIDTH];
        System.arraycopy(bias, 0, this.bias, 0, outputs);
        this.min = clamp.min();
        this.max = clamp.max();
        this.clampsBelow = min != Float.NEGATIVE_INFINITY;
        this.clampsAbove = max != Float.POSITIVE_INFINITY;
    }

    /**
     * {@return the panels of {@code weights}, in the layout above}
     *
     * @param weights {@code [outputs][depth]} row-major: OHWI convolution weights (depth = kh*kw*in) and
     *                dense weights ({@code [out][in]}) both have this form
     */
    final float[] pack(float[] weights) {
        float[] panels = new float[panelCount * depth * WIDTH];
        for (int o = 0; o < outputs; o++) {
            int panel = o / WIDTH;
            int column = o % WIDTH;
            for (int k = 0; k < depth; k++) {
                panels[(panel * depth + k) * WIDTH + column] = weights[o * depth + k];
            }
        }
        return panels;
    }

    /** Columns of {@code panel} that are real outputs (the last panel may be partly padding). */
    final int columns(int panel) {
        return Math.min(WIDTH, outputs - panel * WIDTH);
    }
}
