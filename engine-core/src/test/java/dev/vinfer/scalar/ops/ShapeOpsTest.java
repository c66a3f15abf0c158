package dev.vinfer.scalar.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Flatten and Reshape: shape inference only. */
class ShapeOpsTest {

    @Test
    void flattenAtEveryAxis() {
        int[] s = {2, 3, 4, 5};
        assertArrayEquals(new int[] {1, 120}, Flatten.outputShape(s, 0));
        assertArrayEquals(new int[] {2, 60}, Flatten.outputShape(s, 1));
        assertArrayEquals(new int[] {24, 5}, Flatten.outputShape(s, 3));
        assertArrayEquals(new int[] {120, 1}, Flatten.outputShape(s, 4));
        assertArrayEquals(new int[] {24, 5}, Flatten.outputShape(s, -1));
        assertArrayEquals(new int[] {1, 120}, Flatten.outputShape(s, -4));
        assertThrows(IllegalArgumentException.class, () -> Flatten.outputShape(s, 5));
        assertThrows(IllegalArgumentException.class, () -> Flatten.outputShape(s, -5));
    }

    @Test
    void flattenMatchesOnnxNodeTests() {
        String[] names = {"axis0", "axis1", "axis2", "axis3", "default_axis", "negative_axis1", "negative_axis2",
                "negative_axis3", "negative_axis4"};
        int[] axes = {0, 1, 2, 3, 1, -1, -2, -3, -4};
        for (int i = 0; i < names.length; i++) {
            OnnxNodeData t = OnnxNodeData.load("test_flatten_" + names[i]);
            assertArrayEquals(t.output(0).shape(), Flatten.outputShape(t.input(0).shape(), axes[i]), names[i]);
            assertArrayEquals(t.output(0).data(), t.input(0).data(), "Flatten keeps row-major order");
        }
    }

    @Test
    void reshapeCopiesZerosAndInfersMinusOne() {
        int[] s = {2, 3, 4};
        assertArrayEquals(new int[] {6, 4}, Reshape.outputShape(s, new int[] {6, -1}, false));
        assertArrayEquals(new int[] {2, 12}, Reshape.outputShape(s, new int[] {0, -1}, false));
        assertArrayEquals(new int[] {2, 3, 2, 2}, Reshape.outputShape(s, new int[] {0, 0, -1, 2}, false));
        assertArrayEquals(new int[] {24}, Reshape.outputShape(s, new int[] {-1}, false));
        assertArrayEquals(new int[] {}, Reshape.outputShape(new int[] {1, 1}, new int[] {}, false));
        assertArrayEquals(new int[] {1, 2, 3, 4}, Reshape.outputShape(s, new int[] {1, 2, 3, 4}, false));
    }

    @Test
    void reshapeAllowZeroKeepsLiteralZeros() {
        assertArrayEquals(new int[] {0, 4}, Reshape.outputShape(new int[] {4, 0}, new int[] {0, 4}, true));
        // Without allowzero the 0 copies the input's 4: [4, 4] does not hold 0 elements.
        assertThrows(IllegalArgumentException.class, () -> Reshape.outputShape(new int[] {4, 0}, new int[] {0, 4}, false));
        assertThrows(IllegalArgumentException.class, () -> Reshape.outputShape(new int[] {4, 0}, new int[] {0, -1}, true));
    }

    @Test
    void reshapeErrorsNameTheShapes() {
        int[] s = {2, 3, 4};
        var e = assertThrows(IllegalArgumentException.class, () -> Reshape.outputShape(s, new int[] {5, -1}, false));
        assertTrue(e.getMessage().contains("[5, -1]") && e.getMessage().contains("[2, 3, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Reshape.outputShape(s, new int[] {-1, -1}, false));
        assertThrows(IllegalArgumentException.class, () -> Reshape.outputShape(s, new int[] {-2, 12}, false));
        assertThrows(IllegalArgumentException.class, () -> Reshape.outputShape(s, new int[] {5, 5}, false));
        assertThrows(IllegalArgumentException.class, () -> Reshape.outputShape(s, new int[] {0, 0, 0, 0}, false));
        assertThrows(IllegalArgumentException.class, () -> Reshape.outputShape(s, null, false));
        assertThrows(IllegalArgumentException.class,
                () -> Reshape.outputShape(s, new int[] {65536, 65536, 65536, 65536, 0}, true));
    }
}
