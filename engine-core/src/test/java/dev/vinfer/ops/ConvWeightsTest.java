package dev.vinfer.ops;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvWeightsTest {
    @Test
    void oihwBecomesOhwi() {
        // out 1, in 2, 2x2 kernel: OIHW [[[[1,2],[3,4]], [[5,6],[7,8]]]] -> OHWI rows (1,5),(2,6),(3,7),(4,8)
        assertArrayEquals(new float[] {1, 5, 2, 6, 3, 7, 4, 8},
                ConvWeights.oihwToOhwi(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 2, 2, 2));
    }

    @Test
    void everyElementLandsWhereTheIndexFormulaSays() {
        int out = 3, in = 5, kh = 2, kw = 3;
        float[] oihw = random(out * in * kh * kw, 1);
        float[] ohwi = ConvWeights.oihwToOhwi(oihw, out, in, kh, kw);
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        assertEquals(oihw[((o * in + i) * kh + y) * kw + x], ohwi[((o * kh + y) * kw + x) * in + i]);
                    }
                }
            }
        }
    }

    @Test
    void theTwoConversionsUndoEachOther() {
        float[] oihw = random(7 * 3 * 3 * 3, 2);
        assertArrayEquals(oihw, ConvWeights.ohwiToOihw(ConvWeights.oihwToOhwi(oihw, 7, 3, 3, 3), 7, 3, 3, 3));
        float[] ohwi = random(4 * 6 * 1 * 5, 3);
        assertArrayEquals(ohwi, ConvWeights.oihwToOhwi(ConvWeights.ohwiToOihw(ohwi, 4, 6, 1, 5), 4, 6, 1, 5));
    }

    @Test
    void pointwiseAndDepthwiseWeightsAreTheSameInBothOrdersButStillCopied() {
        float[] pointwise = random(8 * 5, 4); // 1x1 kernel
        float[] depthwise = random(6 * 9, 5); // one input channel per group, 3x3
        for (float[][] c : new float[][][] {
                {pointwise, ConvWeights.oihwToOhwi(pointwise, 8, 5, 1, 1)},
                {pointwise, ConvWeights.ohwiToOihw(pointwise, 8, 5, 1, 1)},
                {depthwise, ConvWeights.oihwToOhwi(depthwise, 6, 1, 3, 3)},
                {depthwise, ConvWeights.ohwiToOihw(depthwise, 6, 1, 3, 3)}}) {
            assertArrayEquals(c[0], c[1]);
            assertNotSame(c[0], c[1], "the caller owns the result");
        }
    }

    @Test
    void aLengthThatDoesNotFitTheShapeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvWeights.oihwToOhwi(new float[10], 2, 3, 1, 1));
        assertTrue(e.getMessage().contains("need 6 floats, got 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvWeights.ohwiToOihw(new float[10], 2, 3, 3, 3));
    }

    private static float[] random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }
}
