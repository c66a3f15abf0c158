package dev.vinfer.cli.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatsTest {

    @Test
    void percentilesInterpolateBetweenRanksLikeNumpy() {
        // numpy.percentile([1..10], [10, 50, 90]) = [1.9, 5.5, 9.1]; the order of the sample does not matter.
        Stats s = Stats.of(new double[] {7, 3, 10, 1, 5, 9, 2, 8, 4, 6});
        assertEquals(5.5, s.median(), 1e-12);
        assertEquals(1.9, s.p10(), 1e-12);
        assertEquals(9.1, s.p90(), 1e-12);
        assertEquals(1, s.min());
        assertEquals(10, s.max());
        assertEquals(10, s.count());
    }

    @Test
    void oddSamplesAndSingleValues() {
        Stats s = Stats.of(new double[] {30, 10, 20});
        assertEquals(20, s.median(), 1e-12);
        assertEquals(12, s.p10(), 1e-12); // rank 0.2 between 10 and 20
        assertEquals(28, s.p90(), 1e-12); // rank 1.8 between 20 and 30
        Stats one = Stats.of(new double[] {4.25});
        assertEquals(4.25, one.median());
        assertEquals(4.25, one.p10());
        assertEquals(4.25, one.p90());
        assertThrows(IllegalArgumentException.class, () -> Stats.of(new double[0]));
    }

    @Test
    void theInputIsNotReordered() {
        double[] sample = {3, 1, 2};
        Stats.of(sample);
        assertEquals(3, sample[0]);
    }
}
