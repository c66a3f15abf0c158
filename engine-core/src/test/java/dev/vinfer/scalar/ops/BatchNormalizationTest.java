package dev.vinfer.scalar.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BatchNormalizationTest {
    private static final float[] SCALE = {2, 0.5f};
    private static final float[] BIAS = {1, -1};
    private static final float[] MEAN = {10, 0};
    private static final float[] VAR = {4, 0.25f};

    @Test
    void perChannelByHandInBothLayouts() {
        // Channel 0: (x - 10) / 2 * 2 + 1 = x - 9; channel 1: x / 0.5 * 0.5 - 1 = x - 1 (epsilon 0).
        float[] nhwc = {10, 0, 12, 2, 14, 4};
        BatchNormalization a = BatchNormalization.nhwc(new int[] {1, 1, 3, 2}, SCALE, BIAS, MEAN, VAR, 0f);
        float[] out = new float[6];
        a.run(nhwc, out, 0, a.taskCount());
        assertArrayEquals(new float[] {1, -1, 3, 1, 5, 3}, out);
        float[] plain = {10, 12, 14, 0, 2, 4};
        BatchNormalization b = BatchNormalization.plain(new int[] {1, 2, 3}, SCALE, BIAS, MEAN, VAR, 0f);
        b.run(plain, plain, 0, b.taskCount());
        assertArrayEquals(new float[] {1, 3, 5, -1, 1, 3}, plain);
        // [N, C] with no spatial axes.
        BatchNormalization c = BatchNormalization.plain(new int[] {2, 2}, SCALE, BIAS, MEAN, VAR, 0f);
        float[] rows = {12, 2, 10, 0};
        c.run(rows, rows, 0, c.taskCount());
        assertArrayEquals(new float[] {3, 1, 1, -1}, rows);
    }

    @Test
    void badParametersAreRejected() {
        int[] s = {1, 2, 2, 2};
        assertThrows(IllegalArgumentException.class, () -> BatchNormalization.nhwc(s, new float[3], BIAS, MEAN, VAR, 1e-5f));
        assertThrows(IllegalArgumentException.class, () -> BatchNormalization.plain(s, SCALE, null, MEAN, VAR, 1e-5f));
        assertThrows(IllegalArgumentException.class, () -> BatchNormalization.plain(s, SCALE, BIAS, MEAN, VAR, -1f));
        assertThrows(IllegalArgumentException.class, () -> BatchNormalization.plain(new int[] {2}, SCALE, BIAS, MEAN, VAR, 0f));
    }

    @Test
    void anySplitIsBitIdentical() {
        int[] s = {2, 3, 4, 5};
        float[] x = Check.random(3, 120);
        float[][] p = {Check.random(4, 3), Check.random(5, 3), Check.random(6, 3), {0.5f, 1, 2}};
        BatchNormalization bn = BatchNormalization.plain(s, p[0], p[1], p[2], p[3], 1e-5f);
        float[] whole = new float[120];
        bn.run(x, whole, 0, bn.taskCount());
        float[] split = new float[120];
        Check.inPieces(bn.taskCount(), 4, (from, to) -> bn.run(x, split, from, to));
        Check.assertBitIdentical(whole, split);
    }

    @Test
    void matchesOnnxNodeTestsInBothLayouts() {
        check("test_batchnorm_example", 1e-5f);
        check("test_batchnorm_epsilon", 1e-2f);
    }

    private static void check(String name, float epsilon) {
        OnnxNodeData t = OnnxNodeData.load(name);
        int[] s = t.input(0).shape();
        float[] scale = t.input(1).data();
        float[] bias = t.input(2).data();
        float[] mean = t.input(3).data();
        float[] var = t.input(4).data();
        BatchNormalization plain = BatchNormalization.plain(s, scale, bias, mean, var, epsilon);
        float[] y = new float[Shapes.size(s)];
        plain.run(t.input(0).data(), y, 0, plain.taskCount());
        Check.closeToOnnx(t.output(0), plain.outputShape(), y);

        int[] nhwcShape = {s[0], s[2], s[3], s[1]};
        BatchNormalization nhwc = BatchNormalization.nhwc(nhwcShape, scale, bias, mean, var, epsilon);
        float[] z = new float[y.length];
        nhwc.run(Layouts.nchwToNhwc(t.input(0).data(), s[0], s[1], s[2], s[3]), z, 0, nhwc.taskCount());
        Check.closeToOnnx(t.output(0), s, Layouts.nhwcToNchw(z, s[0], s[2], s[3], s[1]));
    }
}
