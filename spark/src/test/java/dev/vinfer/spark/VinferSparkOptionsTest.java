package dev.vinfer.spark;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VinferSparkOptionsTest {

    @Test
    void defaultsAndCopies() {
        VinferSparkOptions o = VinferSparkOptions.of("m").withTopK(3).withBatchSize(32).withThreads(2).withBackend("scalar");
        assertEquals(new VinferSparkOptions("m", 3, 32, 2, "scalar"), o);
        assertEquals(new VinferSparkOptions("m", 5, 8, 1, null), VinferSparkOptions.of("m"));
        assertNull(VinferSparkOptions.of("m").withBackend(" ").backend());
        assertEquals(new ExecutorModels.Key("m", "scalar", 2), o.modelKey());
    }

    @Test
    void nonsenseIsRefusedWithTheValue() {
        assertEquals("top-k must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> VinferSparkOptions.of("m").withTopK(0)).getMessage());
        assertEquals("batch size must be between 1 and 4096, got 0",
                assertThrows(IllegalArgumentException.class, () -> VinferSparkOptions.of("m").withBatchSize(0)).getMessage());
        assertEquals("threads must be between 1 and 256, got 257",
                assertThrows(IllegalArgumentException.class, () -> VinferSparkOptions.of("m").withThreads(257)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> VinferSparkOptions.of(" "));
    }
}
