package dev.vinfer.simd;

import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.Padding;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PointwiseConvGemm} (pointwise conv) against the scalar reference. */
class PointwiseConvGemmTest {

    /** Every pair of awkward channel counts on small images (short row tiles and partly padded panels). */
    @Test
    void awkwardChannelCountsOnSmallImages() {
        int[] sizes = {1, 2, 3, 5, 7}; // 1, 4, 9, 25, 49 rows: short tiles of 1, 4 and 2 rows, and whole ones
        long seed = 0;
        for (int cin : KernelTwin.CHANNELS) {
            for (int cout : KernelTwin.CHANNELS) {
                int size = sizes[(int) (seed % sizes.length)];
                Clamp clamp = KernelTwin.CLAMPS.get((int) (seed % 3));
                var conv = KernelTwin.conv("pw", cin, cout, 1, 1, 1, Padding.NONE, clamp, seed);
                KernelTwin.assertTwin(conv, new TensorShape(1, size, size, cin), seed++);
            }
        }
    }

    /** MobileNet V1's pointwise layers (some at width 1.0, some at 0.25/0.75 where channels are not lane multiples). */
    /**
     * More outputs than one panel of the wide tile (64 columns at 512 bits) and not a multiple of it,
     * on row counts that leave short register tiles and span several tasks (121 rows > 96).
     */
    @Test
    void severalPanelsWithAPartialLastOne() {
        long seed = 200;
        for (int cout : new int[] {65, 100, 129, 200}) {
            for (int size : new int[] {5, 11}) {
                var conv = KernelTwin.conv("pw", 40, cout, 1, 1, 1, Padding.NONE, KernelTwin.CLAMPS.get((int) (seed % 3)), seed);
                KernelTwin.assertTwin(conv, new TensorShape(1, size, size, 40), seed++);
            }
        }
    }

    @ParameterizedTest(name = "{0}x{0}x{1} -> {2}")
    @CsvSource({"112, 32, 64", "56, 64, 128", "28, 128, 256", "14, 256, 512", "14, 512, 512", "7, 512, 1024", "7, 1024, 1024",
            "112, 8, 16", "14, 128, 128", "56, 48, 96", "14, 192, 384", "7, 384, 768", "7, 768, 768"})
    void mobileNetShapes(int size, int cin, int cout) {
        var conv = KernelTwin.conv("pw", cin, cout, 1, 1, 1, Padding.NONE, Clamp.RELU6, size + cin + cout);
        KernelTwin.assertTwin(conv, new TensorShape(1, size, size, cin), cin);
    }

    /** A batch is just more rows: tiles cross image boundaries. */
    @Test
    void batchOfThree() {
        var conv = KernelTwin.conv("pw", 17, 33, 1, 1, 1, Padding.NONE, Clamp.RELU, 5);
        KernelTwin.assertTwin(conv, new TensorShape(3, 7, 7, 17), 6);
    }
}
