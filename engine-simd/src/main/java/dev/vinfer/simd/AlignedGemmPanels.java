package dev.vinfer.simd;

import dev.vinfer.ops.Clamp;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * {@link GemmPanels} off the heap, starting at a 64-byte boundary, for {@link IgemmMinmax7x2v} (the
 * im2col convolutions). Every weight vector a kernel loads is then one whole cache line at 512 bits
 * (half or a quarter of one at 256/128), never split across two; a heap array cannot promise that
 * (its data start moves with the object's place in the heap, 16 bytes past an 8-byte boundary).
 * Split loads cost the most where the weights stream from L2 or L3: ResNet-18's 3x3 convolutions
 * (reductions of 576-4608 steps) ran 10-35% faster from aligned panels on a Zen 5 core.
 *
 * <p>The memory comes from an automatic arena: it goes when the layer does, like an array, so a
 * model closed while another thread still runs it never reads freed memory.
 */
final class AlignedGemmPanels extends GemmPanels {
    /** The byte order kernels read the panels in: the one they were written in. */
    static final ByteOrder ORDER = ValueLayout.JAVA_FLOAT.order();
    /** Bytes of one vector, and of one reduction step of a panel (two vectors). */
    static final long VECTOR_BYTES = (long) Lanes.N * Float.BYTES;
    static final long STEP_BYTES = 2 * VECTOR_BYTES;
    private static final long CACHE_LINE = 64;

    /** The panels, in {@link GemmPanels}' layout; see {@link #panelOffset}. */
    final MemorySegment aligned;

    /** @param weights {@code [outputs][depth]} row-major, see {@link GemmPanels#pack} */
    AlignedGemmPanels(float[] weights, float[] bias, int outputs, int depth, Clamp clamp) {
        super(bias, outputs, depth, clamp);
        float[] panels = pack(weights);
        this.aligned = Arena.ofAuto().allocate((long) panels.length * Float.BYTES, CACHE_LINE);
        MemorySegment.copy(panels, 0, aligned, ValueLayout.JAVA_FLOAT, 0, panels.length);
    }

    /**
     * {@return the byte offset in {@link #aligned} of {@code panel}'s first step} Kernels address step
     * {@code k} as {@code panelOffset + k * STEP_BYTES} in {@code long}, a form C2 recognises: it
     * cuts the loop into strips and checks the bounds once per strip, not at every load (seen in
     * the compiled code, {@code -XX:CompileCommand=print}). That strip set-up costs about a third of
     * a 16-step loop at every entry, the other reason the short reductions stay on the heap.
     */
    static long panelOffset(int panel, int depth) {
        return (long) panel * depth * STEP_BYTES;
    }
}
