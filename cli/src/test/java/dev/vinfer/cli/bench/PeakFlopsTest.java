package dev.vinfer.cli.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeakFlopsTest {

    @Test
    void calibrationGivesAPositivePeakAndSaysHowItWasMeasured() {
        double[] lastProgress = {-1};
        PeakFlops.Peak peak = PeakFlops.measure(0.05, f -> lastProgress[0] = f);
        assertTrue(peak.gflopsPerThread() > 0, peak.toString());
        assertEquals(PeakFlops.vectorApiPresent(), peak.vectorApi());
        assertTrue(peak.vectorApi() ? peak.vectorBits() >= 64 && peak.method().startsWith("Vector API")
                : peak.vectorBits() == 32 && peak.method().startsWith("scalar Math.fma"), peak.method());
        assertTrue(peak.seconds() >= 0.05 && peak.seconds() <= PeakFlops.MAX_SECONDS + 1, peak.toString());
        assertEquals(1.0, lastProgress[0]);
    }

    @Test
    void threadPeakScalesUpToTheProcessorCount() {
        PeakFlops.Peak peak = new PeakFlops.Peak(100, "test", 512, true, 0.3, 4);
        assertEquals(100, peak.gflops(1));
        assertEquals(400, peak.gflops(4));
        assertEquals(400, peak.gflops(16), "oversubscribed threads take turns on the same units");
    }

    @Test
    void theScalarLoopStaysFinite() {
        float v = PeakFlops.scalarLoop(10_000_000);
        assertTrue(Float.isFinite(v) && v > 0, "got " + v);
    }
}
