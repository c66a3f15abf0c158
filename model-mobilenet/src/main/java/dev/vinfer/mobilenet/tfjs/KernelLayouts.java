package dev.vinfer.mobilenet.tfjs;

/** TensorFlow's kernel layouts to vinfer's OHWI ({@code [out][kh][kw][in/groups]}). */
final class KernelLayouts {
    private KernelLayouts() {
    }

    /** Conv2D: TensorFlow's HWIO {@code [kh][kw][in][out]} to {@code [out][kh][kw][in]}. */
    static float[] hwioToOhwi(float[] hwio, int kh, int kw, int in, int out) {
        float[] ohwi = new float[hwio.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < in; i++) {
                    int src = ((y * kw + x) * in + i) * out;
                    for (int o = 0; o < out; o++) {
                        ohwi[((o * kh + y) * kw + x) * in + i] = hwio[src + o];
                    }
                }
            }
        }
        return ohwi;
    }

    /**
     * DepthwiseConv2D with depth multiplier 1: {@code [kh][kw][channels][1]} to
     * {@code [channels][kh][kw][1]}, one filter per channel.
     */
    static float[] depthwiseToOhwi(float[] hwc1, int kh, int kw, int channels) {
        float[] out = new float[hwc1.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int c = 0; c < channels; c++) {
                    out[(c * kh + y) * kw + x] = hwc1[(y * kw + x) * channels + c];
                }
            }
        }
        return out;
    }
}
