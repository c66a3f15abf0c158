package dev.vinfer.plan;

import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.graph.Attributes;
import dev.vinfer.graph.Ops;
import dev.vinfer.graph.TinyGraphs;
import dev.vinfer.tensor.NdArray;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A caller's NCHW input is copied into the NHWC buffer by the worker pool, row by row: every
 * element must land in place whatever the thread count, and no run may see the previous input.
 */
class InputConversionTest {
    /** A 1x1 convolution with identity weights: NCHW in, the same NCHW out, through the NHWC region. */
    private static Model identityModel(int threads) {
        int channels = 3;
        float[] eye = new float[channels * channels];
        for (int c = 0; c < channels; c++) {
            eye[c * channels + c] = 1;
        }
        TinyGraphs t = new TinyGraphs().input("x", -1, channels, -1, -1);
        String w = t.constant("w", NdArray.wrap(new int[] {channels, channels, 1, 1}, eye));
        String b = t.constant("b", NdArray.zeros(channels));
        String y = t.node("conv", Ops.CONV, Attributes.builder().set("group", 1).build(), "x", w, b);
        return Vinfer.compile(t.build(y), ModelOptions.defaults().withBackend("scalar").withThreads(threads).withoutGraphPasses());
    }

    @Test
    void everyThreadCountPutsEveryElementInPlace() {
        // 2 images of 3x61x83: 122 rows, enough work for the pool to split the copy.
        int[] shape = {2, 3, 61, 83};
        for (int threads : new int[] {1, 2, 3}) {
            try (Model model = identityModel(threads)) {
                for (long seed = 1; seed <= 3; seed++) {
                    NdArray x = random(shape, seed);
                    NdArray y = model.run(Map.of("x", x)).values().iterator().next();
                    assertArrayEquals(shape, y.shape());
                    assertArrayEquals(x.data(), y.data(), threads + " threads, input " + seed);
                }
            }
        }
    }

    @Test
    void theCopyIsCheckedAgainstTheConversionStepOnSmallInputsToo() {
        // 1x3x2x5: a single short row per task, run inline.
        try (Model model = identityModel(2)) {
            NdArray x = random(new int[] {1, 3, 2, 5}, 9);
            NdArray y = model.run(Map.of("x", x)).values().iterator().next();
            assertEquals(Layout.NHWC, model.plan(Map.of("x", new int[] {1, 3, 2, 5})).inputs().getFirst().layout());
            assertArrayEquals(x.data(), y.data());
        }
    }

    private static NdArray random(int[] shape, long seed) {
        NdArray a = NdArray.zeros(shape);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < a.size(); i++) {
            a.data()[i] = (float) random.nextDouble(-1, 1);
        }
        return a;
    }
}
