package dev.vinfer.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one float species every kernel uses, as compile-time constants for C2. Touched only after
 * {@link SimdSupport} found the incubator module, so its initialisation cannot fail on a JVM without it.
 *
 * <p>A rule for every kernel: a vector carried around a loop is never the receiver of an operation
 * ({@code m = load.max(m)}, not {@code m = m.max(load)}). C2 types the loop's phi as plain
 * {@code FloatVector}, so a call on it can only be inlined with a type profile; when the method went
 * to C2 without one (from tier 2, say) the call stayed virtual and every vector was boxed. That
 * happened to the max pool in about one run in five: 3 ms instead of 0.3 ms for ResNet-18's. A
 * freshly loaded or broadcast vector has its exact class, so the call inlines without a profile;
 * max and add are commutative bit for bit, so swapping the operands changes no result. Before a
 * division, {@code -0.0 + sum} (which is {@code sum}, bit for bit) gives the quotient such a receiver.
 */
final class Lanes {
    /** The species: the CPU's preferred width, or the test-only {@code vinfer.simd.vectorBits} override. */
    static final VectorSpecies<Float> F = species();
    /** Floats per vector. */
    static final int N = F.length();
    static final int BITS = F.vectorBitSize();

    private Lanes() {
    }

    /** Vectors that cover {@code channels} channels (one, masked, when there are fewer than {@link #N}). */
    static int vectorCount(int channels) {
        return channels >= N ? Math.ceilDiv(channels, N) : 1;
    }

    /**
     * First channel of vector {@code v} of {@code channels}. When the channel count is not a multiple
     * of the lane count, the last vector is shifted back to end at the last channel: it recomputes a
     * few channels of its neighbour (bit for bit the same values, lanes being independent) but needs
     * no mask, so the common case never pays for the tail. Only fewer channels than lanes need masks.
     */
    static int vectorStart(int v, int channels) {
        return Math.max(0, Math.min(v * N, channels - N));
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
