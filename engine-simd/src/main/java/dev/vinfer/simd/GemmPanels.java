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
 * <p>Where the panels live is the caller's choice ({@link Storage}). Off the heap they start at a
 * 64-byte boundary, so every weight vector a kernel loads is one whole cache line at 512 bits (half
 * or a quarter of one at 256/128), never split across two; a heap array cannot promise that (its
 * data start moves with the object's place in the heap, 16 bytes past an 8-byte boundary). Split
 * loads cost the most where the weights stream from L2 or L3: ResNet-18's 3x3 convolutions
 * (reductions of 576-4608 steps) ran 10-35% faster from aligned panels on a Zen 5 core, and a
 * 98x512x512 GEMM on an Intel core 146-151 against 117-128 GFLOP/s. But a segment read costs more
 * elsewhere: C2 sets up a strip loop at every reduction loop entry (a third of a 16-step loop), and
 * until C2 has compiled a kernel the interpreter and C1 run segment reads far slower than array
 * reads, which put 0.2 s on a cold one-photo classify (benchmarks/README, sixth round of issue 10).
 */
final class GemmPanels {
    /** Output columns per panel: two vectors (32 at 512 bits, 16 at 256, 8 at 128). */
    static final int WIDTH = 2 * Lanes.N;
    /** The byte order kernels read the panels in: the one they were written in. */
    static final ByteOrder ORDER = ValueLayout.JAVA_FLOAT.order();
    /** Bytes the off-heap panels are aligned to. */
    private static final long CACHE_LINE = 64;

    /** Where the panels live. */
    enum Storage {
        /** {@link #packed}: for the pointwise and dense kernel, the first inference's hot path. */
        HEAP,
        /** {@link #aligned}: for the im2col kernel, whose long reductions stream their weights. */
        ALIGNED_OFF_HEAP
    }

    final int depth;
    final int outputs;
    final int panelCount;
    /** The panels on the heap, {@code (panel * depth + k) * WIDTH + j}; null when stored off the heap. */
    final float[] packed;
    /** The same layout off the heap, see {@link #panelOffset}; null when stored on the heap. */
    final MemorySegment aligned;
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
    GemmPanels(float[] weights, float[] bias, int outputs, int depth, Clamp clamp, Storage storage) {
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
        if (storage == Storage.HEAP) {
            this.packed = panels;
            this.aligned = null;
        } else {
            // An automatic arena: the memory goes when the layer does, like an array.
            this.packed = null;
            this.aligned = Arena.ofAuto().allocate((long) panels.length * Float.BYTES, CACHE_LINE);
            MemorySegment.copy(panels, 0, aligned, ValueLayout.JAVA_FLOAT, 0, panels.length);
        }
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
     * {@return the byte offset in {@link #aligned} of {@code panel}'s first step} Kernels address step
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
