package dev.vinfer.scalar.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Conv2dTest {

    static float[] conv(Conv2d conv, float[] x, float[] residual) {
        float[] out = new float[Shapes.size(conv.outputShape())];
        conv.run(x, residual, out, 0, conv.taskCount());
        return out;
    }

    @Test
    void boxFilterWithPaddingCountsNeighbours() {
        float[] ones = new float[9];
        java.util.Arrays.fill(ones, 1f);
        Conv2d box = Conv2d.of(new int[] {1, 3, 3, 1}, new int[] {1, 1, 3, 3}, ones, new float[] {0.5f}, 1,
                Window2d.of(3, 3).withPads(1, 1, 1, 1), null);
        assertArrayEquals(new float[] {4.5f, 6.5f, 4.5f, 6.5f, 9.5f, 6.5f, 4.5f, 6.5f, 4.5f}, conv(box, ones, null));
    }

    @Test
    void weightsAreReadInOnnxOrder() {
        // Two input channels, one output; W[0][ci][ky][kx] = 10 * ci + (2 * ky + kx) + 1 over a 2x2 kernel, input all 1 in
        // channel 0 and all 2 in channel 1: (1+2+3+4) * 1 + (11+12+13+14) * 2 = 110.
        float[] w = {1, 2, 3, 4, 11, 12, 13, 14};
        float[] x = {1, 2, 1, 2, 1, 2, 1, 2};
        Conv2d c = Conv2d.of(new int[] {1, 2, 2, 2}, new int[] {1, 2, 2, 2}, w, null, 1, Window2d.of(2, 2), null);
        assertArrayEquals(new float[] {110}, conv(c, x, null));
    }

    @Test
    void residualIsAddedBeforeTheActivation() {
        // 1x1 conv, weight 2, bias 1: 2x + 1 + r, then Clip(0, 6).
        Conv2d c = Conv2d.of(new int[] {1, 1, 4, 1}, new int[] {1, 1, 1, 1}, new float[] {2}, new float[] {1}, 1,
                Window2d.of(1, 1), Unary.clip(0, 6));
        assertArrayEquals(new float[] {0, 3, 6, 6}, conv(c, new float[] {-1, 1, 2, 3}, new float[] {-1, 0, 1, 2}));
        assertArrayEquals(new float[] {0, 3, 5, 6}, conv(c, new float[] {-1, 1, 2, 3}, null));
    }

    @Test
    void windowsEntirelyInThePaddingGiveTheBias() {
        Conv2d c = Conv2d.of(new int[] {1, 1, 1, 1}, new int[] {1, 1, 1, 1}, new float[] {3}, new float[] {0.25f}, 1,
                Window2d.of(1, 1).withPads(1, 1, 1, 1), null);
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f, 6.25f, 0.25f, 0.25f, 0.25f, 0.25f}, conv(c, new float[] {2}, null));
    }

    @Test
    void randomConfigurationsAgainstADirectNchwDefinition() {
        // n, h, w, inC, outC, groups, kh, kw, sh, sw, dh, dw, top, left, bottom, right
        int[][] configs = {
                {2, 5, 6, 3, 4, 1, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1},
                {1, 9, 8, 2, 3, 1, 3, 2, 2, 1, 2, 2, 0, 1, 2, 1},
                {1, 6, 7, 4, 6, 2, 3, 3, 1, 2, 1, 1, 1, 0, 1, 2},
                {2, 7, 5, 3, 3, 3, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1},
                {1, 8, 9, 3, 6, 3, 3, 3, 1, 2, 2, 1, 2, 1, 2, 1},
                {1, 10, 10, 2, 2, 1, 7, 7, 1, 1, 3, 3, 5, 5, 5, 5},
                {1, 4, 4, 5, 7, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0},
                {1, 5, 5, 8, 4, 4, 2, 3, 3, 2, 1, 2, 1, 2, 0, 1},
        };
        long seed = 100;
        for (int[] p : configs) {
            int n = p[0], h = p[1], w = p[2], inC = p[3], outC = p[4], groups = p[5];
            Window2d window = new Window2d(p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15]);
            int[] weightShape = {outC, inC / groups, p[6], p[7]};
            float[] weights = Check.random(seed++, Shapes.size(weightShape));
            float[] bias = Check.random(seed++, outC);
            float[] nchw = Check.random(seed++, n * inC * h * w);
            Conv2d conv = Conv2d.of(new int[] {n, h, w, inC}, weightShape, weights, bias, groups, window, Unary.hardSwish());
            int[] o = conv.outputShape();
            float[] residualNchw = Check.random(seed++, n * outC * o[1] * o[2]);
            float[] expected = naiveNchw(nchw, n, inC, h, w, weights, outC, groups, bias, residualNchw, window, o[1], o[2]);
            float[] got = conv(conv, Layouts.nchwToNhwc(nchw, n, inC, h, w), Layouts.nchwToNhwc(residualNchw, n, outC, o[1], o[2]));
            Check.close(expected, Layouts.nhwcToNchw(got, n, o[1], o[2], outC), 1e-5, 1e-5);
        }
    }

    @Test
    void anySplitIsBitIdentical() {
        int[] in = {2, 9, 7, 4};
        int[] weightShape = {8, 2, 3, 3};
        Window2d window = new Window2d(3, 3, 2, 1, 2, 1, 2, 1, 1, 1);
        float[] x = Check.random(1, Shapes.size(in));
        float[] residual = Check.random(2, 2 * 9 * 7 * 8);
        Conv2d conv = Conv2d.of(in, weightShape, Check.random(3, Shapes.size(weightShape)), Check.random(4, 8), 2, window,
                Unary.relu());
        float[] whole = conv(conv, x, residual);
        for (int pieces : new int[] {2, 3, 5}) {
            float[] split = new float[whole.length];
            Check.inPieces(conv.taskCount(), pieces, (from, to) -> conv.run(x, residual, split, from, to));
            Check.assertBitIdentical(whole, split);
        }
    }

    @Test
    void inconsistentShapesAreRejected() {
        float[] w = new float[36];
        var e = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.of(new int[] {1, 5, 5, 3}, new int[] {4, 1, 3, 3}, w, null, 2, Window2d.of(3, 3), null));
        assertTrue(e.getMessage().contains("groups"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Conv2d.of(new int[] {1, 5, 5, 4}, new int[] {4, 2, 3, 3}, w, null, 1, Window2d.of(3, 3), null));
        assertThrows(IllegalArgumentException.class,
                () -> Conv2d.of(new int[] {1, 5, 5, 1}, new int[] {4, 1, 3, 3}, w, null, 1, Window2d.of(2, 3), null));
        assertThrows(IllegalArgumentException.class,
                () -> Conv2d.of(new int[] {1, 5, 5, 1}, new int[] {4, 1, 3, 3}, w, new float[3], 1, Window2d.of(3, 3), null));
        assertThrows(IllegalArgumentException.class,
                () -> Conv2d.of(new int[] {1, 5, 5, 1}, new int[] {4, 1, 3, 3}, new float[35], null, 1, Window2d.of(3, 3), null));
        var small = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.of(new int[] {1, 2, 5, 1}, new int[] {4, 1, 3, 3}, w, null, 1, Window2d.of(3, 3), null));
        assertTrue(small.getMessage().contains("height"), small.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Conv2d.of(new int[] {1, 5, 5}, new int[] {4, 1, 3, 3}, w, null, 1, Window2d.of(3, 3), null));
    }

    @Test
    void matchesOnnxNodeTests() {
        check("test_basic_conv_with_padding", Window2d.of(3, 3).withPads(1, 1, 1, 1));
        check("test_basic_conv_without_padding", Window2d.of(3, 3));
        check("test_conv_with_strides_padding", Window2d.of(3, 3).withStrides(2, 2).withPads(1, 1, 1, 1));
        check("test_conv_with_strides_no_padding", Window2d.of(3, 3).withStrides(2, 2));
        // ONNX pads [1, 0, 1, 0] are [H begin, W begin, H end, W end].
        check("test_conv_with_strides_and_asymmetric_padding", Window2d.of(3, 3).withStrides(2, 2).withPads(1, 0, 1, 0));
        int[] s = OnnxNodeData.load("test_conv_with_autopad_same").input(0).shape();
        int[] p = Layouts.samePads(false, s[2], s[3], 3, 3, 2, 2, 1, 1);
        check("test_conv_with_autopad_same", Window2d.of(3, 3).withStrides(2, 2).withPads(p[0], p[1], p[2], p[3]));
    }

    private static void check(String name, Window2d window) {
        OnnxNodeData t = OnnxNodeData.load(name);
        int[] s = t.input(0).shape();
        var weights = t.input(1);
        Conv2d conv = Conv2d.of(new int[] {s[0], s[2], s[3], s[1]}, weights.shape(), weights.data(), null, 1, window, null);
        int[] o = conv.outputShape();
        float[] y = conv(conv, Layouts.nchwToNhwc(t.input(0).data(), s[0], s[1], s[2], s[3]), null);
        Check.closeToOnnx(t.output(0), new int[] {o[0], o[3], o[1], o[2]}, Layouts.nhwcToNchw(y, o[0], o[1], o[2], o[3]));
    }

    /**
     * The definition, independently: zero-pad the NCHW input into a larger array, then for every
     * output element sum weight x input over its group's channels and the dilated window, in double.
     */
    static float[] naiveNchw(float[] x, int n, int inC, int h, int w, float[] weights, int outC, int groups, float[] bias,
            float[] residual, Window2d win, int outH, int outW) {
        int ph = h + win.padTop() + win.padBottom();
        int pw = w + win.padLeft() + win.padRight();
        float[] padded = new float[n * inC * ph * pw];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < inC; c++) {
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < w; xx++) {
                        padded[((i * inC + c) * ph + y + win.padTop()) * pw + xx + win.padLeft()] = x[((i * inC + c) * h + y) * w + xx];
                    }
                }
            }
        }
        int inPerGroup = inC / groups;
        int outPerGroup = outC / groups;
        float[] out = new float[n * outC * outH * outW];
        Unary act = Unary.hardSwish();
        for (int i = 0; i < n; i++) {
            for (int oc = 0; oc < outC; oc++) {
                int group = oc / outPerGroup;
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        double sum = bias[oc];
                        for (int ci = 0; ci < inPerGroup; ci++) {
                            int c = group * inPerGroup + ci;
                            for (int ky = 0; ky < win.kernelH(); ky++) {
                                for (int kx = 0; kx < win.kernelW(); kx++) {
                                    int y = oy * win.strideH() + ky * win.dilationH();
                                    int xx = ox * win.strideW() + kx * win.dilationW();
                                    float v = y < ph && xx < pw ? padded[((i * inC + c) * ph + y) * pw + xx] : 0f;
                                    sum += (double) v * weights[((oc * inPerGroup + ci) * win.kernelH() + ky) * win.kernelW() + kx];
                                }
                            }
                        }
                        int o = ((i * outC + oc) * outH + oy) * outW + ox;
                        out[o] = act.apply((float) (sum + residual[o]));
                    }
                }
            }
        }
        return out;
    }
}
