package dev.vinfer.scalar.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vinfer.scalar.ops.BroadcastBinary.Op;
import org.junit.jupiter.api.Test;

class BroadcastBinaryTest {

    static float[] apply(Op op, int[] aShape, float[] a, int[] bShape, float[] b) {
        BroadcastBinary plan = BroadcastBinary.of(op, aShape, bShape);
        float[] out = new float[plan.taskCount()];
        plan.run(a, b, out, 0, out.length);
        return out;
    }

    @Test
    void rowVectorIsAddedToEveryRow() {
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36},
                apply(Op.ADD, new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}, new int[] {3}, new float[] {10, 20, 30}));
    }

    @Test
    void columnTimesRowIsTheOuterProduct() {
        assertArrayEquals(new int[] {2, 3}, BroadcastBinary.outputShape(Op.MUL, new int[] {2, 1}, new int[] {1, 3}));
        assertArrayEquals(new float[] {1, 2, 3, 2, 4, 6},
                apply(Op.MUL, new int[] {2, 1}, new float[] {1, 2}, new int[] {1, 3}, new float[] {1, 2, 3}));
    }

    @Test
    void scalarsOfRankZero() {
        assertArrayEquals(new int[] {}, BroadcastBinary.outputShape(Op.SUB, new int[] {}, new int[] {}));
        assertArrayEquals(new float[] {-2}, apply(Op.SUB, new int[] {}, new float[] {3}, new int[] {}, new float[] {5}));
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f},
                apply(Op.DIV, new int[] {2, 2}, new float[] {1, 2, 3, 4}, new int[] {}, new float[] {2}));
        assertArrayEquals(new float[] {2f, 1f},
                apply(Op.DIV, new int[] {}, new float[] {2}, new int[] {2}, new float[] {1, 2}));
    }

    @Test
    void perChannelVectorInNchwAndNhwc() {
        // NCHW [1,2,2,2] + [2,1,1]: channel 0 gets +100, channel 1 gets +200.
        float[] x = Check.iota(8);
        assertArrayEquals(new float[] {101, 102, 103, 104, 205, 206, 207, 208},
                apply(Op.ADD, new int[] {1, 2, 2, 2}, x, new int[] {2, 1, 1}, new float[] {100, 200}));
        // NHWC [1,2,2,2] + [2]: alternate elements.
        assertArrayEquals(new float[] {101, 202, 103, 204, 105, 206, 107, 208},
                apply(Op.ADD, new int[] {1, 2, 2, 2}, x, new int[] {2}, new float[] {100, 200}));
    }

    @Test
    void emptyDimensionGivesAnEmptyResult() {
        assertArrayEquals(new int[] {0, 3}, BroadcastBinary.outputShape(Op.ADD, new int[] {0, 3}, new int[] {3}));
        assertArrayEquals(new float[0], apply(Op.ADD, new int[] {0, 3}, new float[0], new int[] {1, 3}, new float[3]));
    }

    @Test
    void incompatibleShapesAreRejectedWithBothShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> BroadcastBinary.of(Op.ADD, new int[] {2, 3}, new int[] {2}));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BroadcastBinary.of(Op.MUL, new int[] {4, 2, 3}, new int[] {3, 1}));
    }

    @Test
    void preluUsesTheSlopeOnlyForNegativesAndBroadcastsItOneWay() {
        assertArrayEquals(new float[] {-0.1f, 2f, -0.3f, 4f},
                apply(Op.PRELU, new int[] {2, 2}, new float[] {-1, 2, -3, 4}, new int[] {2}, new float[] {0.1f, 2f}), 1e-7f);
        // The slope may not make the output larger than x.
        assertThrows(IllegalArgumentException.class, () -> BroadcastBinary.of(Op.PRELU, new int[] {2}, new int[] {2, 2}));
        assertThrows(IllegalArgumentException.class, () -> BroadcastBinary.of(Op.PRELU, new int[] {2, 1}, new int[] {3}));
    }

    @Test
    void randomShapesAgainstACoordinateByCoordinateDefinition() {
        int[][][] cases = {
                {{2, 3, 4}, {2, 3, 4}}, {{2, 3, 4}, {4}}, {{2, 3, 4}, {3, 1}}, {{2, 1, 4}, {1, 3, 1}},
                {{5}, {3, 1}}, {{1, 2, 1, 3, 1}, {4, 1, 5, 1, 2}}, {{3, 1, 1, 7}, {1, 1, 5, 1}}, {{}, {2, 3}},
                {{1, 1}, {1}}, {{2, 3, 1, 5}, {2, 1, 4, 5}},
        };
        long seed = 1;
        for (int[][] c : cases) {
            for (Op op : new Op[] {Op.ADD, Op.SUB, Op.MUL, Op.DIV}) {
                float[] a = Check.random(seed++, Shapes.size(c[0]));
                float[] b = Check.random(seed++, Shapes.size(c[1]));
                float[] expected = naive(op, c[0], a, c[1], b);
                assertArrayEquals(expected, apply(op, c[0], a, c[1], b), op + " " + Shapes.format(c[0]) + " " + Shapes.format(c[1]));
                assertArrayEquals(naive(op, c[1], b, c[0], a), apply(op, c[1], b, c[0], a));
            }
        }
    }

    @Test
    void anySplitIsBitIdentical() {
        int[] aShape = {3, 5, 7, 2};
        int[] bShape = {5, 1, 2};
        float[] a = Check.random(7, Shapes.size(aShape));
        float[] b = Check.random(8, Shapes.size(bShape));
        BroadcastBinary plan = BroadcastBinary.of(Op.DIV, aShape, bShape);
        float[] whole = new float[plan.taskCount()];
        plan.run(a, b, whole, 0, whole.length);
        for (int pieces : new int[] {2, 3, 7, 64}) {
            float[] split = new float[whole.length];
            Check.inPieces(whole.length, pieces, (from, to) -> plan.run(a, b, split, from, to));
            Check.assertBitIdentical(whole, split);
        }
    }

    /** Operands of one shape take a unit-stride loop; any range of it must match the definition. */
    @Test
    void sameShapeOperandsInAnyPieces() {
        int[] shape = {2, 3, 5, 7};
        float[] a = Check.random(11, Shapes.size(shape));
        float[] b = Check.random(12, Shapes.size(shape));
        for (Op op : new Op[] {Op.ADD, Op.MUL}) {
            BroadcastBinary plan = BroadcastBinary.of(op, shape, shape);
            float[] expected = naive(op, shape, a, shape, b);
            for (int pieces : new int[] {1, 3, 7, 64}) {
                float[] split = new float[expected.length];
                Check.inPieces(expected.length, pieces, (from, to) -> plan.run(a, b, split, from, to));
                Check.assertBitIdentical(expected, split);
            }
        }
    }

    @Test
    void matchesOnnxNodeTests() {
        check("test_add", Op.ADD);
        check("test_add_bcast", Op.ADD);
        check("test_sub", Op.SUB);
        check("test_sub_bcast", Op.SUB);
        check("test_sub_example", Op.SUB);
        check("test_mul", Op.MUL);
        check("test_mul_bcast", Op.MUL);
        check("test_mul_example", Op.MUL);
        check("test_div", Op.DIV);
        check("test_div_bcast", Op.DIV);
        check("test_div_example", Op.DIV);
        check("test_prelu_example", Op.PRELU);
        check("test_prelu_broadcast", Op.PRELU);
    }

    private static void check(String name, Op op) {
        OnnxNodeData t = OnnxNodeData.load(name);
        OnnxNodeData.Tensor a = t.input(0);
        OnnxNodeData.Tensor b = t.input(1);
        int[] shape = BroadcastBinary.outputShape(op, a.shape(), b.shape());
        Check.closeToOnnx(t.output(0), shape, apply(op, a.shape(), a.data(), b.shape(), b.data()));
    }

    /** The definition: each output coordinate reads each operand at that coordinate, 0 where its dim is 1. */
    static float[] naive(Op op, int[] aShape, float[] a, int[] bShape, float[] b) {
        int rank = Math.max(aShape.length, bShape.length);
        int[] pa = leftPad(aShape, rank);
        int[] pb = leftPad(bShape, rank);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = Math.max(pa[i], pb[i]);
            if (pa[i] == 0 || pb[i] == 0) {
                out[i] = 0;
            }
        }
        float[] y = new float[Shapes.size(out)];
        int[] coordinate = new int[rank];
        for (int flat = 0; flat < y.length; flat++) {
            int rest = flat;
            for (int i = rank - 1; i >= 0; i--) {
                coordinate[i] = rest % out[i];
                rest /= out[i];
            }
            float x = a[index(coordinate, pa)];
            float z = b[index(coordinate, pb)];
            y[flat] = switch (op) {
                case ADD -> x + z;
                case SUB -> x - z;
                case MUL -> x * z;
                case DIV -> x / z;
                case PRELU -> x < 0 ? z * x : x;
                case INTEGER_DIV -> (float) (x / (double) z < 0 ? Math.ceil(x / (double) z) : Math.floor(x / (double) z)) + 0f;
                case EQUAL -> x == z ? 1f : 0f;
            };
        }
        return y;
    }

    private static int index(int[] coordinate, int[] shape) {
        int index = 0;
        for (int i = 0; i < shape.length; i++) {
            index = index * shape[i] + (shape[i] == 1 ? 0 : coordinate[i]);
        }
        return index;
    }

    private static int[] leftPad(int[] shape, int rank) {
        int[] p = new int[rank];
        java.util.Arrays.fill(p, 1);
        System.arraycopy(shape, 0, p, rank - shape.length, shape.length);
        return p;
    }
}
