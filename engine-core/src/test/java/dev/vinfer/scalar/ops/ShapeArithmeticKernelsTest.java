package dev.vinfer.scalar.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The small kernels of shape arithmetic: ConstantOfShape, Unsqueeze, Squeeze, Range, Where, Cast, integer Div, Equal. */
class ShapeArithmeticKernelsTest {

    @Test
    void constantOfShapeFillsTheShapeItReads() {
        int[] shape = ConstantOfShape.outputShape(new float[] {2, 3});
        assertArrayEquals(new int[] {2, 3}, shape);
        assertArrayEquals(new float[] {7, 7, 7, 7, 7, 7}, ConstantOfShape.fill(shape, 7));
        // PyTorch's pad chain: ConstantOfShape([4]) of int64 0 gives four zeros.
        assertArrayEquals(new float[] {0, 0, 0, 0}, ConstantOfShape.fill(ConstantOfShape.outputShape(new float[] {4}), 0));
        assertArrayEquals(new int[0], ConstantOfShape.outputShape(new float[0]));
        assertArrayEquals(new int[] {0}, ConstantOfShape.outputShape(new float[] {0}));
        assertThrows(IllegalArgumentException.class, () -> ConstantOfShape.outputShape(new float[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> ConstantOfShape.outputShape(new float[] {1.5f}));
    }

    @Test
    void unsqueezeInsertsAxesCountedInTheOutputRank() {
        assertArrayEquals(new int[] {1}, Unsqueeze.outputShape(new int[0], new int[] {0}));
        assertArrayEquals(new int[] {3, 1, 4}, Unsqueeze.outputShape(new int[] {3, 4}, new int[] {1}));
        assertArrayEquals(new int[] {1, 3, 4, 1}, Unsqueeze.outputShape(new int[] {3, 4}, new int[] {0, -1}));
        assertArrayEquals(new int[] {1, 3, 1, 4}, Unsqueeze.outputShape(new int[] {3, 4}, new int[] {2, 0}));
        assertThrows(IllegalArgumentException.class, () -> Unsqueeze.outputShape(new int[] {3}, new int[] {2}));
        assertThrows(IllegalArgumentException.class, () -> Unsqueeze.outputShape(new int[] {3}, new int[] {0, -3}));
    }

    @Test
    void squeezeRemovesAxesOfLengthOne() {
        assertArrayEquals(new int[] {3, 4}, Squeeze.outputShape(new int[] {1, 3, 1, 4}, null));
        assertArrayEquals(new int[] {3, 1, 4}, Squeeze.outputShape(new int[] {1, 3, 1, 4}, new int[] {0}));
        assertArrayEquals(new int[] {1, 3, 4}, Squeeze.outputShape(new int[] {1, 3, 1, 4}, new int[] {-2}));
        assertArrayEquals(new int[0], Squeeze.outputShape(new int[] {1}, new int[] {0}));
        var e = assertThrows(IllegalArgumentException.class, () -> Squeeze.outputShape(new int[] {1, 3}, new int[] {1}));
        assertTrue(e.getMessage().contains("not 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Squeeze.outputShape(new int[] {1, 1}, new int[] {0, -2}));
    }

    @Test
    void rangeCountsLikeOnnx() {
        assertArrayEquals(new float[] {3, 6, 9, 12}, Range.values(3, 13, 3)); // ceil(10 / 3) = 4 values
        assertArrayEquals(new float[] {10, 6}, Range.values(10, 4, -4));
        assertArrayEquals(new float[0], Range.values(5, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Range.values(0, 1, 0));
    }

    @Test
    void whereBroadcastsAllThree() {
        Where w = Where.of(new int[] {2, 1}, new int[] {2, 2}, new int[0]);
        assertArrayEquals(new int[] {2, 2}, w.outputShape());
        float[] out = new float[4];
        w.run(new float[] {1, 0}, new float[] {1, 2, 3, 4}, new float[] {-9}, out, 0, 4);
        assertArrayEquals(new float[] {1, 2, -9, -9}, out);
    }

    @Test
    void castTruncatesTowardZeroForIntegerTypes() {
        float[] in = {2.7f, -2.7f, 0.5f, -0f, 3f};
        float[] out = new float[in.length];
        Cast.to(7).run(in, out, 0, in.length); // INT64
        assertArrayEquals(new float[] {2, -2, 0, 0, 3}, out);
        Cast.to(9).run(in, out, 0, in.length); // BOOL
        assertArrayEquals(new float[] {1, 1, 1, 0, 1}, out);
        Cast.to(1).run(in, out, 0, in.length); // FLOAT
        assertArrayEquals(in, out);
        assertTrue(Cast.to(11).keepsValues());
        assertThrows(IllegalArgumentException.class, () -> Cast.to(10)); // FLOAT16 would round
        assertThrows(IllegalArgumentException.class, () -> Cast.to(8)); // STRING
    }

    @Test
    void integerDivisionTruncatesTowardZeroAndEqualGivesOnesAndZeros() {
        BroadcastBinary div = BroadcastBinary.of(BroadcastBinary.Op.INTEGER_DIV, new int[] {5}, new int[0]);
        float[] out = new float[5];
        div.run(new float[] {7, -7, 6, 1, 16777215}, new float[] {2}, out, 0, 5);
        assertArrayEquals(new float[] {3, -3, 3, 0, 8388607}, out);
        // ShuffleNet's chunk: (channels + 1) / 2 for 48 and 49 channels.
        div.run(new float[] {49, 50, -49, -1, 3}, new float[] {2}, out, 0, 5);
        assertArrayEquals(new float[] {24, 25, -24, 0, 1}, out);
        BroadcastBinary eq = BroadcastBinary.of(BroadcastBinary.Op.EQUAL, new int[] {3}, new int[] {1});
        float[] e = new float[3];
        eq.run(new float[] {-1, 2, -1}, new float[] {-1}, e, 0, 3);
        assertArrayEquals(new float[] {1, 0, 1}, e);
    }
}
