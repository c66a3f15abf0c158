package dev.vinfer.cli.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API calibration loop of {@link PeakFlops}. Touch this class only after
 * {@link PeakFlops#vectorApiPresent()} said yes: the cli module {@code requires static} the
 * incubator module, so it may be absent at run time.
 */
final class VectorFmaLoop {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorFmaLoop() {
    }

    static int lanes() {
        return SPECIES.length();
    }

    /** {@code iterations} rounds of 12 independent vector fmas; returns a value to keep them alive. */
    static float run(int iterations) {
        FloatVector a = FloatVector.broadcast(SPECIES, 0.999999f);
        FloatVector b = FloatVector.broadcast(SPECIES, 1e-6f);
        FloatVector v0 = FloatVector.broadcast(SPECIES, 0.1f), v1 = FloatVector.broadcast(SPECIES, 0.2f);
        FloatVector v2 = FloatVector.broadcast(SPECIES, 0.3f), v3 = FloatVector.broadcast(SPECIES, 0.4f);
        FloatVector v4 = FloatVector.broadcast(SPECIES, 0.5f), v5 = FloatVector.broadcast(SPECIES, 0.6f);
        FloatVector v6 = FloatVector.broadcast(SPECIES, 0.7f), v7 = FloatVector.broadcast(SPECIES, 0.8f);
        FloatVector v8 = FloatVector.broadcast(SPECIES, 0.9f), v9 = FloatVector.broadcast(SPECIES, 1.0f);
        FloatVector v10 = FloatVector.broadcast(SPECIES, 1.1f), v11 = FloatVector.broadcast(SPECIES, 1.2f);
        for (int i = 0; i < iterations; i++) {
            v0 = v0.fma(a, b);
            v1 = v1.fma(a, b);
            v2 = v2.fma(a, b);
            v3 = v3.fma(a, b);
            v4 = v4.fma(a, b);
            v5 = v5.fma(a, b);
            v6 = v6.fma(a, b);
            v7 = v7.fma(a, b);
            v8 = v8.fma(a, b);
            v9 = v9.fma(a, b);
            v10 = v10.fma(a, b);
            v11 = v11.fma(a, b);
        }
        return v0.add(v1).add(v2).add(v3).add(v4).add(v5).add(v6).add(v7).add(v8).add(v9).add(v10).add(v11)
                .reduceLanes(VectorOperators.ADD);
    }
}
