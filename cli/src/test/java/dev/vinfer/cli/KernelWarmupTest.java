package dev.vinfer.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelWarmupTest {
    @Test
    void byDefaultOnlyMachinesWithASpareCoreWarmUp() {
        assertFalse(KernelWarmup.enabled(null, 1));
        assertFalse(KernelWarmup.enabled(null, 2));
        assertFalse(KernelWarmup.enabled(null, KernelWarmup.MIN_PROCESSORS - 1));
        assertTrue(KernelWarmup.enabled(null, KernelWarmup.MIN_PROCESSORS));
        assertTrue(KernelWarmup.enabled(null, 64));
    }

    @Test
    void thePropertyDecidesEitherWayWhenSet() {
        assertTrue(KernelWarmup.enabled("true", 2));
        assertFalse(KernelWarmup.enabled("false", 64));
    }
}
