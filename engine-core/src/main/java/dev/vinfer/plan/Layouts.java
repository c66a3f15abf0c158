package dev.vinfer.plan;

/** Layout conversions of whole constants, done once while planning. */
final class Layouts {
    private Layouts() {
    }

    /** An NCHW array of logical shape {@code s} rearranged to NHWC. */
    static float[] toNhwc(float[] nchw, int[] s) {
        float[] out = new float[nchw.length];
        for (int img = 0; img < s[0]; img++) {
            for (int y = 0; y < s[2]; y++) {
                LayoutConversion.nchwToNhwc(nchw, out, img, y, s[1], s[2], s[3]);
            }
        }
        return out;
    }

    /** An NHWC array of logical shape {@code s} back to NCHW. */
    static float[] toNchw(float[] nhwc, int[] s, float[] out) {
        for (int img = 0; img < s[0]; img++) {
            for (int y = 0; y < s[2]; y++) {
                LayoutConversion.nhwcToNchw(nhwc, out, img, y, s[1], s[2], s[3]);
            }
        }
        return out;
    }
}
