package dev.vinfer.simd;

import dev.vinfer.ops.Clamp;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A weight matrix {@code [outputs][depth]} repacked once, at load, into the panels that
 * {@link GemmMinmax7x2v} streams: each panel holds {@link #WIDTH} consecutive output columns for every
 * reduction step, {@code packed[(panel * depth + k) * WIDTH + j] = weights[panel * WIDTH + j][k]}, so
 * the microkernel reads two whole vectors per step with no gather. Columns past {@code outputs} are
 * zero, so a channel count that is not a multiple of the lane count costs only a copy of the last
 * panel's real columns out of a small scratch tile, never a scalar tail loop. Immutable and shared by every thread.
 *
 * <p>The panels live off the heap, at a 64-byte boundary: every weight vector a kernel loads is then
 * one whole cache line at 512 bits (half or a quarter of one at 256/128), never split across two.
 * A heap array cannot promise that (its data start moves with the object's place in the heap, 16
 * bytes past an 8-byte boundary). Split loads cost the GEMM a fifth of its speed on an Intel server
 * core where the panels stream from L2: with the same kernel a 98x512x512 GEMM ran at 146-151
 * GFLOP/s from aligned panels and 117-128 from every other alignment, and MobileNet V1 came
 * 0.06-0.25x closer to ONNX Runtime (benchmarks/README, sixth round of issue 10). A Zen 5 core
 * showed no difference either way; there the cost is the segment loop's set-up, which is why
 * {@link GemmMinmax7x2v} loops over row tiles inside one call.
 */
final class GemmPanels {
    /** Output columns per panel: two vectors (32 at 512 bits, 16 at 256, 8 at 128). */
    static final int WIDTH = 2 * Lanes.N;
    /** The byte order kernels read the panels in: the one they were written in. */
    static final ByteOrder ORDER = ValueLayout.JAVA_FLOAT.order();
    /** Bytes the panels are aligned to. */
    private static final long CACHE_LINE = 64;

    final int depth;
    final int outputs;
    final int panelCount;
    /** The panels, {@code (panel * depth + k) * WIDTH + j} floats in; see {@link #panelOffset}. */
    final MemorySegment packed;
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
        float[] panels = new float[panelCount * depth * WIDTH];
        this.bias = new float[panelCount * WIDTH];
        for (int o = 0; o < outputs; o++) {
            int panel = o / WIDTH;
            int column = o % WIDTH;
            for (int k = 0; k < depth; k++) {
                panels[(panel * depth + k) * WIDTH + column] = weights[o * depth + k];
            }
        }
        // An automatic arena: the memory goes when the layer does, like the array it replaces.
        this.packed = Arena.ofAuto().allocate((long) panels.length * Float.BYTES, CACHE_LINE);
        MemorySegment.copy(panels, 0, packed, ValueLayout.JAVA_FLOAT, 0, panels.length);
        System.arraycopy(bias, 0, this.bias, 0, outputs);
        this.min = clamp.min();
        this.max = clamp.max();
        this.clampsBelow = min != Float.NEGATIVE_INFINITY;
        this.clampsAbove = max != Float.POSITIVE_INFINITY;
    }

    /** Bytes of one vector, and of one reduction step of a panel (two vectors). */
    static final long VECTOR_BYTES = (long) Lanes.N * Float.BYTES;
    static final long STEP_BYTES = 2 * VECTOR_BYTES;

    /**
     * {@return the byte offset in {@link #packed} of {@code panel}'s first step} Kernels address step
     * {@code k} as {@code panelOffset + k * STEP_BYTES} in {@code long}, a form C2 recognises: it
     * cuts the loop into strips and checks the bounds once per strip, not at every load (seen in
     * the compiled code, {@code -XX:CompileCommand=print}).
     */
    static long panelOffset(int panel, int depth) {
        return (long) panel * depth * STEP_BYTES;
    }

    /** Columns of {@code panel} that are real outputs (the last panel may be partly padding). */
    int columns(int panel) {
        return Math.min(WIDTH, outputs - panel * WIDTH);
    }
}
