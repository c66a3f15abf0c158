package dev.vinfer.scalar.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GemmTest {

    static float[] gemm(int[] aShape, float[] a, int[] bShape, float[] b, int[] cShape, float[] c,
            float alpha, float beta, boolean transA, boolean transB) {
        Gemm plan = Gemm.of(aShape, bShape, cShape, alpha, beta, transA, transB);
        float[] out = new float[Shapes.size(plan.outputShape())];
        plan.run(a, b, c, out, 0, plan.taskCount());
        return out;
    }

    @Test
    void twoByTwoByHand() {
        // [1 2; 3 4] x [5 6; 7 8] = [19 22; 43 50]
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        int[] s = {2, 2};
        assertArrayEquals(new float[] {19, 22, 43, 50}, gemm(s, a, s, b, null, null, 1, 1, false, false));
        // A^T = [1 3; 2 4]: [26 30; 38 44]; B^T = [5 7; 6 8]: [17 23; 39 53]
        assertArrayEquals(new float[] {26, 30, 38, 44}, gemm(s, a, s, b, null, null, 1, 1, true, false));
        assertArrayEquals(new float[] {17, 23, 39, 53}, gemm(s, a, s, b, null, null, 1, 1, false, true));
        // alpha 0.5, beta 2, C = [1, 2] per column
        assertArrayEquals(new float[] {11.5f, 15, 23.5f, 29},
                gemm(s, a, s, b, new int[] {2}, new float[] {1, 2}, 0.5f, 2f, false, false));
    }

    @Test
    void everyUnidirectionalShapeOfC() {
        int[] s = {2, 2};
        float[] a = {1, 0, 0, 1};
        float[] b = {0, 0, 0, 0};
        assertArrayEquals(new float[] {7, 7, 7, 7}, gemm(s, a, s, b, new int[] {}, new float[] {7}, 1, 1, false, false));
        assertArrayEquals(new float[] {7, 7, 7, 7}, gemm(s, a, s, b, new int[] {1}, new float[] {7}, 1, 1, false, false));
        assertArrayEquals(new float[] {1, 2, 1, 2}, gemm(s, a, s, b, new int[] {1, 2}, new float[] {1, 2}, 1, 1, false, false));
        assertArrayEquals(new float[] {1, 1, 2, 2}, gemm(s, a, s, b, new int[] {2, 1}, new float[] {1, 2}, 1, 1, false, false));
        assertArrayEquals(new float[] {1, 2, 3, 4}, gemm(s, a, s, b, new int[] {2, 2}, new float[] {1, 2, 3, 4}, 1, 1, false, false));
        var e = assertThrows(IllegalArgumentException.class, () -> Gemm.of(s, s, new int[] {3}, 1, 1, false, false));
        assertTrue(e.getMessage().contains("[3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gemm.of(s, s, new int[] {1, 2, 2}, 1, 1, false, false));
    }

    @Test
    void shapeErrors() {
        assertThrows(IllegalArgumentException.class, () -> Gemm.of(new int[] {2, 3}, new int[] {2, 3}, null, 1, 1, false, false));
        assertThrows(IllegalArgumentException.class, () -> Gemm.of(new int[] {3}, new int[] {3, 2}, null, 1, 1, false, false));
        assertArrayEquals(new int[] {3, 3}, Gemm.outputShape(new int[] {2, 3}, new int[] {2, 3}, null, true, false));
    }

    @Test
    void randomAgainstADoubleDefinition() {
        int m = 7;
        int k = 13;
        int n = 5;
        float[] a = Check.random(1, m * k);
        float[] b = Check.random(2, k * n);
        float[] c = Check.random(3, m);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                float[] expected = new float[m * n];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double sum = 0;
                        for (int p = 0; p < k; p++) {
                            sum += (double) (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                        }
                        expected[i * n + j] = (float) (0.75 * sum + 1.5 * c[i]);
                    }
                }
                int[] aShape = ta ? new int[] {k, m} : new int[] {m, k};
                int[] bShape = tb ? new int[] {n, k} : new int[] {k, n};
                Check.close(expected, gemm(aShape, a, bShape, b, new int[] {m, 1}, c, 0.75f, 1.5f, ta, tb), 1e-5, 1e-6);
            }
        }
    }

    @Test
    void anySplitIsBitIdentical() {
        int[] aShape = {9, 4};
        int[] bShape = {6, 4};
        float[] a = Check.random(4, 36);
        float[] b = Check.random(5, 24);
        float[] c = Check.random(6, 6);
        Gemm plan = Gemm.of(aShape, bShape, new int[] {6}, 1, 1, false, true);
        float[] whole = gemm(aShape, a, bShape, b, new int[] {6}, c, 1, 1, false, true);
        float[] split = new float[whole.length];
        Check.inPieces(plan.taskCount(), 4, (from, to) -> plan.run(a, b, c, split, from, to));
        Check.assertBitIdentical(whole, split);
    }

    @Test
    void matchesOnnxNodeTests() {
        check("test_gemm_all_attributes", 0.25f, 0.35f, true, true);
        check("test_gemm_alpha", 0.5f, 1f, false, false);
        check("test_gemm_beta", 1f, 0.5f, false, false);
        check("test_gemm_default_matrix_bias", 1f, 1f, false, false);
        check("test_gemm_default_no_bias", 1f, 1f, false, false);
        check("test_gemm_default_scalar_bias", 1f, 1f, false, false);
        check("test_gemm_default_single_elem_vector_bias", 1f, 1f, false, false);
        check("test_gemm_default_vector_bias", 1f, 1f, false, false);
        check("test_gemm_default_zero_bias", 1f, 1f, false, false);
        check("test_gemm_transposeA", 1f, 1f, true, false);
        check("test_gemm_transposeB", 1f, 1f, false, true);
    }

    private static void check(String name, float alpha, float beta, boolean transA, boolean transB) {
        OnnxNodeData t = OnnxNodeData.load(name);
        var a = t.input(0);
        var b = t.input(1);
        var c = t.inputs().size() > 2 ? t.input(2) : null;
        int[] cShape = c == null ? null : c.shape();
        float[] cData = c == null ? null : c.data();
        Check.closeToOnnx(t.output(0), Gemm.outputShape(a.shape(), b.shape(), cShape, transA, transB),
                gemm(a.shape(), a.data(), b.shape(), b.data(), cShape, cData, alpha, beta, transA, transB));
    }
}
