package dev.vinfer.scalar.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vinfer.scalar.ops.Pad.Mode;
import org.junit.jupiter.api.Test;

class PadTest {
    private static final int[] MATRIX = {2, 3};

    static float[] pad(int[] shape, float[] x, int[] pads, Mode mode, float value) {
        Pad plan = Pad.of(shape, pads, mode, value);
        float[] out = new float[plan.taskCount()];
        plan.run(x, out, 0, out.length);
        return out;
    }

    // Expected values below are numpy.pad's, on x = [[1, 2, 3], [4, 5, 6]].

    @Test
    void reflectAsNumpy() {
        // np.pad(x, ((1, 1), (2, 1)), 'reflect')
        assertArrayEquals(new int[] {4, 6}, Pad.outputShape(MATRIX, new int[] {1, 2, 1, 1}, Mode.REFLECT));
        assertArrayEquals(new float[] {6, 5, 4, 5, 6, 5, 3, 2, 1, 2, 3, 2, 6, 5, 4, 5, 6, 5, 3, 2, 1, 2, 3, 2},
                pad(MATRIX, Check.iota(6), new int[] {1, 2, 1, 1}, Mode.REFLECT, 0));
    }

    @Test
    void reflectLongerThanTheAxisRepeatsPeriodically() {
        // np.pad([1, 2, 3], 5, 'reflect')
        assertArrayEquals(new float[] {2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2},
                pad(new int[] {3}, Check.iota(3), new int[] {5, 5}, Mode.REFLECT, 0));
        // np.pad([7], 2, 'reflect') == [7, 7, 7, 7, 7]
        assertArrayEquals(new float[] {7, 7, 7, 7, 7}, pad(new int[] {1}, new float[] {7}, new int[] {2, 2}, Mode.REFLECT, 0));
    }

    @Test
    void edgeAsNumpy() {
        // np.pad(x, ((1, 0), (2, 1)), 'edge')
        assertArrayEquals(new float[] {1, 1, 1, 2, 3, 3, 1, 1, 1, 2, 3, 3, 4, 4, 4, 5, 6, 6},
                pad(MATRIX, Check.iota(6), new int[] {1, 2, 0, 1}, Mode.EDGE, 0));
    }

    @Test
    void constantAsNumpy() {
        // np.pad(x, ((0, 1), (1, 2)), constant_values=9)
        assertArrayEquals(new float[] {9, 1, 2, 3, 9, 9, 9, 4, 5, 6, 9, 9, 9, 9, 9, 9, 9, 9},
                pad(MATRIX, Check.iota(6), new int[] {0, 1, 1, 2}, Mode.CONSTANT, 9));
    }

    @Test
    void nchwSpatialPaddingLeavesBatchAndChannelsAlone() {
        int[] shape = {1, 2, 1, 2};
        float[] y = pad(shape, Check.iota(4), new int[] {0, 0, 1, 0, 0, 0, 0, 1}, Mode.CONSTANT, 0);
        assertArrayEquals(new int[] {1, 2, 2, 3}, Pad.outputShape(shape, new int[] {0, 0, 1, 0, 0, 0, 0, 1}, Mode.CONSTANT));
        assertArrayEquals(new float[] {0, 0, 0, 1, 2, 0, 0, 0, 0, 3, 4, 0}, y);
    }

    @Test
    void negativePadsCropBeforePadding() {
        // Crop one column at the left, then reflect two at the right of what is left: [[2,3],[5,6]] -> [[2,3,2,3],...]
        assertArrayEquals(new float[] {2, 3, 2, 3, 5, 6, 5, 6},
                pad(MATRIX, Check.iota(6), new int[] {0, -1, 0, 2}, Mode.REFLECT, 0));
        // Crop the first row, pad a column of zeros at the left.
        assertArrayEquals(new float[] {0, 4, 5, 6}, pad(MATRIX, Check.iota(6), new int[] {-1, 1, 0, 0}, Mode.CONSTANT, 0));
        // Crop everything: an empty tensor.
        assertArrayEquals(new int[] {0, 3}, Pad.outputShape(MATRIX, new int[] {-1, 0, -1, 0}, Mode.CONSTANT));
    }

    @Test
    void scalarIsCopied() {
        assertArrayEquals(new float[] {5}, pad(new int[] {}, new float[] {5}, new int[0], Mode.REFLECT, 0));
    }

    @Test
    void badPadsAreRejectedClearly() {
        var e = assertThrows(IllegalArgumentException.class, () -> Pad.of(MATRIX, new int[] {1, 1}, Mode.CONSTANT, 0));
        assertTrue(e.getMessage().contains("2 x rank = 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pad.of(MATRIX, new int[] {-2, 0, -1, 0}, Mode.CONSTANT, 0));
        assertThrows(IllegalArgumentException.class, () -> Pad.of(new int[] {0, 3}, new int[] {1, 0, 0, 0}, Mode.EDGE, 0));
        assertThrows(IllegalArgumentException.class, () -> Pad.of(MATRIX, new int[] {0, 0, 0, 0}, null, 0));
    }

    @Test
    void anySplitIsBitIdentical() {
        int[] shape = {2, 3, 4, 5};
        int[] pads = {0, 1, 2, 3, 1, 0, 3, -1};
        float[] x = Check.random(9, Shapes.size(shape));
        for (Mode mode : Mode.values()) {
            Pad plan = Pad.of(shape, pads, mode, 0.5f);
            float[] whole = pad(shape, x, pads, mode, 0.5f);
            float[] split = new float[whole.length];
            Check.inPieces(whole.length, 9, (from, to) -> plan.run(x, split, from, to));
            Check.assertBitIdentical(whole, split);
        }
    }
}
