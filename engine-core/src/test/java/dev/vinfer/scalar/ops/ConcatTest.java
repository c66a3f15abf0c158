package dev.vinfer.scalar.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConcatTest {

    static float[] concat(int[][] shapes, float[][] inputs, int axis) {
        Concat plan = Concat.of(shapes, axis);
        float[] out = new float[Shapes.size(plan.outputShape())];
        plan.run(inputs, out, 0, plan.taskCount());
        return out;
    }

    @Test
    void alongRowsAndColumns() {
        int[][] shapes = {{2, 2}, {2, 1}};
        float[][] in = {{1, 2, 3, 4}, {9, 8}};
        assertArrayEquals(new int[] {2, 3}, Concat.outputShape(shapes, 1));
        assertArrayEquals(new float[] {1, 2, 9, 3, 4, 8}, concat(shapes, in, 1));
        assertArrayEquals(new float[] {1, 2, 9, 3, 4, 8}, concat(shapes, in, -1));
        int[][] rows = {{1, 2}, {2, 2}};
        assertArrayEquals(new float[] {5, 6, 1, 2, 3, 4}, concat(rows, new float[][] {{5, 6}, {1, 2, 3, 4}}, -2));
    }

    @Test
    void channelsOfThreeNchwTensorsIncludingAnEmptyOne() {
        int[][] shapes = {{1, 1, 2}, {1, 0, 2}, {1, 2, 2}};
        float[][] in = {{1, 2}, {}, {3, 4, 5, 6}};
        assertArrayEquals(new int[] {1, 3, 2}, Concat.outputShape(shapes, 1));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, concat(shapes, in, 1));
    }

    @Test
    void singleInputIsACopy() {
        assertArrayEquals(new float[] {1, 2, 3}, concat(new int[][] {{3}}, new float[][] {{1, 2, 3}}, 0));
    }

    @Test
    void mismatchesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Concat.of(new int[][] {{2, 2}, {3, 2}}, 1));
        assertTrue(e.getMessage().contains("axis 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Concat.of(new int[][] {{2, 2}, {2}}, 0));
        assertThrows(IllegalArgumentException.class, () -> Concat.of(new int[][] {{2, 2}, {2, 2}}, 2));
        assertThrows(IllegalArgumentException.class, () -> Concat.of(new int[][] {{2, 2}, {2, 2}}, -3));
        assertThrows(IllegalArgumentException.class, () -> Concat.of(new int[][] {{}, {}}, 0));
        assertThrows(IllegalArgumentException.class, () -> Concat.of(new int[0][], 0));
    }

    @Test
    void anySplitIsBitIdentical() {
        int[][] shapes = {{4, 3, 5}, {4, 1, 5}, {4, 2, 5}};
        float[][] in = {Check.random(1, 60), Check.random(2, 20), Check.random(3, 40)};
        Concat plan = Concat.of(shapes, 1);
        float[] whole = concat(shapes, in, 1);
        float[] split = new float[whole.length];
        Check.inPieces(plan.taskCount(), 3, (from, to) -> plan.run(in, split, from, to));
        Check.assertBitIdentical(whole, split);
    }

    @Test
    void matchesOnnxNodeTests() {
        String[] names = {"2d_axis_0", "2d_axis_1", "2d_axis_negative_1", "2d_axis_negative_2", "3d_axis_0", "3d_axis_1",
                "3d_axis_2", "3d_axis_negative_1", "3d_axis_negative_2", "3d_axis_negative_3"};
        int[] axes = {0, 1, -1, -2, 0, 1, 2, -1, -2, -3};
        for (int i = 0; i < names.length; i++) {
            OnnxNodeData t = OnnxNodeData.load("test_concat_" + names[i]);
            int[][] shapes = {t.input(0).shape(), t.input(1).shape()};
            float[][] in = {t.input(0).data(), t.input(1).data()};
            Check.closeToOnnx(t.output(0), Concat.outputShape(shapes, axes[i]), concat(shapes, in, axes[i]));
        }
    }
}
