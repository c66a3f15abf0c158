package dev.vinfer.scalar.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TransposeTest {

    static float[] transpose(int[] shape, float[] x, int[] perm) {
        Transpose plan = Transpose.of(shape, perm);
        float[] out = new float[plan.taskCount()];
        plan.run(x, out, 0, out.length);
        return out;
    }

    @Test
    void matrixTransposeByDefault() {
        assertArrayEquals(new int[] {3, 2}, Transpose.outputShape(new int[] {2, 3}, null));
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, transpose(new int[] {2, 3}, Check.iota(6), null));
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, transpose(new int[] {2, 3}, Check.iota(6), new int[] {1, 0}));
    }

    @Test
    void defaultReversesAllAxes() {
        assertArrayEquals(new int[] {4, 3, 2}, Transpose.outputShape(new int[] {2, 3, 4}, new int[0]));
        float[] x = Check.random(3, 24);
        assertArrayEquals(naive(new int[] {2, 3, 4}, x, new int[] {2, 1, 0}), transpose(new int[] {2, 3, 4}, x, null));
    }

    @Test
    void nchwToNhwc() {
        // [1, 2, 2, 2] NCHW, channel-major: pixel (y,x) of channel c is 4c + 2y + x + 1.
        assertArrayEquals(new float[] {1, 5, 2, 6, 3, 7, 4, 8},
                transpose(new int[] {1, 2, 2, 2}, Check.iota(8), new int[] {0, 2, 3, 1}));
    }

    @Test
    void scalarsAndSizeOneAxes() {
        assertArrayEquals(new float[] {7}, transpose(new int[] {}, new float[] {7}, null));
        assertArrayEquals(new float[] {1, 2, 3}, transpose(new int[] {1, 3, 1}, Check.iota(3), new int[] {2, 0, 1}));
    }

    @Test
    void rejectsWhatIsNotAPermutation() {
        assertThrows(IllegalArgumentException.class, () -> Transpose.of(new int[] {2, 3}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> Transpose.of(new int[] {2, 3}, new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> Transpose.of(new int[] {2, 3}, new int[] {0, 2}));
        assertThrows(IllegalArgumentException.class, () -> Transpose.of(new int[] {2, 3}, new int[] {-1, 0}));
    }

    @Test
    void everyPermutationOfARank5TensorAgainstTheDefinition() {
        int[] shape = {2, 3, 1, 4, 5};
        float[] x = Check.random(11, Shapes.size(shape));
        int[] perm = {0, 1, 2, 3, 4};
        int count = 0;
        do {
            assertArrayEquals(naive(shape, x, perm), transpose(shape, x, perm), Shapes.format(perm));
            count++;
        } while (nextPermutation(perm));
        assertArrayEquals(new int[] {120}, new int[] {count});
    }

    @Test
    void anySplitIsBitIdentical() {
        int[] shape = {3, 4, 5, 6};
        float[] x = Check.random(12, Shapes.size(shape));
        Transpose plan = Transpose.of(shape, new int[] {2, 0, 3, 1});
        float[] whole = transpose(shape, x, new int[] {2, 0, 3, 1});
        for (int pieces : new int[] {2, 5, 33}) {
            float[] split = new float[whole.length];
            Check.inPieces(whole.length, pieces, (from, to) -> plan.run(x, split, from, to));
            Check.assertBitIdentical(whole, split);
        }
    }

    @Test
    void matchesOnnxNodeTests() {
        int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int i = 0; i < perms.length; i++) {
            check("test_transpose_all_permutations_" + i, perms[i]);
        }
        check("test_transpose_default", null);
    }

    private static void check(String name, int[] perm) {
        OnnxNodeData t = OnnxNodeData.load(name);
        OnnxNodeData.Tensor x = t.input(0);
        Check.closeToOnnx(t.output(0), Transpose.outputShape(x.shape(), perm), transpose(x.shape(), x.data(), perm));
    }

    /** out[c_0..c_r] = in at coordinate d with d[perm[i]] = c_i. */
    static float[] naive(int[] shape, float[] x, int[] perm) {
        int rank = shape.length;
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = shape[perm[i]];
        }
        float[] y = new float[x.length];
        int[] c = new int[rank];
        int[] d = new int[rank];
        for (int flat = 0; flat < y.length; flat++) {
            int rest = flat;
            for (int i = rank - 1; i >= 0; i--) {
                c[i] = rest % out[i];
                rest /= out[i];
            }
            for (int i = 0; i < rank; i++) {
                d[perm[i]] = c[i];
            }
            int src = 0;
            for (int i = 0; i < rank; i++) {
                src = src * shape[i] + d[i];
            }
            y[flat] = x[src];
        }
        return y;
    }

    private static boolean nextPermutation(int[] p) {
        int i = p.length - 2;
        while (i >= 0 && p[i] >= p[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = p.length - 1;
        while (p[j] <= p[i]) {
            j--;
        }
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
        for (int a = i + 1, b = p.length - 1; a < b; a++, b--) {
            t = p[a];
            p[a] = p[b];
            p[b] = t;
        }
        return true;
    }
}
