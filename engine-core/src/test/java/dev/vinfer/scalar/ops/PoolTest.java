package dev.vinfer.scalar.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Pool2d (NHWC). */
class PoolTest {

    static float[] run(Pool2d pool, float[] x) {
        float[] out = new float[Shapes.size(pool.outputShape())];
        pool.run(x, out, 0, pool.taskCount());
        return out;
    }

    @Test
    void ceilModeKeepsThePartialLastWindow() {
        // ONNX's averagepool_2d_ceil / maxpool_2d_ceil: 4x4 of 1..16, kernel 3, stride 2.
        Window2d window = Window2d.of(3, 3).withStrides(2, 2);
        assertArrayEquals(new int[] {1, 1, 1, 1}, Pool2d.outputShape(1, 4, 4, 1, window, false));
        assertArrayEquals(new int[] {1, 2, 2, 1}, Pool2d.outputShape(1, 4, 4, 1, window, true));
        assertArrayEquals(new float[] {6, 7.5f, 12, 13.5f}, run(Pool2d.averagePool(1, 4, 4, 1, window, true, false), Check.iota(16)));
        assertArrayEquals(new float[] {11, 12, 15, 16}, run(Pool2d.maxPool(1, 4, 4, 1, window, true), Check.iota(16)));
    }

    @Test
    void ceilModeDropsAWindowThatWouldStartInTheRightPadding() {
        // in 4, kernel 2, stride 2, right pad 1: ceil((4 + 1 - 2) / 2) + 1 = 3, but window 2 would start at 4.
        Window2d window = Window2d.of(1, 2).withStrides(1, 2).withPads(0, 0, 0, 1);
        assertArrayEquals(new int[] {1, 1, 2, 1}, Pool2d.outputShape(1, 1, 4, 1, window, true));
    }

    @Test
    void countIncludePadCountsPaddingButNotTheOverhangPastIt() {
        // One row [1, 2, 3, 4], window 1x3, stride 2, pads 1 left and right, ceil: windows at -1, 1, 3.
        // The last covers 3 (input), 4 (padding) and 5 (past the padding): 4 / 2, as PyTorch and ONNX Runtime.
        Window2d window = Window2d.of(1, 3).withStrides(1, 2).withPads(0, 1, 0, 1);
        assertArrayEquals(new float[] {1, 3, 2}, run(Pool2d.averagePool(1, 1, 4, 1, window, true, true), Check.iota(4)));
        assertArrayEquals(new float[] {1.5f, 3, 4}, run(Pool2d.averagePool(1, 1, 4, 1, window, true, false), Check.iota(4)));
    }

    @Test
    void paddingCountsOnlyWhenAsked() {
        float[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        Window2d window = Window2d.of(3, 3).withPads(1, 1, 1, 1);
        float[] include = run(Pool2d.averagePool(1, 3, 3, 1, window, false, true), ones);
        assertArrayEquals(new float[] {4 / 9f, 6 / 9f, 4 / 9f, 6 / 9f, 1, 6 / 9f, 4 / 9f, 6 / 9f, 4 / 9f}, include, 1e-7f);
        assertArrayEquals(ones, run(Pool2d.averagePool(1, 3, 3, 1, window, false, false), ones));
        // Padding never wins a max, even over negative values.
        float[] negative = {-1, -2, -3, -4, -5, -6, -7, -8, -9};
        assertArrayEquals(new float[] {-1, -1, -2, -1, -1, -2, -4, -4, -5},
                run(Pool2d.maxPool(1, 3, 3, 1, window, false), negative));
    }

    @Test
    void dilatedWindowSkipsRowsAndColumns() {
        // 4x4 of 1..16, kernel 2x2 dilated by 2: each window reads (y, x), (y, x+2), (y+2, x), (y+2, x+2).
        Window2d window = Window2d.of(2, 2).withDilations(2, 2);
        assertArrayEquals(new float[] {11, 12, 15, 16}, run(Pool2d.maxPool(1, 4, 4, 1, window, false), Check.iota(16)));
        assertArrayEquals(new float[] {6, 7, 10, 11}, run(Pool2d.averagePool(1, 4, 4, 1, window, false, false), Check.iota(16)));
    }

    @Test
    void channelsAndImagesStaySeparate() {
        // 2 images, 2x2, 2 channels; a 2x2 max pool gives each image's per-channel max.
        float[] x = {1, -1, 2, -2, 3, -3, 4, -4, 5, 50, 6, 60, 7, 70, 8, 80};
        assertArrayEquals(new float[] {4, -1, 8, 80}, run(Pool2d.maxPool(2, 2, 2, 2, Window2d.of(2, 2), false), x));
    }

    @Test
    void badGeometryIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Pool2d.maxPool(1, 2, 2, 1, Window2d.of(3, 3), false));
        assertTrue(e.getMessage().contains("smaller than the window"), e.getMessage());
        // Pads so large that the first window holds only padding.
        var empty = assertThrows(IllegalArgumentException.class,
                () -> Pool2d.maxPool(1, 1, 1, 1, Window2d.of(2, 2).withPads(2, 2, 0, 0), false));
        assertTrue(empty.getMessage().contains("covers no input"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Window2d.of(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Window2d.of(1, 1).withStrides(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Window2d.of(1, 1).withPads(-1, 0, 0, 0));
    }

    @Test
    void anySplitIsBitIdentical() {
        Window2d window = new Window2d(3, 2, 2, 1, 1, 2, 1, 0, 2, 1);
        float[] x = Check.random(17, 3 * 9 * 8 * 5);
        for (Pool2d pool : new Pool2d[] {Pool2d.maxPool(3, 9, 8, 5, window, true),
                Pool2d.averagePool(3, 9, 8, 5, window, true, true), Pool2d.averagePool(3, 9, 8, 5, window, false, false)}) {
            float[] whole = run(pool, x);
            float[] split = new float[whole.length];
            Check.inPieces(pool.taskCount(), 4, (from, to) -> pool.run(x, split, from, to));
            Check.assertBitIdentical(whole, split);
        }
    }

    @Test
    void matchesOnnxNodeTests() {
        // name, max?, kernel, strides, dilations, pads (t, l, b, r) or null for SAME_UPPER/LOWER, ceil, count_include_pad
        checkAverage("default", Window2d.of(2, 2), false, false);
        checkAverage("ceil", Window2d.of(3, 3).withStrides(2, 2), true, false);
        checkAverage("pads", Window2d.of(3, 3).withPads(2, 2, 2, 2), false, false);
        checkAverage("pads_count_include_pad", Window2d.of(3, 3).withPads(2, 2, 2, 2), false, true);
        checkAverage("precomputed_pads", Window2d.of(5, 5).withPads(2, 2, 2, 2), false, false);
        checkAverage("precomputed_pads_count_include_pad", Window2d.of(5, 5).withPads(2, 2, 2, 2), false, true);
        checkAverage("precomputed_strides", Window2d.of(2, 2).withStrides(2, 2), false, false);
        checkAverage("strides", Window2d.of(5, 5).withStrides(3, 3), false, false);
        checkAverage("precomputed_same_upper", same(true, "test_averagepool_2d_precomputed_same_upper", 3, 2), false, false);
        checkAverage("same_upper", same(true, "test_averagepool_2d_same_upper", 2, 1), false, false);
        checkAverage("same_lower", same(false, "test_averagepool_2d_same_lower", 2, 1), false, false);

        checkMax("default", Window2d.of(2, 2), false);
        checkMax("ceil", Window2d.of(3, 3).withStrides(2, 2), true);
        checkMax("dilations", Window2d.of(2, 2).withDilations(2, 2), false);
        checkMax("pads", Window2d.of(3, 3).withPads(2, 2, 2, 2), false);
        checkMax("precomputed_pads", Window2d.of(5, 5).withPads(2, 2, 2, 2), false);
        checkMax("precomputed_strides", Window2d.of(2, 2).withStrides(2, 2), false);
        checkMax("strides", Window2d.of(5, 5).withStrides(3, 3), false);
        checkMax("precomputed_same_upper", same(true, "test_maxpool_2d_precomputed_same_upper", 3, 2), false);
        checkMax("same_upper", same(true, "test_maxpool_2d_same_upper", 2, 1), false);
        checkMax("same_lower", same(false, "test_maxpool_2d_same_lower", 2, 1), false);
    }

    private static Window2d same(boolean upper, String test, int kernel, int stride) {
        int[] s = OnnxNodeData.load(test).input(0).shape();
        int[] p = Layouts.samePads(upper, s[2], s[3], kernel, kernel, stride, stride, 1, 1);
        return Window2d.of(kernel, kernel).withStrides(stride, stride).withPads(p[0], p[1], p[2], p[3]);
    }

    private static void checkAverage(String name, Window2d window, boolean ceil, boolean includePad) {
        check("test_averagepool_2d_" + name, false, window, ceil, includePad);
    }

    private static void checkMax(String name, Window2d window, boolean ceil) {
        check("test_maxpool_2d_" + name, true, window, ceil, false);
    }

    private static void check(String name, boolean max, Window2d window, boolean ceil, boolean includePad) {
        OnnxNodeData t = OnnxNodeData.load(name);
        int[] s = t.input(0).shape();
        int n = s[0];
        int c = s[1];
        int h = s[2];
        int w = s[3];
        Pool2d pool = max ? Pool2d.maxPool(n, h, w, c, window, ceil) : Pool2d.averagePool(n, h, w, c, window, ceil, includePad);
        int[] o = pool.outputShape();
        float[] nhwc = run(pool, Layouts.nchwToNhwc(t.input(0).data(), n, c, h, w));
        Check.closeToOnnx(t.output(0), new int[] {n, c, o[1], o[2]}, Layouts.nhwcToNchw(nhwc, n, o[1], o[2], c));
    }
}
