package dev.vinfer.scalar;

import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.Convolution;
import dev.vinfer.ops.Dense;
import dev.vinfer.ops.GlobalAveragePool;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.ops.Padding;
import dev.vinfer.ops.Softmax;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reference kernels against results worked out by hand. */
class ScalarKernelsTest {

    static Tensor run(LayerSpec spec, Tensor input) {
        var layer = ScalarBackend.prepareLayer(spec, input.shape().withBatch(1));
        Tensor out = Tensor.zeros(spec.outputShape(input.shape()));
        var bound = layer.bind(input, out, 1);
        bound.run(0, bound.taskCount(), 0);
        return out;
    }

    static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }

    @Test
    void boxFilterWithSymmetricPaddingCountsNeighbours() {
        Tensor in = Tensor.wrap(new TensorShape(1, 3, 3, 1), ones(9));
        Convolution box = new Convolution("box", 1, 1, 3, 3, 1, 1, Padding.symmetric(1), 1, Clamp.NONE, ones(9), new float[] {0.5f});
        assertArrayEquals(new float[] {4.5f, 6.5f, 4.5f, 6.5f, 9.5f, 6.5f, 4.5f, 6.5f, 4.5f}, run(box, in).toArray());
    }

    @Test
    void tensorflowSamePaddingOnStride2ReadsOnlyBottomRightPadding() {
        // Input 4x4 with values 1..16; 3x3/2 "same": windows start at rows/cols 0 and 2.
        float[] v = new float[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i + 1;
        }
        Tensor in = Tensor.wrap(new TensorShape(1, 4, 4, 1), v);
        Convolution same = new Convolution("same", 1, 1, 3, 3, 2, 2, Padding.same(4, 4, 3, 3, 2, 2), 1, Clamp.NONE, ones(9), new float[1]);
        // top-left window rows 0..2 cols 0..2; top-right rows 0..2 cols 2..3 (+pad); etc.
        float tl = 1 + 2 + 3 + 5 + 6 + 7 + 9 + 10 + 11;
        float tr = 3 + 4 + 7 + 8 + 11 + 12;
        float bl = 9 + 10 + 11 + 13 + 14 + 15;
        float br = 11 + 12 + 15 + 16;
        assertArrayEquals(new float[] {tl, tr, bl, br}, run(same, in).toArray());
    }

    @Test
    void depthwiseKeepsChannelsApartAndClampsOnStore() {
        // 1x1 image, 2 channels (3, -4); 1x1 depthwise weights (2, 1), bias (1, 0), ReLU6.
        Tensor in = Tensor.wrap(new TensorShape(1, 1, 1, 2), new float[] {3f, -4f});
        Convolution dw = new Convolution("dw", 2, 2, 1, 1, 1, 1, Padding.NONE, 2, Clamp.RELU6, new float[] {2f, 1f}, new float[] {1f, 0f});
        assertArrayEquals(new float[] {6f, 0f}, run(dw, in).toArray()); // 7 clamps to 6, -4 to 0
    }

    @Test
    void groupedConvolutionReadsOnlyItsGroupsInputs() {
        // 4 input channels in 2 groups, 2 outputs: out0 = in0 + 2*in1, out1 = 3*in2 + 4*in3.
        Tensor in = Tensor.wrap(new TensorShape(1, 1, 1, 4), new float[] {1f, 10f, 100f, 1000f});
        Convolution g = new Convolution("g", 4, 2, 1, 1, 1, 1, Padding.NONE, 2, Clamp.NONE, new float[] {1f, 2f, 3f, 4f}, new float[2]);
        assertArrayEquals(new float[] {21f, 4300f}, run(g, in).toArray());
    }

    @Test
    void pointwiseOverABatchIsAMatrixProductPerPixel() {
        Tensor in = Tensor.wrap(new TensorShape(2, 1, 2, 2), new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        // weights [out][in] = [[1, 1], [1, -1], [0, 2]]
        Convolution pw = new Convolution("pw", 2, 3, 1, 1, 1, 1, Padding.NONE, 1, Clamp.RELU, new float[] {1, 1, 1, -1, 0, 2}, new float[] {0, 0, 1});
        assertArrayEquals(new float[] {3, 0, 5, 7, 0, 9, 11, 0, 13, 15, 0, 17}, run(pw, in).toArray());
    }

    @Test
    void poolDenseAndSoftmax() {
        Tensor in = Tensor.wrap(new TensorShape(1, 2, 2, 2), new float[] {1, 10, 2, 20, 3, 30, 4, 40});
        Tensor pooled = run(new GlobalAveragePool("p"), in);
        assertArrayEquals(new float[] {2.5f, 25f}, pooled.toArray());
        Tensor dense = run(new Dense("d", 2, 2, Clamp.NONE, new float[] {1, 0, 2, 1}, new float[] {0, -30}), pooled);
        assertArrayEquals(new float[] {2.5f, 0f}, dense.toArray());
        float[] p = run(new Softmax("s"), Tensor.wrap(new TensorShape(1, 1, 1, 3), new float[] {1f, 1f, 1f - (float) Math.log(2)})).toArray();
        assertEquals(0.4f, p[0], 1e-6f);
        assertEquals(0.4f, p[1], 1e-6f);
        assertEquals(0.2f, p[2], 1e-6f);
        // Logits this large overflow exp() unless the maximum is subtracted first.
        float[] large = run(new Softmax("s"), Tensor.wrap(new TensorShape(1, 1, 1, 2), new float[] {1000f, 1000f})).toArray();
        assertArrayEquals(new float[] {0.5f, 0.5f}, large);
    }
}
