package dev.vinfer.scalar.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnaryTest {

    static float[] map(Unary f, float... x) {
        float[] y = new float[x.length];
        f.run(x, y, 0, x.length);
        return y;
    }

    @Test
    void handWorkedValues() {
        assertArrayEquals(new float[] {0f, 0f, 2f}, map(Unary.relu(), -1f, 0f, 2f));
        assertArrayEquals(new float[] {-0.2f, 3f}, map(Unary.leakyRelu(0.1f), -2f, 3f), 1e-7f);
        assertArrayEquals(new float[] {0f, 0.6f, 1f, 0.85f}, map(Unary.hardSigmoid(0.5f, 0.6f), -2f, 0f, 1f, 0.5f), 1e-6f);
        // HardSwish: x * clamp(x/6 + 1/2, 0, 1); -1 -> -1/3, 1 -> 2/3, saturates at +-3.
        assertArrayEquals(new float[] {-0f, -1f / 3f, 0f, 2f / 3f, 4f}, map(Unary.hardSwish(), -4f, -1f, 0f, 1f, 4f), 1e-6f);
        assertArrayEquals(new float[] {-1f, 0.5f, 1f}, map(Unary.clip(-1f, 1f), -2f, 0.5f, 2f));
        assertArrayEquals(new float[] {0.5f, 1f}, map(Unary.sigmoid(), 0f, 1000f));
        assertArrayEquals(new float[] {0.7615942f, -1f}, map(Unary.tanh(), 1f, -50f), 1e-7f);
        assertArrayEquals(new float[] {-3f, 7f}, map(Unary.identity(), -3f, 7f));
    }

    @Test
    void extremesStayFinite() {
        float tiny = map(Unary.sigmoid(), -100f)[0];
        assertTrue(tiny >= 0f && tiny < 1e-40f, "sigmoid(-100) = " + tiny);
        assertEquals(0f, map(Unary.sigmoid(), Float.NEGATIVE_INFINITY)[0]);
        assertEquals(1f, map(Unary.sigmoid(), Float.POSITIVE_INFINITY)[0]);
    }

    @Test
    void clipWithMinAboveMaxGivesMaxAsNumpyDoes() {
        assertArrayEquals(new float[] {1f, 1f, 1f}, map(Unary.clip(2f, 1f), -5f, 1.5f, 5f));
    }

    @Test
    void nanPropagates() {
        for (Unary f : new Unary[] {Unary.relu(), Unary.sigmoid(), Unary.tanh(), Unary.leakyRelu(0.1f),
                Unary.hardSigmoid(0.2f, 0.5f), Unary.hardSwish(), Unary.clip(-1f, 1f)}) {
            assertTrue(Float.isNaN(f.apply(Float.NaN)), f + " of NaN");
        }
    }

    @Test
    void runsAtOffsetsAndInPlace() {
        float[] buffer = {-1f, -2f, 3f, -4f, 5f};
        Unary.relu().run(buffer, 1, buffer, 1, 3);
        assertArrayEquals(new float[] {-1f, 0f, 3f, 0f, 5f}, buffer);
        float[] dst = new float[4];
        Unary.leakyRelu(0.5f).run(new float[] {-2f, -4f}, 0, dst, 2, 2);
        assertArrayEquals(new float[] {0f, 0f, -1f, -2f}, dst);
    }

    @Test
    void rejectsBadAttributes() {
        assertThrows(IllegalArgumentException.class, () -> Unary.clip(Float.NaN, 1f));
        assertThrows(IllegalArgumentException.class, () -> Unary.leakyRelu(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> Unary.outputShape(new int[] {2, -1}));
        assertArrayEquals(new int[] {2, 3}, Unary.outputShape(new int[] {2, 3}));
    }

    @Test
    void matchesOnnxNodeTests() {
        check("test_relu", Unary.relu());
        check("test_sigmoid", Unary.sigmoid());
        check("test_sigmoid_example", Unary.sigmoid());
        check("test_tanh", Unary.tanh());
        check("test_tanh_example", Unary.tanh());
        check("test_leakyrelu", Unary.leakyRelu(0.1f));
        check("test_leakyrelu_example", Unary.leakyRelu(0.1f));
        check("test_leakyrelu_default", Unary.leakyRelu(0.01f));
        check("test_hardsigmoid", Unary.hardSigmoid(0.5f, 0.6f));
        check("test_hardsigmoid_example", Unary.hardSigmoid(0.5f, 0.6f));
        check("test_hardsigmoid_default", Unary.hardSigmoid(0.2f, 0.5f));
        check("test_hardswish", Unary.hardSwish());
        check("test_clip_default_inbounds", Unary.clip(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY));
    }

    @Test
    void matchesOnnxClipTestsWithBoundsAsInputs() {
        for (String name : new String[] {"test_clip", "test_clip_example", "test_clip_inbounds", "test_clip_outbounds",
                "test_clip_splitbounds"}) {
            OnnxNodeData t = OnnxNodeData.load(name);
            check(t, Unary.clip(t.input(1).data()[0], t.input(2).data()[0]));
        }
        OnnxNodeData min = OnnxNodeData.load("test_clip_default_min");
        check(min, Unary.clip(min.input(1).data()[0], Float.POSITIVE_INFINITY));
        OnnxNodeData max = OnnxNodeData.load("test_clip_default_max");
        check(max, Unary.clip(Float.NEGATIVE_INFINITY, max.input(1).data()[0]));
    }

    private static void check(String testName, Unary f) {
        check(OnnxNodeData.load(testName), f);
    }

    private static void check(OnnxNodeData t, Unary f) {
        OnnxNodeData.Tensor x = t.input(0);
        float[] y = new float[x.data().length];
        f.run(x.data(), y, 0, y.length);
        Check.closeToOnnx(t.output(0), Unary.outputShape(x.shape()), y);
    }
}
