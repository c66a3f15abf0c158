package dev.vinfer.mobilenet;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchNormFoldingTest {

    @Test
    void foldedConvolutionEqualsConvolutionThenBatchNorm() {
        SplittableRandom random = new SplittableRandom(7);
        int out = 5;
        int perChannel = 12;
        float[] w = new float[out * perChannel];
        float[] x = new float[perChannel];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-2, 2);
        }
        float[] convBias = {0.3f, -0.2f, 0f, 1f, -1f};
        // Large, negative and tiny gammas, so a sign or sqrt mistake shows.
        BatchNorm bn = new BatchNorm(new float[] {4f, -0.5f, 1f, 0.01f, -3f}, new float[] {0.1f, 0.2f, -0.3f, 0f, 2f},
                new float[] {0.5f, -1f, 2f, 0f, 0.25f}, new float[] {0.2f, 4f, 1f, 0.001f, 9f}, 1e-3);
        BatchNormFolding.Folded folded = BatchNormFolding.fold(w, convBias, bn);
        for (int o = 0; o < out; o++) {
            double conv = convBias[o];
            double fused = folded.bias()[o];
            for (int i = 0; i < perChannel; i++) {
                conv += (double) w[o * perChannel + i] * x[i];
                fused += (double) folded.weights()[o * perChannel + i] * x[i];
            }
            double expected = bn.gamma()[o] * (conv - bn.mean()[o]) / Math.sqrt(bn.variance()[o] + bn.epsilon()) + bn.beta()[o];
            assertEquals(expected, fused, 1e-5 * Math.max(1, Math.abs(expected)), "channel " + o);
        }
    }

    @Test
    void aMissingConvBiasFoldsAsZeroAndInputsStayUntouched() {
        float[] w = {1f, 2f};
        BatchNorm bn = new BatchNorm(new float[] {2f}, new float[] {1f}, new float[] {3f}, new float[] {3f}, 1.0);
        BatchNormFolding.Folded folded = BatchNormFolding.fold(w, null, bn);
        assertArrayEquals(new float[] {1f, 2f}, folded.weights()); // scale 2/sqrt(4) = 1
        assertArrayEquals(new float[] {-2f}, folded.bias());     // (0 - 3) * 1 + 1
        assertArrayEquals(new float[] {1f, 2f}, w);
    }

    @Test
    void mismatchedLengthsAreRefused() {
        BatchNorm bn = new BatchNorm(new float[2], new float[2], new float[2], new float[2], 1e-5);
        assertThrows(IllegalArgumentException.class, () -> BatchNormFolding.fold(new float[3], null, bn));
        assertThrows(IllegalArgumentException.class, () -> BatchNormFolding.fold(new float[4], new float[3], bn));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm(new float[2], new float[1], new float[2], new float[2], 1e-5));
    }
}
