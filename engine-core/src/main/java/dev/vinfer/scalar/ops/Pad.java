package dev.vinfer.scalar.ops;

/**
 * ONNX Pad (opsets 2-17, all axes): {@code pads} holds every axis's begin count, then every axis's
 * end count. Modes: {@code CONSTANT} fills with {@code value}, {@code EDGE} repeats the border
 * element, {@code REFLECT} mirrors without repeating the border ({@code [1,2,3]} padded by 2 on
 * the left gives {@code [3,2,1,2,3]}), periodically when a pad is longer than the axis, exactly as
 * {@code numpy.pad}, which ONNX's reference uses; a reflected axis of length 1 repeats its element.
 *
 * <p>Negative pads crop, as in ONNX Runtime: the input is first cut by the negative counts, then the
 * positive counts pad what is left (so edge and reflect read the cropped border).
 *
 * <p>The factory tabulates, per axis, which input index each output index reads (-1: the constant),
 * so {@link #run} is a table lookup per element over output elements {@code [from, to)}; any split
 * gives the same result. The output must not alias the input.
 */
public final class Pad {
    public enum Mode { CONSTANT, REFLECT, EDGE }

    private static final int CONSTANT_FILL = -1;

    private final int[] outputShape;
    private final int size;
    /** Output dims with a rank-0 tensor seen as {@code [1]}. */
    private final int[] dims;
    private final int[] inStrides;
    /** {@code sources[axis][outIndex]}: the input index read, or {@link #CONSTANT_FILL}. */
    private final int[][] sources;
    private final float value;

    private Pad(int[] outputShape, int[] dims, int[] inStrides, int[][] sources, float value) {
        this.outputShape = outputShape;
        this.size = Shapes.size(outputShape);
        this.dims = dims;
        this.inStrides = inStrides;
        this.sources = sources;
        this.value = value;
    }

    /** Plans the padding of a tensor of {@code shape}; {@code value} is used by {@code CONSTANT} only. */
    public static Pad of(int[] shape, int[] pads, Mode mode, float value) {
        int[] out = outputShape(shape, pads, mode);
        int rank = shape.length;
        if (rank == 0) {
            return new Pad(out, new int[] {1}, new int[] {0}, new int[][] {{0}}, value);
        }
        int[][] sources = new int[rank][];
        for (int axis = 0; axis < rank; axis++) {
            int begin = pads[axis];
            int end = pads[rank + axis];
            int cropStart = Math.max(0, -begin);
            int kept = shape[axis] - cropStart - Math.max(0, -end);
            int lead = Math.max(0, begin);
            sources[axis] = new int[out[axis]];
            for (int o = 0; o < out[axis]; o++) {
                int i = o - lead;
                int mapped = i >= 0 && i < kept ? i : switch (mode) {
                    case CONSTANT -> CONSTANT_FILL;
                    case EDGE -> Math.max(0, Math.min(kept - 1, i));
                    case REFLECT -> reflect(i, kept);
                };
                sources[axis][o] = mapped == CONSTANT_FILL ? CONSTANT_FILL : cropStart + mapped;
            }
        }
        return new Pad(out, out.clone(), Shapes.strides(shape), sources, value);
    }

    /** Input dims plus begin and end pads; rejects a wrong pads length, over-cropping, and edge/reflect of nothing. */
    public static int[] outputShape(int[] shape, int[] pads, Mode mode) {
        Shapes.size(shape);
        int rank = shape.length;
        if (pads == null || pads.length != 2 * rank) {
            throw new IllegalArgumentException("Pad: pads must have 2 x rank = " + 2 * rank + " entries for input "
                    + Shapes.format(shape) + ", got " + Shapes.format(pads));
        }
        if (mode == null) {
            throw new IllegalArgumentException("Pad: mode is missing");
        }
        int[] out = new int[rank];
        for (int axis = 0; axis < rank; axis++) {
            long begin = pads[axis];
            long end = pads[rank + axis];
            long kept = shape[axis] - Math.max(0, -begin) - Math.max(0, -end);
            if (kept < 0) {
                throw new IllegalArgumentException("Pad: negative pads " + begin + ", " + end + " crop more than axis "
                        + axis + " of " + Shapes.format(shape) + " has");
            }
            if (kept == 0 && (begin > 0 || end > 0) && mode != Mode.CONSTANT) {
                throw new IllegalArgumentException("Pad: " + mode.name().toLowerCase() + " mode cannot pad axis " + axis
                        + " of " + Shapes.format(shape) + ": nothing is left to repeat");
            }
            long length = shape[axis] + begin + end;
            if (length > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Pad: axis " + axis + " would be too long (" + length + ")");
            }
            out[axis] = (int) length;
        }
        Shapes.size(out);
        return out;
    }

    public int[] outputShape() {
        return outputShape.clone();
    }

    /** Number of output elements: the exclusive upper bound of a {@link #run} range. */
    public int taskCount() {
        return size;
    }

    /** Output elements {@code [from, to)}. */
    public void run(float[] in, float[] out, int from, int to) {
        int last = dims.length - 1;
        int inner = dims[last];
        int[] innerSources = sources[last];
        int innerStride = inStrides[last];
        int i = from;
        while (i < to) {
            int column = i % inner;
            int n = Math.min(inner - column, to - i);
            int base = rowOffset(i / inner);
            if (base < 0) {
                java.util.Arrays.fill(out, i, i + n, value);
            } else {
                for (int k = 0; k < n; k++) {
                    int s = innerSources[column + k];
                    out[i + k] = s == CONSTANT_FILL ? value : in[base + s * innerStride];
                }
            }
            i += n;
        }
    }

    /** Input offset of row {@code row} over all axes but the last, or -1 when the row lies in constant padding. */
    private int rowOffset(int row) {
        int offset = 0;
        for (int axis = dims.length - 2; axis >= 0; axis--) {
            int s = sources[axis][row % dims[axis]];
            if (s == CONSTANT_FILL) {
                return -1;
            }
            offset += s * inStrides[axis];
            row /= dims[axis];
        }
        return offset;
    }

    /** numpy's "reflect" index for position {@code i} of an axis of {@code length} elements. */
    private static int reflect(int i, int length) {
        if (length == 1) {
            return 0;
        }
        int period = 2 * (length - 1);
        int r = Math.floorMod(i, period);
        return r < length ? r : period - r;
    }
}
