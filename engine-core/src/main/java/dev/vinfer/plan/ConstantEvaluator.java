package dev.vinfer.plan;

import dev.vinfer.graph.Attributes;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.Ops;
import dev.vinfer.scalar.ops.BroadcastBinary;
import dev.vinfer.scalar.ops.Cast;
import dev.vinfer.scalar.ops.Concat;
import dev.vinfer.scalar.ops.ConstantOfShape;
import dev.vinfer.scalar.ops.Flatten;
import dev.vinfer.scalar.ops.Gather;
import dev.vinfer.scalar.ops.Range;
import dev.vinfer.scalar.ops.Reshape;
import dev.vinfer.scalar.ops.Shapes;
import dev.vinfer.scalar.ops.Slice;
import dev.vinfer.scalar.ops.Squeeze;
import dev.vinfer.scalar.ops.Transpose;
import dev.vinfer.scalar.ops.Unsqueeze;
import dev.vinfer.scalar.ops.Where;
import dev.vinfer.tensor.NdArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Computes a node from input tensors known before anything runs: the shape arithmetic exporters
 * write ({@link Ops}, "Shape arithmetic") and data movement of constants. Pure: tensors in,
 * tensors out, with the scalar reference kernels, so a value computed here equals what a step
 * would compute at run time. The planner uses it for every node whose inputs it knows
 * ({@link ConstantEvaluation}).
 */
public final class ConstantEvaluator {
    /** Operators computed here when all their inputs are known (Shape needs only its input's shape). */
    private static final Set<String> EVALUATED = Set.of(Ops.GATHER, Ops.SLICE, Ops.SPLIT, Ops.CAST, Ops.CONSTANT_OF_SHAPE,
            Ops.UNSQUEEZE, Ops.SQUEEZE, Ops.EXPAND, Ops.RANGE, Ops.EQUAL, Ops.WHERE, Ops.CONCAT, Ops.RESHAPE, Ops.FLATTEN,
            Ops.TRANSPOSE, Ops.IDENTITY, Ops.DROPOUT, Ops.ADD, Ops.SUB, Ops.MUL, Ops.DIV);

    /**
     * Most elements a tensor made from little may have (ConstantOfShape, Expand, a broadcast): 2^26
     * floats, 256 MB. A hostile shape tensor gets a one-line error, not an OutOfMemoryError.
     */
    static final long MAX_MADE_ELEMENTS = 1L << 26;

    private ConstantEvaluator() {
    }

    /** {@code shape}, after checking a tensor of it may be made. */
    static int[] madeShape(String op, int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > MAX_MADE_ELEMENTS) {
                throw new IllegalArgumentException(op + ": a tensor of shape " + Arrays.toString(shape) + " has more than "
                        + MAX_MADE_ELEMENTS + " elements");
            }
        }
        return shape;
    }

    /**
     * Whether this class computes an operator (Shape aside, which {@link #shape} computes from a shape).
     *
     * @param op a core operator
     * @return whether {@link #evaluate} computes it
     */
    public static boolean evaluates(String op) {
        return EVALUATED.contains(op);
    }

    /**
     * Shape's output for a value of shape {@code shape}: its dims from {@code start} to {@code end}
     * (attributes; negative counts from the end, both clamped to the rank, as opset 15 says).
     *
     * @param shape      the logical shape of Shape's input
     * @param attributes the Shape node's attributes
     * @return a rank-1 tensor of the selected dims
     */
    public static NdArray shape(int[] shape, Attributes attributes) {
        int rank = shape.length;
        long start = attributes.getLong("start", 0);
        long end = attributes.getLong("end", rank);
        start = Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
        end = Math.max(0, Math.min(rank, end < 0 ? end + rank : end));
        float[] dims = new float[(int) Math.max(0, end - start)];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape[(int) start + i];
        }
        return NdArray.vector(dims);
    }

    /**
     * The outputs of {@code node} from its inputs.
     *
     * @param node   a node whose operator {@link #evaluates}
     * @param inputs one tensor per input of the node, null for an omitted optional input
     * @return one tensor per output, in order
     * @throws IllegalArgumentException when the inputs do not fit the operator
     */
    public static List<NdArray> evaluate(Node node, List<NdArray> inputs) {
        Attributes a = node.attributes();
        NdArray x = inputs.isEmpty() ? null : inputs.getFirst();
        if (x == null && !node.op().equals(Ops.CONCAT)) {
            throw new IllegalArgumentException("input 0 is missing");
        }
        if (node.op().equals(Ops.SPLIT)) {
            return split(node, x, input(inputs, 1));
        }
        NdArray out = switch (node.op()) {
            case Ops.IDENTITY, Ops.DROPOUT -> x;
            case Ops.GATHER -> {
                NdArray indices = required(inputs, 1, "indices");
                Gather g = Gather.of(x.shape(), a.getInt("axis", 0), indices.data(), indices.shape());
                float[] data = new float[Shapes.size(g.outputShape())];
                g.run(x.data(), data, 0, g.taskCount());
                yield NdArray.wrap(g.outputShape(), data);
            }
            case Ops.SLICE -> {
                NdArray axes = input(inputs, 3);
                NdArray steps = input(inputs, 4);
                yield slice(x, Slice.of(x.shape(), longs(required(inputs, 1, "starts")), longs(required(inputs, 2, "ends")),
                        axes == null ? null : ints(axes), steps == null ? null : longs(steps)));
            }
            case Ops.CAST -> {
                float[] data = new float[x.size()];
                Cast.to(a.getInt("to", 1)).run(x.data(), data, 0, data.length);
                yield NdArray.wrap(x.shape(), data);
            }
            case Ops.CONSTANT_OF_SHAPE -> {
                NdArray value = a.getTensor("value");
                if (value != null && value.size() != 1) {
                    throw new IllegalArgumentException("ConstantOfShape's value must hold one element, it has shape " + value.shapeText());
                }
                int[] shape = madeShape("ConstantOfShape", ConstantOfShape.outputShape(x.data()));
                yield NdArray.wrap(shape, ConstantOfShape.fill(shape, value == null ? 0f : value.data()[0]));
            }
            case Ops.UNSQUEEZE -> x.reshape(Unsqueeze.outputShape(x.shape(), ints(required(inputs, 1, "axes"))));
            case Ops.SQUEEZE -> {
                NdArray axes = input(inputs, 1);
                yield x.reshape(Squeeze.outputShape(x.shape(), axes == null ? null : ints(axes)));
            }
            case Ops.EXPAND -> expand(x, ints(required(inputs, 1, "shape")));
            case Ops.RANGE -> NdArray.vector(Range.values(scalar(x, "start"), scalar(required(inputs, 1, "limit"), "limit"),
                    scalar(required(inputs, 2, "delta"), "delta")));
            case Ops.WHERE -> {
                NdArray xs = required(inputs, 1, "X");
                NdArray ys = required(inputs, 2, "Y");
                Where w = Where.of(x.shape(), xs.shape(), ys.shape());
                madeShape("Where", w.outputShape());
                float[] data = new float[w.taskCount()];
                w.run(x.data(), xs.data(), ys.data(), data, 0, data.length);
                yield NdArray.wrap(w.outputShape(), data);
            }
            case Ops.CONCAT -> concat(node, inputs);
            case Ops.RESHAPE -> x.reshape(Reshape.outputShape(x.shape(), ints(required(inputs, 1, "shape")),
                    a.getLong("allowzero", 0) != 0));
            case Ops.FLATTEN -> x.reshape(Flatten.outputShape(x.shape(), a.getInt("axis", 1)));
            case Ops.TRANSPOSE -> {
                Transpose t = Transpose.of(x.shape(), a.getInts("perm"));
                float[] data = new float[t.taskCount()];
                t.run(x.data(), data, 0, data.length);
                yield NdArray.wrap(t.outputShape(), data);
            }
            case Ops.ADD, Ops.SUB, Ops.MUL, Ops.DIV, Ops.EQUAL -> binary(binaryOp(node), x, required(inputs, 1, "B"));
            default -> throw new IllegalArgumentException("operator " + node.op() + " is not evaluated while planning");
        };
        return List.of(out);
    }

    /** The broadcast operator of an arithmetic node; Div of integers truncates. */
    static BroadcastBinary.Op binaryOp(Node node) {
        return switch (node.op()) {
            case Ops.ADD -> BroadcastBinary.Op.ADD;
            case Ops.SUB -> BroadcastBinary.Op.SUB;
            case Ops.MUL -> BroadcastBinary.Op.MUL;
            case Ops.DIV -> node.attributes().getLong(Ops.INTEGER_OUTPUT, 0) != 0 ? BroadcastBinary.Op.INTEGER_DIV : BroadcastBinary.Op.DIV;
            case Ops.EQUAL -> BroadcastBinary.Op.EQUAL;
            default -> throw new IllegalArgumentException("operator " + node.op() + " is not a broadcast arithmetic operator");
        };
    }

    private static NdArray binary(BroadcastBinary.Op op, NdArray a, NdArray b) {
        BroadcastBinary k = BroadcastBinary.of(op, a.shape(), b.shape());
        madeShape(op.name(), k.outputShape()); // a broadcast can make far more than its operands hold
        float[] data = new float[k.taskCount()];
        k.run(a.data(), b.data(), data, 0, data.length);
        return NdArray.wrap(k.outputShape(), data);
    }

    /** Expand: the NumPy broadcast of x and the requested shape, x's values repeated (x times ones keeps -0 and NaN). */
    private static NdArray expand(NdArray x, int[] shape) {
        madeShape("Expand", BroadcastBinary.outputShape(BroadcastBinary.Op.MUL, x.shape(), madeShape("Expand", shape)));
        return binary(BroadcastBinary.Op.MUL, x, NdArray.wrap(shape, ConstantOfShape.fill(shape, 1f)));
    }

    private static NdArray concat(Node node, List<NdArray> inputs) {
        int[][] shapes = new int[inputs.size()][];
        float[][] data = new float[inputs.size()][];
        for (int i = 0; i < shapes.length; i++) {
            NdArray in = required(inputs, i, "input " + i);
            shapes[i] = in.shape();
            data[i] = in.data();
        }
        int axis = node.attributes().getInt("axis", Integer.MIN_VALUE);
        if (axis == Integer.MIN_VALUE) {
            throw new IllegalArgumentException("Concat needs an 'axis' attribute");
        }
        Concat c = Concat.of(shapes, axis);
        float[] out = new float[Shapes.size(c.outputShape())];
        c.run(data, out, 0, c.taskCount());
        return NdArray.wrap(c.outputShape(), out);
    }

    /** Split: the sizes from input 1, else equal parts, one per output. */
    private static List<NdArray> split(Node node, NdArray x, NdArray sizes) {
        int[][] parts = splitRanges(x.shape(), node.attributes().getInt("axis", 0), sizes == null ? null : ints(sizes), node.outputs().size());
        int axis = Shapes.normalizeAxis(node.attributes().getInt("axis", 0), x.rank(), "Split");
        List<NdArray> out = new ArrayList<>();
        for (int[] part : parts) {
            out.add(slice(x, Slice.of(x.shape(), new long[] {part[0]}, new long[] {part[1]}, new int[] {axis}, null)));
        }
        return out;
    }

    /**
     * Split's parts as [begin, end) ranges along the axis: the given sizes (which must add up to the
     * axis), or {@code outputs} equal parts (which must divide it).
     *
     * @param shape   the input's shape
     * @param axis    the split axis (negative from the end)
     * @param sizes   the part sizes, or null
     * @param outputs the number of outputs
     * @return one {begin, end} per output
     */
    static int[][] splitRanges(int[] shape, int axis, int[] sizes, int outputs) {
        int a = Shapes.normalizeAxis(axis, shape.length, "Split");
        int dim = shape[a];
        if (sizes == null) {
            if (outputs < 1 || dim % outputs != 0) {
                throw new IllegalArgumentException("Split: axis " + a + " of " + Shapes.format(shape) + " does not divide into "
                        + outputs + " equal parts");
            }
            sizes = new int[outputs];
            Arrays.fill(sizes, dim / outputs);
        }
        if (sizes.length != outputs) {
            throw new IllegalArgumentException("Split: " + sizes.length + " sizes " + Arrays.toString(sizes) + " for " + outputs + " outputs");
        }
        int[][] ranges = new int[outputs][];
        int begin = 0;
        for (int i = 0; i < outputs; i++) {
            if (sizes[i] < 0) {
                throw new IllegalArgumentException("Split: size " + sizes[i] + " is negative");
            }
            ranges[i] = new int[] {begin, begin + sizes[i]};
            begin += sizes[i];
        }
        if (begin != dim) {
            throw new IllegalArgumentException("Split: sizes " + Arrays.toString(sizes) + " add up to " + begin + ", axis " + a
                    + " of " + Shapes.format(shape) + " has " + dim);
        }
        return ranges;
    }

    private static NdArray slice(NdArray x, Slice s) {
        float[] data = new float[s.taskCount()];
        s.run(x.data(), data, 0, data.length);
        return NdArray.wrap(s.outputShape(), data);
    }

    private static NdArray input(List<NdArray> inputs, int i) {
        return i < inputs.size() ? inputs.get(i) : null;
    }

    private static NdArray required(List<NdArray> inputs, int i, String role) {
        NdArray v = input(inputs, i);
        if (v == null) {
            throw new IllegalArgumentException(role + " (input " + i + ") is missing");
        }
        return v;
    }

    private static double scalar(NdArray v, String role) {
        if (v.size() != 1) {
            throw new IllegalArgumentException(role + " must be a single value, it has shape " + v.shapeText());
        }
        return v.data()[0];
    }

    /** Integer values held as floats, as longs (huge magnitudes saturate, which Slice's clamping allows). */
    static long[] longs(NdArray v) {
        float[] d = v.data();
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i])) {
                throw new IllegalArgumentException("value " + d[i] + " is not an integer");
            }
            out[i] = (long) d[i];
        }
        return out;
    }

    /** Integer values held as floats, as ints (axes, shapes, sizes). */
    static int[] ints(NdArray v) {
        float[] d = v.data();
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("value " + d[i] + " is not an integer of int range");
            }
            out[i] = (int) d[i];
        }
        return out;
    }
}
