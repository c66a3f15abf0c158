package dev.vinfer.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one float species every kernel uses, as compile-time constants for C2. Touched only after
 * {@link SimdSupport} found the incubator module, so its initialisation cannot fail on a JVM without it.
 */
final class Lanes {
    /** The species: the CPU's preferred width, or the test-only {@code vinfer.simd.vectorBits} override. */
    static final VectorSpecies<Float> F = species();
    /** Floats per vector. */
    static final int N = F.length();
    static final int BITS = F.vectorBitSize();

    private Lanes() {
    }

    static int preferredBits() {
        return VectorShape.preferredShape().vectorBitSize();
    }

    private static VectorSpecies<Float> species() {
        // A malformed override was already reported by SimdSupport; fall back to the preferred width.
        return switch (SimdSupport.forcedBits()) {
            case 128 -> FloatVector.SPECIES_128;
            case 256 -> FloatVector.SPECIES_256;
            case 512 -> FloatVector.SPECIES_512;
            default -> FloatVector.SPECIES_PREFERRED;
        };
    }
}
