package dev.vinfer.simd;

import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.Convolution;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.ops.Padding;
import dev.vinfer.scalar.ScalarBackend;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs one layer through the scalar reference and through the SIMD backend on the same random input
 * and compares them exactly (ncnn's testutil idea, with no tolerance): every SIMD kernel sums each
 * output as the same {@code Math.fma} chain, in the same order, as the reference, so any difference
 * at all is a bug. The SIMD side runs its tasks one by one in reverse order on
 * rotating worker indices, so a kernel whose result depends on task order or on which worker's
 * scratch it got fails here too; its buffers are views with NaN guard floats past the tensor, so a
 * store past the end (a bad tail mask) fails as well.
 */
final class KernelTwin {
    static final List<Clamp> CLAMPS = List.of(Clamp.NONE, Clamp.RELU, Clamp.RELU6);
    /** The awkward channel counts: 1, 3, lane counts and their neighbours at 128/256/512 bits, primes. */
    static final int[] CHANNELS = {1, 3, 7, 8, 15, 16, 17, 31, 33, 48};
    private static final int GUARD = 67;
    private static final int WORKERS = 3;

    private KernelTwin() {
    }

    /**
     * Asserts the SIMD kernel of {@code spec} gives exactly the reference's results on a random input
     * of shape {@code in}.
     */
    static void assertTwin(LayerSpec spec, TensorShape in, long seed) {
        PreparedLayer simd = new SimdBackend().prepare(spec, in.withBatch(1))
                .orElseThrow(() -> new AssertionError("simd has no kernel for " + spec.describe()));
        PreparedLayer scalar = ScalarBackend.prepareLayer(spec, in.withBatch(1));
        TensorShape out = spec.outputShape(in);
        float[] input = random(in.size(), seed);

        float[] expected = new float[out.size()];
        BoundLayer ref = scalar.bind(Tensor.wrap(in, input.clone()), Tensor.wrap(out, expected), 1);
        ref.run(0, ref.taskCount(), 0);

        float[] inStorage = Arrays.copyOf(input, in.size() + GUARD);
        float[] outStorage = new float[out.size() + GUARD];
        Arrays.fill(outStorage, Float.NaN);
        BoundLayer bound = simd.bind(Tensor.view(in, inStorage), Tensor.view(out, outStorage), WORKERS);
        for (int task = bound.taskCount() - 1; task >= 0; task--) {
            bound.run(task, task + 1, task % WORKERS);
        }
        for (int i = out.size(); i < outStorage.length; i++) {
            assertTrue(Float.isNaN(outStorage[i]), "wrote past the output tensor at +" + (i - out.size()));
        }
        assertSameBits(expected, Arrays.copyOf(outStorage, out.size()), spec.describe() + " " + spec.name() + " on " + in);
    }

    /**
     * Equal bit for bit, except that {@code +0} and {@code -0} count as equal: a kernel that reads the
     * padding as zeros adds {@code fma(0, w, s)}, which can turn an all-zero {@code -0} sum into
     * {@code +0} where the reference skipped those taps; the two compare equal as numbers and behave
     * the same in every later layer (the bias is added next).
     */
    static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i]) && expected[i] != actual[i]) {
                fail(what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]
                        + " (0x" + Integer.toHexString(Float.floatToIntBits(expected[i])) + " vs 0x"
                        + Integer.toHexString(Float.floatToIntBits(actual[i])) + ")");
            }
        }
    }

    static float[] random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return a;
    }

    static Convolution conv(String name, int in, int out, int k, int stride, int groups, Padding padding, Clamp clamp, long seed) {
        float[] weights = random(out * k * k * (in / groups), seed * 31 + 1);
        float[] bias = random(out, seed * 31 + 2);
        return new Convolution(name, in, out, k, k, stride, stride, padding, groups, clamp, weights, bias);
    }
}
