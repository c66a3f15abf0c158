package dev.vinfer.ops;

import dev.vinfer.scalar.ops.Pool2d;
import dev.vinfer.scalar.ops.Window2d;
import dev.vinfer.tensor.TensorShape;

/**
 * A 2-D max or average pool over the height and width of an NHWC tensor (ONNX MaxPool and
 * AveragePool), each channel on its own. Padding never wins a max; an average divides by the taps
 * inside the input, or with {@code countIncludePad} inside the padded input (taps that a ceil-mode
 * window runs past the padding count for neither). The arithmetic of the output shape and of the
 * windows lives in the reference kernel ({@link dev.vinfer.scalar.ScalarBackend}), in one place.
 *
 * @param name            the layer's name, for tables and errors
 * @param kind            max or average
 * @param kernelH         window height
 * @param kernelW         window width
 * @param strideH         vertical stride
 * @param strideW         horizontal stride
 * @param dilationH       vertical spacing of the window's taps
 * @param dilationW       horizontal spacing of the window's taps
 * @param padding         explicit padding (auto_pad already resolved for the input size)
 * @param ceilMode        whether the output size rounds up (ONNX {@code ceil_mode})
 * @param countIncludePad whether an average counts the padding's taps (ONNX {@code count_include_pad}); false for max
 */
public record Pooling(String name, Kind kind, int kernelH, int kernelW, int strideH, int strideW, int dilationH,
                      int dilationW, Padding padding, boolean ceilMode, boolean countIncludePad) implements LayerSpec {

    /** Which reduction a pool applies over its window. */
    public enum Kind {
        /** The largest tap (NaN wins, as in {@link Math#max}). */
        MAX,
        /** The mean of the counted taps. */
        AVERAGE
    }

    /**
     * Checks the window.
     *
     * @throws IllegalArgumentException when a size is not positive, the padding is missing, or a max
     *                                  pool asks to count padding
     */
    public Pooling {
        if (kind == null || padding == null) {
            throw new IllegalArgumentException("pool " + name + ": kind and padding are required");
        }
        if (kind == Kind.MAX && countIncludePad) {
            throw new IllegalArgumentException("pool " + name + ": count_include_pad applies to average pools only");
        }
        new Window2d(kernelH, kernelW, strideH, strideW, dilationH, dilationW, padding.top(), padding.left(),
                padding.bottom(), padding.right()); // validates the sizes
    }

    /** {@return whether this is a max pool} */
    public boolean isMax() {
        return kind == Kind.MAX;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Also rejects a window that covers no input element at all (it has no max and no average).
     */
    @Override
    public TensorShape outputShape(TensorShape in) {
        int[] o = Pool2d.of(this, in).outputShape();
        return new TensorShape(o[0], o[1], o[2], o[3]);
    }

    @Override
    public long multiplyAdds(TensorShape in) {
        return 0; // comparisons and additions only, like GlobalAveragePool
    }

    @Override
    public long parameterCount() {
        return 0;
    }

    @Override
    public String describe() {
        return (isMax() ? "max pool " : "avg pool ") + kernelH + "x" + kernelW + "/" + strideH;
    }
}
