package dev.vinfer.scalar.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Slice against hand-worked examples, including ONNX's clamping rules and negative steps. */
class SliceTest {
    /** 0, 1, ..., n-1: each element is its own flat index. */
    static float[] indices(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static float[] run(Slice s, float[] in) {
        float[] out = new float[s.taskCount()];
        s.run(in, out, 0, out.length);
        return out;
    }

    @Test
    void rowsAndColumnsOfAMatrix() {
        // [[0 1 2 3], [4 5 6 7], [8 9 10 11]]: rows 1.., columns 1..3
        Slice s = Slice.of(new int[] {3, 4}, new long[] {1, 1}, new long[] {3, 3}, null, null);
        assertArrayEquals(new int[] {2, 2}, s.outputShape());
        assertArrayEquals(new float[] {5, 6, 9, 10}, run(s, indices(12)));
    }

    @Test
    void negativeAxesAndIndicesCountFromTheEnd() {
        // columns -3..-1 of the same matrix: 1, 2
        Slice s = Slice.of(new int[] {3, 4}, new long[] {-3}, new long[] {-1}, new int[] {-1}, null);
        assertArrayEquals(new int[] {3, 2}, s.outputShape());
        assertArrayEquals(new float[] {1, 2, 5, 6, 9, 10}, run(s, indices(12)));
    }

    @Test
    void endsBeyondTheAxisAreClamped() {
        Slice toEnd = Slice.of(new int[] {5}, new long[] {2}, new long[] {Long.MAX_VALUE}, null, null);
        assertArrayEquals(new float[] {2, 3, 4}, run(toEnd, indices(5)));
        Slice saturated = Slice.of(new int[] {5}, new long[] {-100}, new long[] {1 << 30}, null, null);
        assertArrayEquals(new float[] {0, 1, 2, 3, 4}, run(saturated, indices(5)));
        Slice empty = Slice.of(new int[] {5}, new long[] {7}, new long[] {9}, null, null);
        assertArrayEquals(new int[] {0}, empty.outputShape());
        Slice backwards = Slice.of(new int[] {5}, new long[] {3}, new long[] {1}, null, null);
        assertArrayEquals(new int[] {0}, backwards.outputShape());
    }

    @Test
    void stepsForwardAndBackward() {
        assertArrayEquals(new float[] {1, 4, 7}, run(Slice.of(new int[] {9}, new long[] {1}, new long[] {9}, null, new long[] {3}), indices(9)));
        assertArrayEquals(new float[] {1, 4, 7}, run(Slice.of(new int[] {9}, new long[] {1}, new long[] {8}, null, new long[] {3}), indices(9)));
        // Reverse the whole axis: start INT64_MAX clamps to dim-1, end INT64_MIN to -1 (before the first element).
        Slice reverse = Slice.of(new int[] {4}, new long[] {Long.MAX_VALUE}, new long[] {Long.MIN_VALUE}, null, new long[] {-1});
        assertArrayEquals(new float[] {3, 2, 1, 0}, run(reverse, indices(4)));
        // PyTorch's pads chain: start -1, end -(2^63 - 1), step -1 on a [4, 2] tensor reverses its rows.
        Slice rows = Slice.of(new int[] {4, 2}, new long[] {-1}, new long[] {-Long.MAX_VALUE}, new int[] {0}, new long[] {-1});
        assertArrayEquals(new float[] {6, 7, 4, 5, 2, 3, 0, 1}, run(rows, indices(8)));
        assertArrayEquals(new float[] {5, 3}, run(Slice.of(new int[] {6}, new long[] {-1}, new long[] {2}, null, new long[] {-2}), indices(6)));
    }

    @Test
    void aPermutedSliceReadsTheSameElementsInStorageOrder() {
        int[] nchw = {2, 6, 3, 4};
        float[] data = Check.random(5, 2 * 6 * 3 * 4);
        Slice logical = Slice.of(nchw, new long[] {1, 1}, new long[] {5, 4}, new int[] {1, 3}, new long[] {2, 1});
        float[] expected = run(logical, data);
        int[] perm = {0, 2, 3, 1};
        float[] nhwc = Layouts.nchwToNhwc(data, 2, 6, 3, 4);
        float[] got = run(logical.permuted(perm), nhwc);
        int[] out = logical.outputShape();
        assertArrayEquals(expected, Layouts.nhwcToNchw(got, out[0], out[2], out[3], out[1]));
    }

    @Test
    void anySplitIsBitIdentical() {
        Slice s = Slice.of(new int[] {4, 5, 6}, new long[] {0, 4, 1}, new long[] {4, 0, 6}, null, new long[] {1, -1, 2});
        float[] in = Check.random(3, 120);
        float[] whole = run(s, in);
        float[] split = new float[whole.length];
        Check.inPieces(s.taskCount(), 4, (from, to) -> s.run(in, split, from, to));
        assertArrayEquals(whole, split);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Slice.of(new int[] {3}, new long[] {0}, new long[] {1}, null, new long[] {0}));
        assertThrows(IllegalArgumentException.class, () -> Slice.of(new int[] {3}, new long[] {0, 1}, new long[] {1}, null, null));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Slice.of(new int[] {3, 3}, new long[] {0, 0}, new long[] {1, 1}, new int[] {1, -1}, null));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Slice.of(new int[] {3}, new long[] {0}, new long[] {1}, new int[] {1}, null));
    }
}
