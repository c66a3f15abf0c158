package dev.vinfer.ops;

/**
 * One spatial axis of a sliding window (a pool's), tabulated per output position once, for the
 * scalar reference and the SIMD kernels alike: where the window starts in input coordinates,
 * which of its taps fall inside the input ({@code [firstTap, endTap)}, contiguous even with
 * dilation), and how many fall inside the padded input (the divisor of an average that counts
 * padding; taps that run past the padding under ceil_mode are not counted). A window entirely in
 * the padding has an empty tap range; a pool rejects it with {@link #requireInputInEveryWindow}.
 */
public final class WindowAxis {
    private final int[] start;
    private final int[] firstTap;
    private final int[] endTap;
    private final int[] paddedTaps;
    private final int in;
    private final int kernel;
    private final int dilation;
    private final int padBegin;
    private final int padEnd;

    /**
     * Tabulates the windows of every output position.
     *
     * @param in       input extent
     * @param out      output extent
     * @param kernel   window extent in taps
     * @param stride   stride
     * @param dilation distance between taps
     * @param padBegin padding before the input
     * @param padEnd   padding after the input
     */
    public WindowAxis(int in, int out, int kernel, int stride, int dilation, int padBegin, int padEnd) {
        this.in = in;
        this.kernel = kernel;
        this.dilation = dilation;
        this.padBegin = padBegin;
        this.padEnd = padEnd;
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

    /**
     * {@return the first tap of the window at output {@code o} that lies inside the input}
     *
     * @param o output position
     */
    public int firstTap(int o) {
        return firstTap[o];
    }

    /**
     * {@return one past the last tap of the window at output {@code o} that lies inside the input}
     *
     * @param o output position
     */
    public int endTap(int o) {
        return endTap[o];
    }

    /**
     * {@return how many of the window's taps at output {@code o} lie inside the input}
     *
     * @param o output position
     */
    public int inputTaps(int o) {
        return endTap[o] - firstTap[o];
    }

    /**
     * {@return how many of the window's taps at output {@code o} lie inside the padded input}
     *
     * @param o output position
     */
    public int paddedTaps(int o) {
        return paddedTaps[o];
    }

    /**
     * {@return the input coordinate of tap {@code t} of the window at output {@code o}}
     *
     * @param o output position
     * @param t tap
     */
    public int coordinate(int o, int t) {
        return start[o] + t * dilation;
    }

    /**
     * For pools: a window with no input element has no max and no average.
     *
     * @param op   the operator, for the message
     * @param axis "row" or "column", for the message
     * @throws IllegalArgumentException naming the first such window
     */
    public void requireInputInEveryWindow(String op, String axis) {
        for (int o = 0; o < start.length; o++) {
            if (firstTap[o] >= endTap[o]) {
                throw new IllegalArgumentException(op + ": the window at output " + axis + " " + o
                        + " covers no input element (input " + in + ", pads " + padBegin + "/" + padEnd
                        + ", kernel " + kernel + ", dilation " + dilation + ")");
            }
        }
    }
}
