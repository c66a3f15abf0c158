package dev.vinfer.simd;

import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.Padding;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link DwConv3x3Minmax1x1v} against the scalar reference. */
class DwConv3x3Minmax1x1vTest {
    /** PyTorch's symmetric padding, TF "same" (extra row/column at the bottom/right on stride 2), none, and lopsided. */
    static List<Padding> paddings(int size, int stride) {
        return List.of(Padding.symmetric(1), Padding.same(size, size, 3, 3, stride, stride), Padding.NONE,
                new Padding(0, 1, 2, 0), Padding.symmetric(2));
    }

    /** The full cross of channels x strides x paddings x clamps on small images. */
    @Test
    void awkwardChannelsStridesAndPaddingsOnSmallImages() {
        long seed = 0;
        for (int size : new int[] {1, 2, 7, 14}) {
            for (int stride : new int[] {1, 2}) {
                for (Padding padding : paddings(size, stride)) {
                    if (size + padding.top() + padding.bottom() < 3 || size + padding.left() + padding.right() < 3) {
                        continue; // the kernel does not fit: not a valid layer
                    }
                    for (int channels : KernelTwin.CHANNELS) {
                        Clamp clamp = KernelTwin.CLAMPS.get((int) (seed % 3));
                        var conv = KernelTwin.conv("dw", channels, channels, 3, stride, channels, padding, clamp, seed);
                        KernelTwin.assertTwin(conv, new TensorShape(1, size, size, channels), seed++);
                    }
                }
            }
        }
    }

    /** MobileNet V1's depthwise layers at widths 1.0 and 0.25/0.75, both paddings. */
    @ParameterizedTest(name = "{0}x{0}x{1} stride {2}")
    @CsvSource({"112, 32, 1", "112, 64, 2", "56, 128, 1", "56, 128, 2", "28, 256, 1", "28, 256, 2", "14, 512, 1",
            "14, 512, 2", "7, 1024, 1", "112, 8, 1", "112, 24, 2", "28, 192, 1", "7, 768, 1"})
    void mobileNetShapes(int size, int channels, int stride) {
        for (Padding padding : List.of(Padding.symmetric(1), Padding.same(size, size, 3, 3, stride, stride))) {
            var conv = KernelTwin.conv("dw", channels, channels, 3, stride, channels, padding, Clamp.RELU6, size + channels);
            KernelTwin.assertTwin(conv, new TensorShape(1, size, size, channels), channels);
        }
    }

    /** Height and width differ (the seed fixtures run 96x128 images): rows and columns must not be mixed up. */
    @Test
    void rectangularImages() {
        long seed = 100;
        for (int[] hw : new int[][] {{5, 9}, {9, 4}, {12, 16}}) {
            for (int stride : new int[] {1, 2}) {
                for (Padding padding : List.of(Padding.symmetric(1), Padding.same(hw[0], hw[1], 3, 3, stride, stride), new Padding(1, 0, 0, 2))) {
                    for (int channels : new int[] {7, 17, 48}) {
                        var conv = KernelTwin.conv("dw", channels, channels, 3, stride, channels, padding, KernelTwin.CLAMPS.get((int) (seed % 3)), seed);
                        KernelTwin.assertTwin(conv, new TensorShape(1, hw[0], hw[1], channels), seed++);
                    }
                }
            }
        }
    }

    /**
     * Clip bounds inside the values' range, so both compare-and-blend clamps of the four-pixel paths
     * change values (ReLU6 on random weights rarely reaches 6), on rows wide enough for several
     * groups of four plus a remainder.
     */
    @Test
    void clampsInsideTheRangeOnTheFourPixelPaths() {
        long seed = 500;
        for (Clamp clamp : List.of(new Clamp("clip", -0.25f, 0.5f), new Clamp("clip", 0.0f, 1f))) {
            for (int stride : new int[] {1, 2}) {
                for (int channels : new int[] {17, 48}) {
                    var conv = KernelTwin.conv("dw", channels, channels, 3, stride, channels, Padding.symmetric(1), clamp, seed);
                    KernelTwin.assertTwin(conv, new TensorShape(1, 11, 23, channels), seed++);
                }
            }
        }
    }

    /** A bound of -0.0 below or +0.0 above is where blending and Math.max/min differ: the reference runs it. */
    @Test
    void signedZeroBoundsAreLeftToTheReference() {
        for (Clamp clamp : List.of(new Clamp("clip", -0.0f, 1f), new Clamp("clip", -1f, 0.0f))) {
            var conv = KernelTwin.conv("dw", 16, 16, 3, 1, 16, Padding.symmetric(1), clamp, 1);
            assertTrue(new SimdBackend().prepare(conv, new TensorShape(1, 8, 8, 16)).isEmpty(), clamp.toString());
            var pointwise = KernelTwin.conv("pw", 16, 16, 1, 1, 1, Padding.NONE, clamp, 2);
            assertTrue(new SimdBackend().prepare(pointwise, new TensorShape(1, 8, 8, 16)).isEmpty(), clamp.toString());
        }
    }

    @Test
    void batchOfTwo() {
        var conv = KernelTwin.conv("dw", 17, 17, 3, 2, 17, Padding.symmetric(1), Clamp.RELU6, 3);
        KernelTwin.assertTwin(conv, new TensorShape(2, 7, 7, 17), 4);
    }
}
