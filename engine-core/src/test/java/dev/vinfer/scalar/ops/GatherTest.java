package dev.vinfer.scalar.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Gather against hand-worked examples (ONNX's own examples for axis 0 and 1). */
class GatherTest {
    private static float[] run(Gather g, float[] in) {
        float[] out = new float[Shapes.size(g.outputShape())];
        g.run(in, out, 0, g.taskCount());
        return out;
    }

    @Test
    void rowsByIndexAlongAxis0() {
        // data [[1, 1.2], [2.3, 3.4], [4.5, 5.7]], indices [[0, 1], [1, 2]] -> [[[1, 1.2], [2.3, 3.4]], [[2.3, 3.4], [4.5, 5.7]]]
        float[] data = {1f, 1.2f, 2.3f, 3.4f, 4.5f, 5.7f};
        Gather g = Gather.of(new int[] {3, 2}, 0, new float[] {0, 1, 1, 2}, new int[] {2, 2});
        assertArrayEquals(new int[] {2, 2, 2}, g.outputShape());
        assertArrayEquals(new float[] {1f, 1.2f, 2.3f, 3.4f, 2.3f, 3.4f, 4.5f, 5.7f}, run(g, data));
    }

    @Test
    void columnsAlongAxis1WithANegativeIndex() {
        // data [[1, 1.2, 1.9], [2.3, 3.4, 3.9], [4.5, 5.7, 5.9]], indices [[0, -1]] on axis 1
        float[] data = {1f, 1.2f, 1.9f, 2.3f, 3.4f, 3.9f, 4.5f, 5.7f, 5.9f};
        Gather g = Gather.of(new int[] {3, 3}, 1, new float[] {0, -1}, new int[] {1, 2});
        assertArrayEquals(new int[] {3, 1, 2}, g.outputShape());
        assertArrayEquals(new float[] {1f, 1.9f, 2.3f, 3.9f, 4.5f, 5.9f}, run(g, data));
    }

    @Test
    void aScalarIndexRemovesTheAxis() {
        // Shape [2, 8, 5, 7] gathered at index 1 along axis 0 (PyTorch's x.size(1)): a scalar 8.
        Gather g = Gather.of(new int[] {4}, 0, new float[] {1}, new int[0]);
        assertArrayEquals(new int[0], g.outputShape());
        assertArrayEquals(new float[] {8}, run(g, new float[] {2, 8, 5, 7}));
        Gather last = Gather.of(new int[] {2, 3}, -1, new float[] {-1}, new int[0]);
        assertArrayEquals(new int[] {2}, last.outputShape());
        assertArrayEquals(new float[] {3, 6}, run(last, new float[] {1, 2, 3, 4, 5, 6}));
    }

    @Test
    void outOfRangeAndFractionalIndicesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Gather.of(new int[] {3}, 0, new float[] {3}, new int[] {1}));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gather.of(new int[] {3}, 0, new float[] {-4}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Gather.of(new int[] {3}, 0, new float[] {0.5f}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Gather.of(new int[] {3}, 1, new float[] {0}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Gather.of(new int[0], 0, new float[] {0}, new int[] {1}));
    }
}
