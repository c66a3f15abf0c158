package dev.vinfer.ops;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PaddingTest {

    @Test
    void tensorflowSamePutsTheExtraRowAndColumnBottomRightOnStride2() {
        // 224 -> 112 with a 3x3/2 kernel needs one padded row in total: TF puts it after.
        assertEquals(new Padding(0, 0, 1, 1), Padding.same(224, 224, 3, 3, 2, 2));
        // An odd input needs two: one on each side.
        assertEquals(new Padding(1, 1, 1, 1), Padding.same(7, 7, 3, 3, 2, 2));
        assertEquals(Padding.symmetric(1), Padding.same(14, 14, 3, 3, 1, 1));
        assertEquals(Padding.NONE, Padding.same(7, 7, 1, 1, 1, 1));
        assertEquals(new Padding(0, 1, 1, 1), Padding.same(8, 7, 3, 3, 2, 2));
    }

    @Test
    void outputExtentMatchesPyTorchAndTensorFlow() {
        assertEquals(112, ConvGeometry.outputExtent(224, 3, 2, 1, 1)); // PyTorch padding=1
        assertEquals(112, ConvGeometry.outputExtent(224, 3, 2, 0, 1)); // TF same
        assertEquals(7, ConvGeometry.outputExtent(14, 3, 2, 1, 1));
        assertEquals(1, ConvGeometry.outputExtent(1, 3, 1, 1, 1));
        assertEquals(1, ConvGeometry.outputExtent(1, 3, 2, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ConvGeometry.outputExtent(1, 3, 1, 0, 0));
    }

    @Test
    void interiorRangeHoldsExactlyTheWindowsThatNeedNoPadding() {
        for (int in = 1; in <= 9; in++) {
            for (int stride = 1; stride <= 2; stride++) {
                for (int before = 0; before <= 1; before++) {
                    for (int after = 0; after <= 1; after++) {
                        if (in + before + after < 3) {
                            continue;
                        }
                        int out = ConvGeometry.outputExtent(in, 3, stride, before, after);
                        int first = ConvGeometry.firstInteriorOutput(stride, before);
                        int end = ConvGeometry.endInteriorOutput(in, 3, stride, before, out);
                        for (int o = 0; o < out; o++) {
                            int origin = ConvGeometry.inputOrigin(o, stride, before);
                            boolean inside = origin >= 0 && origin + 3 <= in;
                            boolean claimed = o >= first && o < end;
                            assertEquals(inside, claimed, "in=" + in + " s=" + stride + " pad=" + before + "/" + after + " o=" + o);
                            assertEquals(Math.max(0, -origin), ConvGeometry.firstValidTap(origin));
                            assertEquals(Math.min(3, in - origin), ConvGeometry.endValidTap(origin, 3, in));
                        }
                    }
                }
            }
        }
    }

    @Test
    void negativePaddingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Padding(-1, 0, 0, 0));
    }
}
