package dev.vinfer.simd;

import dev.vinfer.ops.Clamp;

/**
 * {@link GemmPanels} in a heap array, for {@link GemmMinmax7x2v} (pointwise convolutions and dense
 * layers). Why not off the heap like {@link AlignedGemmPanels}: these kernels run on the first
 * inference's hot path, and until C2 has compiled them the interpreter and C1 read a segment far
 * slower than an array (0.2 s on a cold one-photo classify), while aligned panels gained nothing
 * here on a Zen 5 core (benchmarks/README, sixth round of issue 10).
 */
final class HeapGemmPanels extends GemmPanels {
    /** The panels, {@code (panel * depth + k) * WIDTH + j}. */
    final float[] packed;

    /** @param weights {@code [outputs][depth]} row-major, see {@link GemmPanels#pack} */
    HeapGemmPanels(float[] weights, float[] bias, int outputs, int depth, Clamp clamp) {
        super(bias, outputs, depth, clamp);
        this.packed = pack(weights);
    }
}
