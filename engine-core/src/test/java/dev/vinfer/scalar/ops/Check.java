package dev.vinfer.scalar.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

/** Assertions and random data shared by the operator tests. */
final class Check {
    private Check() {
    }

    /** ONNX's tolerance for its node tests, as the shared README asks: rtol 1e-3, atol 1e-6. */
    static void closeToOnnx(OnnxNodeData.Tensor expected, int[] actualShape, float[] actual) {
        assertArrayEquals(expected.shape(), actualShape, "shape");
        close(expected.data(), actual, 1e-3, 1e-6);
    }

    /** {@code |actual - expected| <= atol + rtol * |expected|} on the first {@code expected.length} elements; NaN must match NaN. */
    static void close(float[] expected, float[] actual, double rtol, double atol) {
        if (actual.length < expected.length) {
            fail("output has " + actual.length + " elements, expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            if (Float.isNaN(e) || Float.isNaN(a) || Float.isInfinite(e)) {
                assertEquals(e, a, "element " + i);
            } else if (Math.abs((double) a - e) > atol + rtol * Math.abs(e)) {
                fail("element " + i + ": expected " + e + " but was " + a);
            }
        }
    }

    static float[] random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    static float[] iota(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i + 1;
        }
        return a;
    }

    /** Bit patterns, so that "bit-identical" is checked literally (NaN payloads and -0 included). */
    static void assertBitIdentical(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail("element " + i + ": " + expected[i] + " vs " + actual[i]);
            }
        }
    }

    /** Runs {@code run(from, to)} over {@code [0, total)} in {@code pieces} uneven ranges (some may be empty). */
    static void inPieces(int total, int pieces, RangeRunner run) {
        int from = 0;
        for (int p = 1; p <= pieces; p++) {
            // Triangular split points, so ranges differ in length and boundaries fall mid-row.
            int to = (int) ((long) total * p * (p + 1) / ((long) pieces * (pieces + 1)));
            run.run(from, to);
            from = to;
        }
    }

    interface RangeRunner {
        void run(int from, int to);
    }
}
