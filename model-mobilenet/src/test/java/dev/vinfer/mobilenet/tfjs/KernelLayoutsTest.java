package dev.vinfer.mobilenet.tfjs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** TensorFlow kernel layouts to OHWI, element by element on distinct values. */
class KernelLayoutsTest {

    @Test
    void hwioBecomesOhwi() {
        int kh = 2, kw = 3, in = 4, out = 5;
        float[] hwio = new float[kh * kw * in * out];
        for (int i = 0; i < hwio.length; i++) {
            hwio[i] = i;
        }
        float[] ohwi = KernelLayouts.hwioToOhwi(hwio, kh, kw, in, out);
        for (int o = 0; o < out; o++) {
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    for (int c = 0; c < in; c++) {
                        assertEquals(hwio[((y * kw + x) * in + c) * out + o], ohwi[((o * kh + y) * kw + x) * in + c]);
                    }
                }
            }
        }
    }

    @Test
    void depthwiseBecomesOneFilterPerChannel() {
        int kh = 3, kw = 2, channels = 7;
        float[] hwc1 = new float[kh * kw * channels];
        for (int i = 0; i < hwc1.length; i++) {
            hwc1[i] = i;
        }
        float[] out = KernelLayouts.depthwiseToOhwi(hwc1, kh, kw, channels);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    assertEquals(hwc1[(y * kw + x) * channels + c], out[(c * kh + y) * kw + x]);
                }
            }
        }
    }
}
