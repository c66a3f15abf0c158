package dev.vinfer.scalar.ops;

import java.util.Arrays;

/**
 * ONNX Slice (opsets 10-17): along each listed axis, elements {@code start, start + step, ...}
 * up to (not including) {@code end}. Negative starts and ends count from the end of the axis; then
 * both are clamped as ONNX says: to {@code [0, dim]} for a positive step and to {@code [-1, dim - 1]}
 * for a negative one, so an end of {@code INT64_MAX} (or any huge value) means "to the end" and
 * {@code INT64_MIN} with step -1 "to the beginning". Axes not listed are kept whole.
 *
 * <p>The factory resolves every axis to a first index, a step and a count, so {@link #run} reads the
 * input through fixed strides (merged where they allow) with one division walk per inner row. It
 * covers output elements {@code [from, to)}; any split gives the same result. The output must not
 * alias the input. {@link #permuted} gives the same slice of a tensor stored with its axes in
 * another order (an NHWC activation), so a planner need not convert layouts to slice.
 */
public final class Slice {
    private final int[] inputShape;
    private final int[] first;
    private final int[] step;
    private final int[] outputShape;
    private final int size;
    private final int base;
    private final CollapsedLayout layout;

    private Slice(int[] inputShape, int[] first, int[] step, int[] outputShape) {
        this.inputShape = inputShape;
        this.first = first;
        this.step = step;
        this.outputShape = outputShape;
        this.size = Shapes.size(outputShape);
        int[] strides = Shapes.strides(inputShape);
        int offset = 0;
        int[] read = new int[strides.length];
        for (int i = 0; i < strides.length; i++) {
            read[i] = strides[i] * step[i];
            offset += outputShape[i] == 0 ? 0 : first[i] * strides[i];
        }
        this.base = offset;
        this.layout = new CollapsedLayout(outputShape, read);
    }

    /**
     * Plans a slice of a tensor of shape {@code shape}.
     *
     * @param shape  the input's shape
     * @param starts one start per listed axis (any value: clamped)
     * @param ends   one end per listed axis (any value: clamped)
     * @param axes   the axes sliced, negative counting from the end, each at most once; null means
     *               {@code 0 .. starts.length - 1}
     * @param steps  one non-zero step per listed axis; null means all 1
     * @return the planned slice
     */
    public static Slice of(int[] shape, long[] starts, long[] ends, int[] axes, long[] steps) {
        int rank = Shapes.requireValid(shape, "Slice input shape").length;
        if (starts == null || ends == null || starts.length != ends.length) {
            throw new IllegalArgumentException("Slice: starts " + Arrays.toString(starts) + " and ends " + Arrays.toString(ends)
                    + " must have the same length");
        }
        int n = starts.length;
        if (axes != null && axes.length != n) {
            throw new IllegalArgumentException("Slice: axes " + Arrays.toString(axes) + " must have one entry per start (" + n + ")");
        }
        if (steps != null && steps.length != n) {
            throw new IllegalArgumentException("Slice: steps " + Arrays.toString(steps) + " must have one entry per start (" + n + ")");
        }
        int[] first = new int[rank];
        int[] step = new int[rank];
        int[] out = shape.clone();
        Arrays.fill(step, 1);
        boolean[] seen = new boolean[rank];
        for (int k = 0; k < n; k++) {
            int axis = Shapes.normalizeAxis(axes == null ? k : axes[k], rank, "Slice");
            if (seen[axis]) {
                throw new IllegalArgumentException("Slice: axis " + axis + " is listed twice in " + Arrays.toString(axes));
            }
            seen[axis] = true;
            long s = steps == null ? 1 : steps[k];
            if (s == 0 || s < Integer.MIN_VALUE || s > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Slice: step " + s + " on axis " + axis + " is not allowed");
            }
            long dim = shape[axis];
            long begin = clamp(starts[k] < 0 ? starts[k] + dim : starts[k], s, dim);
            long end = clamp(ends[k] < 0 ? ends[k] + dim : ends[k], s, dim);
            long count = s > 0 ? Math.max(0, ceilDiv(end - begin, s)) : Math.max(0, ceilDiv(begin - end, -s));
            first[axis] = (int) begin;
            step[axis] = (int) s;
            out[axis] = (int) count;
        }
        return new Slice(shape.clone(), first, step, out);
    }

    /** ONNX's clamp of an index already made non-negative-based: [0, dim] going forward, [-1, dim - 1] going back. */
    private static long clamp(long index, long step, long dim) {
        return step > 0 ? Math.max(0, Math.min(dim, index)) : Math.max(-1, Math.min(dim - 1, index));
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /**
     * The same slice of the same tensor stored with its axes permuted: physical axis {@code i} is
     * logical axis {@code perm[i]} (NHWC storage of an NCHW tensor is {@code {0, 2, 3, 1}}). The
     * result reads and writes physical order.
     *
     * @param perm the logical axis stored at each physical position
     * @return the slice in physical order
     */
    public Slice permuted(int[] perm) {
        if (perm.length != inputShape.length) {
            throw new IllegalArgumentException("Slice: permutation " + Arrays.toString(perm) + " does not match rank " + inputShape.length);
        }
        int[] shape = new int[perm.length];
        int[] f = new int[perm.length];
        int[] s = new int[perm.length];
        int[] out = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            shape[i] = inputShape[perm[i]];
            f[i] = first[perm[i]];
            s[i] = step[perm[i]];
            out[i] = outputShape[perm[i]];
        }
        return new Slice(shape, f, s, out);
    }

    /**
     * The output's shape.
     *
     * @return the output's shape
     */
    public int[] outputShape() {
        return outputShape.clone();
    }

    /**
     * The work to split.
     *
     * @return the number of output elements: the exclusive upper bound of a {@link #run} range
     */
    public int taskCount() {
        return size;
    }

    /**
     * Output elements {@code [from, to)} of the slice of {@code in}.
     *
     * @param in   the input, row-major in this slice's input shape
     * @param out  the output, row-major in {@link #outputShape()}
     * @param from first output element
     * @param to   end (exclusive)
     */
    public void run(float[] in, float[] out, int from, int to) {
        layout.gather(in, base, out, from, to);
    }
}
