package dev.vinfer.scalar.ops;

/**
 * A row-major output index space with the strides of one or more operands read alongside it,
 * reduced to as few dimensions as possible: size-1 output dimensions are dropped and neighbouring
 * dimensions merged wherever every operand is contiguous (or broadcast) across them. The innermost
 * remaining dimension is then a plain loop with a fixed stride per operand, and a run over any range
 * of output elements needs only one division walk per inner row, never an allocation.
 */
final class CollapsedLayout {
    /** Collapsed output dimensions, outermost first; at least one (a scalar becomes {@code [1]}). */
    final int[] dims;
    /** {@code strides[operand][dim]}, in elements, for the collapsed dimensions. */
    final int[][] strides;
    /** Length of the innermost dimension. */
    final int inner;

    CollapsedLayout(int[] outShape, int[]... operandStrides) {
        int rank = outShape.length;
        int[] d = new int[Math.max(rank, 1)];
        int[][] s = new int[operandStrides.length][d.length];
        int kept = 0;
        for (int i = 0; i < rank; i++) {
            if (outShape[i] == 1) {
                continue;
            }
            boolean merge = kept > 0;
            for (int k = 0; k < operandStrides.length && merge; k++) {
                merge = s[k][kept - 1] == operandStrides[k][i] * outShape[i];
            }
            if (merge) {
                d[kept - 1] *= outShape[i];
                for (int k = 0; k < operandStrides.length; k++) {
                    s[k][kept - 1] = operandStrides[k][i];
                }
            } else {
                d[kept] = outShape[i];
                for (int k = 0; k < operandStrides.length; k++) {
                    s[k][kept] = operandStrides[k][i];
                }
                kept++;
            }
        }
        if (kept == 0) {
            d[0] = 1;
            kept = 1;
        }
        dims = java.util.Arrays.copyOf(d, kept);
        strides = new int[operandStrides.length][];
        for (int k = 0; k < operandStrides.length; k++) {
            strides[k] = java.util.Arrays.copyOf(s[k], kept);
        }
        inner = dims[kept - 1];
    }

    /** Stride of {@code operand} along the innermost dimension. */
    int innerStride(int operand) {
        return strides[operand][dims.length - 1];
    }

    /** Element offset in {@code operand} of output element {@code index} (flat, row-major). */
    int offset(int operand, int index) {
        int[] st = strides[operand];
        int off = 0;
        for (int i = dims.length - 1; i >= 0 && index != 0; i--) {
            int d = dims[i];
            off += (index % d) * st[i];
            index /= d;
        }
        return off;
    }

    /**
     * Output elements {@code [from, to)} gathered from operand 0 of {@code in}, which starts at
     * element {@code base}: one copy per inner row where the operand is contiguous, a strided loop
     * otherwise. What a Slice and a Transpose of one input both are.
     */
    void gather(float[] in, int base, float[] out, int from, int to) {
        int stride = innerStride(0);
        int i = from;
        while (i < to) {
            int column = i % inner;
            int n = Math.min(inner - column, to - i);
            int src = base + offset(0, i - column) + column * stride;
            if (stride == 1) {
                System.arraycopy(in, src, out, i, n);
            } else {
                for (int k = 0; k < n; k++) {
                    out[i + k] = in[src + k * stride];
                }
            }
            i += n;
        }
    }
}
