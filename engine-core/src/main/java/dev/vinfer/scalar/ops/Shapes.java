package dev.vinfer.scalar.ops;

import java.util.Arrays;

/**
 * Shape arithmetic shared by the operators: element counts, axis normalisation and NumPy
 * broadcasting. A shape is an {@code int[]} of non-negative dimensions; rank 0 is a scalar.
 */
public final class Shapes {
    private Shapes() {
    }

    /** The number of elements of {@code shape} (1 for rank 0); rejects negative dims and overflow. */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : requireValid(shape, "shape")) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + format(shape) + " has more than 2^31-1 elements");
            }
        }
        return (int) n;
    }

    /** Returns {@code shape} after checking it is non-null with non-negative dimensions. */
    public static int[] requireValid(int[] shape, String what) {
        if (shape == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(what + " " + format(shape) + " has a negative dimension");
            }
        }
        return shape;
    }

    /** Maps an ONNX axis in {@code [-rank, rank)} to {@code [0, rank)}. */
    public static int normalizeAxis(int axis, int rank, String op) {
        return normalizeAxis(axis, rank, rank - 1, op);
    }

    /** Maps an axis in {@code [-rank, max]} to {@code [0, max]}, for ops such as Flatten whose axis may equal the rank. */
    public static int normalizeAxis(int axis, int rank, int max, String op) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a > max) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for rank " + rank
                    + " (allowed " + (-rank) + ".." + max + ")");
        }
        return a;
    }

    /** The NumPy (multidirectional) broadcast of two shapes, aligned at the last axis. */
    public static int[] broadcast(int[] a, int[] b, String op) {
        requireValid(a, op + " first input shape");
        requireValid(b, op + " second input shape");
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = dimFromEnd(a, rank - 1 - i);
            int db = dimFromEnd(b, rank - 1 - i);
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + format(a) + " and " + format(b)
                        + " cannot be broadcast (axis " + i + " of the result: " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Whether {@code from} broadcasts to exactly {@code to} (ONNX "unidirectional" broadcasting). */
    public static boolean broadcastsTo(int[] from, int[] to) {
        if (from.length > to.length) {
            return false;
        }
        for (int i = 0; i < from.length; i++) {
            int d = from[from.length - 1 - i];
            if (d != 1 && d != to[to.length - 1 - i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Element strides of a row-major tensor of shape {@code shape} read as if it had shape
     * {@code target} (shape aligned at the last axis): a dimension of 1 that is broadcast, or a
     * missing leading dimension, gets stride 0. Requires {@code broadcastsTo(shape, target)}.
     */
    static int[] broadcastStrides(int[] shape, int[] target) {
        int[] strides = new int[target.length];
        int stride = 1;
        for (int i = 1; i <= shape.length; i++) {
            int d = shape[shape.length - i];
            strides[target.length - i] = d == 1 ? 0 : stride;
            stride *= d;
        }
        return strides;
    }

    /** Row-major strides of {@code shape}. */
    static int[] strides(int[] shape) {
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= shape[i];
        }
        return strides;
    }

    /** {@code [2, 3, 4]} style, for error messages. */
    public static String format(int[] shape) {
        return shape == null ? "null" : Arrays.toString(shape);
    }

    private static int dimFromEnd(int[] shape, int fromEnd) {
        int i = shape.length - 1 - fromEnd;
        return i >= 0 ? shape[i] : 1;
    }
}
