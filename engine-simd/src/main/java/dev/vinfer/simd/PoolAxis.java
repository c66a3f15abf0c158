package dev.vinfer.simd;

/**
 * One spatial axis of a pool's window, tabulated per output position: the window's first input
 * coordinate, its taps inside the input ({@code [firstTap, endTap)}, contiguous even with
 * dilation), and how many taps lie inside the padded input (an average's divisor with
 * count_include_pad). The same arithmetic as the scalar reference's window tables; the twin tests
 * hold the two together.
 */
final class PoolAxis {
    final int[] start;
    final int[] firstTap;
    final int[] endTap;
    final int[] paddedTaps;
    final int dilation;

    PoolAxis(int in, int out, int kernel, int stride, int dilation, int padBegin, int padEnd) {
        this.dilation = dilation;
        start = new int[out];
        firstTap = new int[out];
        endTap = new int[out];
        paddedTaps = new int[out];
        for (int o = 0; o < out; o++) {
            int s = o * stride - padBegin;
            start[o] = s;
            firstTap[o] = s >= 0 ? 0 : Math.ceilDiv(-s, dilation);
            endTap[o] = Math.max(firstTap[o], Math.min(kernel, Math.floorDiv(in - 1 - s, dilation) + 1));
            paddedTaps[o] = Math.min(kernel, Math.floorDiv(in + padEnd - 1 - s, dilation) + 1);
        }
    }

    /** {@return the input coordinate of tap {@code t} of the window at output {@code o}} */
    int coordinate(int o, int t) {
        return start[o] + t * dilation;
    }

    /** {@return how many of the window's taps at output {@code o} lie inside the input} */
    int inputTaps(int o) {
        return endTap[o] - firstTap[o];
    }
}
