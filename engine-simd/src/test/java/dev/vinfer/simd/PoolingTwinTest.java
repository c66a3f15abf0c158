package dev.vinfer.simd;

import dev.vinfer.ops.Padding;
import dev.vinfer.ops.Pooling;
import dev.vinfer.scalar.ScalarBackend;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Pool2d1v} against the scalar reference, bit for bit, on awkward shapes and windows. */
class PoolingTwinTest {
    private static final int[] CHANNELS = {1, 3, 15, 16, 17, 33, 64};

    @Test
    void maxAndAverageOverKernelsStridesPadsAndCeilMode() {
        long seed = 0;
        for (Pooling.Kind kind : Pooling.Kind.values()) {
            for (int channels : CHANNELS) {
                for (int kernel : new int[] {2, 3}) {
                    for (int stride : new int[] {1, 2}) {
                        for (int pad = 0; pad < kernel; pad++) {
                            boolean ceil = seed % 2 == 0;
                            boolean countPad = kind == Pooling.Kind.AVERAGE && seed % 3 == 0;
                            Pooling pool = new Pooling("pool", kind, kernel, kernel, stride, stride, 1, 1,
                                    Padding.symmetric(pad), ceil, countPad);
                            int size = 5 + (int) (seed % 4); // odd and even sizes, so ceil_mode adds a column
                            KernelTwin.assertTwin(pool, new TensorShape((int) (seed % 2) + 1, size, size + 1, channels), seed++);
                        }
                    }
                }
            }
        }
    }

    /** ResNet's stem pool, and asymmetric windows, pads and dilations. */
    @Test
    void resNetStemAndAsymmetricWindows() {
        KernelTwin.assertTwin(new Pooling("maxpool", Pooling.Kind.MAX, 3, 3, 2, 2, 1, 1, Padding.symmetric(1), false, false),
                new TensorShape(2, 112, 112, 64), 1);
        long seed = 2;
        for (Pooling.Kind kind : Pooling.Kind.values()) {
            for (int channels : CHANNELS) {
                boolean countPad = kind == Pooling.Kind.AVERAGE && channels % 2 == 1;
                Pooling pool = new Pooling("pool", kind, 3, 2, 2, 1, 2, 1, new Padding(2, 0, 1, 1), true, countPad);
                KernelTwin.assertTwin(pool, new TensorShape(2, 9, 6, channels), seed++);
            }
        }
    }

    /** Padding never wins a max, NaN wins it, and the signs of zeros come out as the reference's. */
    @Test
    void specialValuesAsTheReference() {
        Pooling max = new Pooling("max", Pooling.Kind.MAX, 2, 2, 1, 1, 1, 1, Padding.symmetric(1), false, false);
        Pooling avg = new Pooling("avg", Pooling.Kind.AVERAGE, 2, 2, 1, 1, 1, 1, Padding.symmetric(1), false, true);
        // 3x3 windows inside a 4x4 image take the unrolled tree of maxima.
        Pooling max3x3 = new Pooling("max3x3", Pooling.Kind.MAX, 3, 3, 1, 1, 1, 1, Padding.symmetric(1), false, false);
        TensorShape in = new TensorShape(1, 4, 4, 17);
        float[] values = {-0f, 0f, -1f, Float.NaN, -3f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        float[] input = new float[in.size()];
        for (int i = 0; i < input.length; i++) {
            input[i] = values[(i * 5) % values.length];
        }
        for (Pooling pool : new Pooling[] {max, avg, max3x3}) {
            float[] expected = run(ScalarBackend.prepareLayer(pool, in), pool, in, input);
            float[] actual = run(new SimdBackend().prepare(pool, in).orElseThrow(), pool, in, input);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                        pool.name() + " element " + i + ": expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    private static float[] run(PreparedLayer layer, Pooling pool, TensorShape in, float[] input) {
        Tensor out = Tensor.zeros(pool.outputShape(in));
        BoundLayer bound = layer.bind(Tensor.wrap(in, input.clone()), out, 1);
        bound.run(0, bound.taskCount(), 0);
        return out.data();
    }
}
