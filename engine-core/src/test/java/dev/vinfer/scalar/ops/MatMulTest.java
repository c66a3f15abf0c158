package dev.vinfer.scalar.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MatMulTest {

    static float[] matmul(int[] aShape, float[] a, int[] bShape, float[] b) {
        MatMul plan = MatMul.of(aShape, bShape);
        float[] out = new float[Shapes.size(plan.outputShape())];
        plan.run(a, b, out, 0, plan.taskCount());
        return out;
    }

    @Test
    void matrixTimesMatrixByHand() {
        assertArrayEquals(new float[] {19, 22, 43, 50}, matmul(new int[] {2, 2}, new float[] {1, 2, 3, 4}, new int[] {2, 2}, new float[] {5, 6, 7, 8}));
    }

    @Test
    void oneDimensionalOperandsArePromotedThenSqueezed() {
        assertArrayEquals(new int[] {}, MatMul.outputShape(new int[] {3}, new int[] {3}));
        assertArrayEquals(new float[] {32}, matmul(new int[] {3}, new float[] {1, 2, 3}, new int[] {3}, new float[] {4, 5, 6}));
        assertArrayEquals(new int[] {2}, MatMul.outputShape(new int[] {2, 3}, new int[] {3}));
        assertArrayEquals(new float[] {14, 32}, matmul(new int[] {2, 3}, Check.iota(6), new int[] {3}, new float[] {1, 2, 3}));
        assertArrayEquals(new int[] {2}, MatMul.outputShape(new int[] {3}, new int[] {3, 2}));
        assertArrayEquals(new float[] {22, 28}, matmul(new int[] {3}, new float[] {1, 2, 3}, new int[] {3, 2}, Check.iota(6)));
        // 1-D times a batch of matrices: [3] x [2, 3, 1] -> [2, 1]
        assertArrayEquals(new int[] {2, 1}, MatMul.outputShape(new int[] {3}, new int[] {2, 3, 1}));
        assertArrayEquals(new float[] {14, 32}, matmul(new int[] {3}, new float[] {1, 2, 3}, new int[] {2, 3, 1}, Check.iota(6)));
    }

    @Test
    void batchDimensionsBroadcast() {
        int[] aShape = {2, 1, 2, 3};
        int[] bShape = {3, 3, 2};
        assertArrayEquals(new int[] {2, 3, 2, 2}, MatMul.outputShape(aShape, bShape));
        float[] a = Check.random(1, 12);
        float[] b = Check.random(2, 18);
        float[] got = matmul(aShape, a, bShape, b);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int r = 0; r < 2; r++) {
                    for (int c = 0; c < 2; c++) {
                        float sum = 0;
                        for (int k = 0; k < 3; k++) {
                            sum = Math.fma(a[i * 6 + r * 3 + k], b[j * 6 + k * 2 + c], sum);
                        }
                        assertArrayEquals(new float[] {sum}, new float[] {got[((i * 3 + j) * 2 + r) * 2 + c]});
                    }
                }
            }
        }
    }

    @Test
    void shapeErrors() {
        assertThrows(IllegalArgumentException.class, () -> MatMul.of(new int[] {2, 3}, new int[] {2, 3}));
        assertThrows(IllegalArgumentException.class, () -> MatMul.of(new int[] {}, new int[] {2}));
        assertThrows(IllegalArgumentException.class, () -> MatMul.of(new int[] {2, 2, 3}, new int[] {3, 3, 1}));
    }

    @Test
    void anySplitIsBitIdentical() {
        int[] aShape = {3, 5, 4};
        int[] bShape = {4, 6};
        float[] a = Check.random(3, 60);
        float[] b = Check.random(4, 24);
        MatMul plan = MatMul.of(aShape, bShape);
        float[] whole = matmul(aShape, a, bShape, b);
        float[] split = new float[whole.length];
        Check.inPieces(plan.taskCount(), 4, (from, to) -> plan.run(a, b, split, from, to));
        Check.assertBitIdentical(whole, split);
    }

    @Test
    void matchesOnnxNodeTests() {
        for (String name : new String[] {"test_matmul_2d", "test_matmul_3d", "test_matmul_4d"}) {
            OnnxNodeData t = OnnxNodeData.load(name);
            var a = t.input(0);
            var b = t.input(1);
            Check.closeToOnnx(t.output(0), MatMul.outputShape(a.shape(), b.shape()), matmul(a.shape(), a.data(), b.shape(), b.data()));
        }
    }
}
