package dev.vinfer.simd;

import dev.vinfer.api.BackendInfo;
import dev.vinfer.api.Vinfer;
import dev.vinfer.scalar.ScalarBackend;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Discovery, availability and the test-only width override. */
class SimdBackendTest {

    @Test
    void discoveredUsableAndPreferredOverScalar() {
        BackendInfo simd = Vinfer.backends().stream().filter(b -> b.name().equals("simd")).findFirst().orElseThrow();
        assertTrue(simd.usable(), simd.detail());
        assertTrue(simd.detail().contains(Lanes.BITS + "-bit"), simd.detail());
        assertTrue(new SimdBackend().priority() > new ScalarBackend().priority());
    }

    /** CI runs this module at 128, 256 and 512 bits; make sure the override really took effect. */
    @Test
    void vectorWidthFollowsTheTestProperty() {
        String forced = System.getProperty(SimdSupport.VECTOR_BITS_PROPERTY, "");
        if (!forced.isBlank()) {
            assertEquals(Integer.parseInt(forced.trim()), Lanes.BITS);
            assertEquals(Lanes.BITS / Float.SIZE, Lanes.N);
        }
        assertTrue(Lanes.BITS >= 128);
        assertEquals(2 * Lanes.N, GemmPanels.WIDTH);
    }
}
