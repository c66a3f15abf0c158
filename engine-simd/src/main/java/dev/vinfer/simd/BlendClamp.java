package dev.vinfer.simd;

import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.Convolution;
import dev.vinfer.ops.Dense;
import dev.vinfer.ops.LayerSpec;

/**
 * Why the kernels clamp with compare-and-blend, and when they may not. {@code FloatVector.max/min}
 * follow {@link Math#max}'s rules for NaN and signed zeros, which costs C2 a sequence of several
 * instructions per vector; that epilogue was a quarter of a pointwise layer with 32 input channels.
 * A kernel instead stores {@code x <= lo ? lo : x}, then {@code x >= hi ? hi : x} (one compare and one
 * blend each). For a NaN {@code x} both keep NaN, as {@code Math.max} does; they differ from
 * {@code Math.max/min} only in the sign of a zero result when the lower bound is {@code -0.0} or the upper
 * bound is {@code +0.0} (Clip(min=-0.0), say). The SIMD backend declines such layers, alone or in
 * a chain ({@link #allows}, checked once in {@link SimdBackend}; the scalar reference runs them), so
 * every SIMD result keeps the reference's bits.
 */
final class BlendClamp {
    private BlendClamp() {
    }

    /** {@return whether the SIMD kernels may run {@code spec}: its clamp, if it has one, is {@link #exact}} */
    static boolean allows(LayerSpec spec) {
        return switch (spec) {
            case Convolution conv -> exact(conv.clamp());
            case Dense dense -> exact(dense.clamp());
            default -> true;
        };
    }

    /** {@return whether blending gives exactly {@link Clamp#apply}'s bits for every input} */
    static boolean exact(Clamp clamp) {
        return Float.floatToRawIntBits(clamp.min()) != Float.floatToRawIntBits(-0.0f)
                && Float.floatToRawIntBits(clamp.max()) != Float.floatToRawIntBits(0.0f);
    }
}
