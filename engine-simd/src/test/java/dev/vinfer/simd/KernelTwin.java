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
 * and compares (ncnn's testutil idea). The SIMD side runs its tasks one by one in reverse order on
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
     * Asserts the SIMD kernel of {@code spec} agrees with the reference on a random input of shape
     * {@code in}.
     *
     * @param reduction the number of products summed per output (kh*kw*in/groups), which sets the tolerance
     */
    static void assertTwin(LayerSpec spec, TensorShape in, int reduction, long seed) {
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
        assertClose(expected, Arrays.copyOf(outStorage, out.size()), reduction, spec.describe() + " " + spec.name() + " on " + in);
    }

    /**
     * The tolerance: both sides sum the same {@code K} products in float32 but in different ways
     * (the reference rounds each product then adds, SIMD uses fused multiply-adds, sometimes in another
     * order). Such rounding errors add up like a random walk, about {@code sqrt(K) * 2^-24} relative to
     * the magnitudes involved; 1e-5 (~170 ulp) times sqrt(K) times the output scale leaves a wide margin
     * over that while an indexing or masking bug, which is off by O(1), still fails.
     */
    static void assertClose(float[] expected, float[] actual, int reduction, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        float scale = 1f;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        double tolerance = 1e-5 * Math.sqrt(reduction) * scale;
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= tolerance)) {
                fail(what + ": element " + i + " expected " + expected[i] + " but was " + actual[i] + " (tolerance " + tolerance + ")");
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
