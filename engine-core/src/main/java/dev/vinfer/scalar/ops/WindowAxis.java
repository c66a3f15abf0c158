package dev.vinfer.scalar.ops;

/**
 * One spatial axis of a sliding window, tabulated per output position once: where the window
 * starts in input coordinates, which of its taps fall inside the input ({@code [firstTap, endTap)},
 * contiguous even with dilation), and how many fall inside the padded input (the divisor of an
 * average that counts padding; taps that run past the padding under ceil_mode are not counted).
 * A window entirely in the padding has an empty tap range: a convolution then outputs its bias,
 * a pool rejects it with {@link #requireInputInEveryWindow}.
 */
final class WindowAxis {
    final int[] start;
    final int[] firstTap;
    final int[] endTap;
    final int[] paddedTaps;
    final int dilation;
    private final String axis;
    private final int in;
    private final int padBegin;
    private final int padEnd;
    private final int kernel;

    WindowAxis(String axis, int in, int out, int kernel, int stride, int dilation, int padBegin, int padEnd) {
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
        this.axis = axis;
        this.in = in;
        this.padBegin = padBegin;
        this.padEnd = padEnd;
        this.kernel = kernel;
    }

    /** For pools: a window with no input element has no max and no average. */
    void requireInputInEveryWindow(String op) {
        for (int o = 0; o < start.length; o++) {
            if (firstTap[o] >= endTap[o]) {
                throw new IllegalArgumentException(op + ": the window at output " + axis + " " + o
                        + " covers no input element (input " + in + ", pads " + padBegin + "/" + padEnd
                        + ", kernel " + kernel + ", dilation " + dilation + ")");
            }
        }
    }

    static WindowAxis rows(Window2d w, int inH, int outH) {
        return new WindowAxis("row", inH, outH, w.kernelH(), w.strideH(), w.dilationH(), w.padTop(), w.padBottom());
    }

    static WindowAxis columns(Window2d w, int inW, int outW) {
        return new WindowAxis("column", inW, outW, w.kernelW(), w.strideW(), w.dilationW(), w.padLeft(), w.padRight());
    }

    /** Input coordinate of tap {@code t} of the window at output {@code o}. */
    int coordinate(int o, int t) {
        return start[o] + t * dilation;
    }
}
