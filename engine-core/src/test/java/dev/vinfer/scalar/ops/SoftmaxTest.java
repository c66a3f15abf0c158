package dev.vinfer.scalar.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SoftmaxTest {

    static float[] softmax(int[] shape, float[] x, int axis, int opset) {
        Softmax plan = Softmax.of(shape, axis, opset);
        float[] out = new float[x.length];
        plan.run(x, out, 0, plan.taskCount());
        return out;
    }

    @Test
    void oneRowByHand() {
        // e^0, e^1, e^2 over their sum 1 + e + e^2 = 11.107338.
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f},
                softmax(new int[] {3}, new float[] {1, 2, 3}, -1, 13), 1e-7f);
    }

    @Test
    void largeNumbersDoNotOverflow() {
        float[] y = softmax(new int[] {1, 2}, new float[] {1000f, 1001f}, 1, 13);
        assertArrayEquals(new float[] {0.26894142f, 0.7310586f}, y, 1e-7f);
        float[] z = softmax(new int[] {2}, new float[] {-3e38f, 3e38f}, 0, 13);
        assertArrayEquals(new float[] {0f, 1f}, z);
    }

    @Test
    void axisZeroOfAMatrixNormalisesColumns() {
        float[] y = softmax(new int[] {2, 2}, new float[] {0, 5, 0, 5}, 0, 13);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, y);
    }

    @Test
    void beforeOpset13TheTrailingAxesAreOneRow() {
        // [2, 2, 2], axis 1: opset 13 normalises pairs along axis 1; opset 11 the 4 values of each batch together.
        float[] x = {0, 0, 0, 0, 1, 1, 1, 1};
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f}, softmax(new int[] {2, 2, 2}, x, 1, 13));
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f}, softmax(new int[] {2, 2, 2}, x, 1, 11));
        float[] y = softmax(new int[] {2, 3}, new float[] {1, 2, 3, 1, 2, 3}, 0, 11);
        float sum = 0;
        for (float v : y) {
            sum += v;
        }
        assertEquals(1f, sum, 1e-6f);
        assertEquals(1, Softmax.defaultAxis(12));
        assertEquals(-1, Softmax.defaultAxis(13));
    }

    @Test
    void rowsSumToOneOnRandomData() {
        int[] shape = {3, 4, 5};
        float[] x = Check.random(5, 60);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 30;
        }
        float[] y = softmax(shape, x, 1, 13);
        for (int a = 0; a < 3; a++) {
            for (int c = 0; c < 5; c++) {
                double sum = 0;
                for (int b = 0; b < 4; b++) {
                    sum += y[(a * 4 + b) * 5 + c];
                }
                assertEquals(1.0, sum, 1e-6);
            }
        }
    }

    @Test
    void inPlaceAndNan() {
        float[] x = {1, 2, 3};
        Softmax.of(new int[] {3}, 0, 13).run(x, x, 0, 1);
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f}, x, 1e-7f);
        float[] y = softmax(new int[] {2}, new float[] {Float.NaN, 1f}, 0, 13);
        assertTrue(Float.isNaN(y[0]) && Float.isNaN(y[1]));
    }

    @Test
    void rejectsBadAxesAndScalars() {
        assertThrows(IllegalArgumentException.class, () -> Softmax.of(new int[] {2, 3}, 2, 13));
        assertThrows(IllegalArgumentException.class, () -> Softmax.of(new int[] {2, 3}, -3, 11));
        assertThrows(IllegalArgumentException.class, () -> Softmax.of(new int[] {}, 0, 13));
    }

    @Test
    void anySplitIsBitIdentical() {
        int[] shape = {4, 7, 6};
        float[] x = Check.random(21, Shapes.size(shape));
        Softmax plan = Softmax.of(shape, 1, 13);
        float[] whole = softmax(shape, x, 1, 13);
        float[] split = new float[whole.length];
        Check.inPieces(plan.taskCount(), 5, (from, to) -> plan.run(x, split, from, to));
        Check.assertBitIdentical(whole, split);
    }

    @Test
    void matchesOnnxNodeTests() {
        check("test_softmax_axis_0", 0);
        check("test_softmax_axis_1", 1);
        check("test_softmax_axis_2", 2);
        check("test_softmax_default_axis", Softmax.defaultAxis(13));
        check("test_softmax_example", Softmax.defaultAxis(13));
        check("test_softmax_large_number", Softmax.defaultAxis(13));
        check("test_softmax_negative_axis", -1);
    }

    private static void check(String name, int axis) {
        OnnxNodeData t = OnnxNodeData.load(name);
        OnnxNodeData.Tensor x = t.input(0);
        Check.closeToOnnx(t.output(0), Softmax.outputShape(x.shape(), axis, 13), softmax(x.shape(), x.data(), axis, 13));
    }
}
