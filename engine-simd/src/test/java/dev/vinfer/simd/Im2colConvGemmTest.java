package dev.vinfer.simd;

import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.Padding;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.api.Test;

/** {@link Im2colConvGemm} (the stem and any other ungrouped convolution) against the scalar reference. */
class Im2colConvGemmTest {

    /** MobileNet's stem: 3x3/2 from RGB, at width 1.0 (32), 0.75 (24) and 0.25 (8), both paddings. */
    @Test
    void mobileNetStem() {
        for (int out : new int[] {32, 24, 8}) {
            for (Padding padding : new Padding[] {Padding.symmetric(1), Padding.same(224, 224, 3, 3, 2, 2)}) {
                var conv = KernelTwin.conv("conv1", 3, out, 3, 2, 1, padding, Clamp.RELU6, out);
                KernelTwin.assertTwin(conv, new TensorShape(1, 224, 224, 3), out);
            }
        }
    }

    @Test
    void awkwardChannelsStridesPaddingsAndSizes() {
        long seed = 0;
        for (int size : new int[] {1, 2, 7, 14}) {
            for (int stride : new int[] {1, 2}) {
                for (Padding padding : new Padding[] {Padding.symmetric(1), Padding.same(size, size, 3, 3, stride, stride), new Padding(2, 0, 0, 1)}) {
                    if (size + padding.top() + padding.bottom() < 3 || size + padding.left() + padding.right() < 3) {
                        continue;
                    }
                    int cin = KernelTwin.CHANNELS[(int) (seed % KernelTwin.CHANNELS.length)];
                    for (int cout : KernelTwin.CHANNELS) {
                        var conv = KernelTwin.conv("conv", cin, cout, 3, stride, 1, padding, KernelTwin.CLAMPS.get((int) (seed % 3)), seed);
                        KernelTwin.assertTwin(conv, new TensorShape(1, size, size, cin), seed++);
                    }
                }
            }
        }
    }

    /** Height and width differ: the in-place (igemm) and gathered paths must index rows and columns right. */
    @Test
    void rectangularImages() {
        long seed = 50;
        for (int[] hw : new int[][] {{5, 17}, {16, 9}, {96, 128}}) {
            for (int stride : new int[] {1, 2}) {
                for (Padding padding : new Padding[] {Padding.symmetric(1), Padding.same(hw[0], hw[1], 3, 3, stride, stride)}) {
                    var conv = KernelTwin.conv("conv", 3, 24, 3, stride, 1, padding, Clamp.RELU6, seed);
                    KernelTwin.assertTwin(conv, new TensorShape(1, hw[0], hw[1], 3), seed++);
                }
            }
        }
    }

    /**
     * Tasks are groups of rows times blocks of panels: several rows per group (narrow maps), a last
     * group with fewer rows, two images, several panels with a partly padded last one, and (small
     * maps, few groups) the panels split across workers. ResNet's deep layers have these shapes.
     */
    @Test
    void rowGroupsAndPanelBlocks() {
        long seed = 70;
        Object[][] cases = {
            {new TensorShape(2, 7, 7, 40), 70, 1, Padding.symmetric(1)},
            {new TensorShape(1, 14, 14, 24), 40, 2, Padding.symmetric(1)},
            {new TensorShape(1, 9, 11, 16), 33, 1, Padding.same(9, 11, 3, 3, 1, 1)},
            {new TensorShape(1, 30, 30, 8), 17, 1, new Padding(2, 0, 0, 1)},
            {new TensorShape(3, 4, 5, 5), 65, 2, Padding.symmetric(1)},
        };
        for (Object[] c : cases) {
            TensorShape in = (TensorShape) c[0];
            var conv = KernelTwin.conv("conv", in.c(), (int) c[1], 3, (int) c[2], 1, (Padding) c[3], KernelTwin.CLAMPS.get((int) (seed % 3)), seed);
            KernelTwin.assertTwin(conv, in, seed++);
        }
    }

    /** A strided 1x1 is not pointwise (it skips pixels), so it takes this path too. */
    @Test
    void stridedOneByOne() {
        var conv = KernelTwin.conv("conv", 16, 17, 1, 2, 1, Padding.NONE, Clamp.NONE, 9);
        KernelTwin.assertTwin(conv, new TensorShape(2, 7, 7, 16), 9);
    }
}
