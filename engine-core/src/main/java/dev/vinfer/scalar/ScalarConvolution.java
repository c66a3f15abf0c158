package dev.vinfer.scalar;

import dev.vinfer.ops.ConvGeometry;
import dev.vinfer.ops.Convolution;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;

/**
 * Reference convolution: for every output element, sum the kernel window in the obvious order
 * (ky, kx, input channel; taps in the padding skipped), add the bias, clamp. One task is one output
 * row of one image.
 *
 * <p>Each product is added with {@link Math#fma}, starting from zero: exactly the FMA chain every
 * SIMD kernel computes per output, so a SIMD kernel must match this one bit for bit (up to the sign
 * of a zero sum) at any vector width. A kernel that reads the padding as zeros adds {@code fma(0, w, s)},
 * which is {@code s} again.
 */
final class ScalarConvolution implements PreparedLayer {
    private final Convolution conv;

    ScalarConvolution(Convolution conv) {
        this.conv = conv;
    }

    @Override
    public Convolution spec() {
        return conv;
    }

    @Override
    public BoundLayer bind(Tensor input, Tensor output, int workers) {
        TensorShape in = input.shape();
        TensorShape out = output.shape();
        float[] src = input.data();
        float[] dst = output.data();
        long costPerRow = conv.multiplyAdds(in) / ((long) out.n() * out.h());
        return BoundLayer.of(out.n() * out.h(), costPerRow, (firstTask, endTask, worker) -> {
            for (int task = firstTask; task < endTask; task++) {
                convolveRow(src, in, dst, out, task / out.h(), task % out.h());
            }
        });
    }

    private void convolveRow(float[] src, TensorShape in, float[] dst, TensorShape out, int n, int oy) {
        int kh = conv.kernelH();
        int kw = conv.kernelW();
        int inPerGroup = conv.inChannels() / conv.groups();
        int outPerGroup = conv.outChannels() / conv.groups();
        float[] weights = conv.weights();
        float[] bias = conv.bias();
        int originY = ConvGeometry.inputOrigin(oy, conv.strideH(), conv.padding().top());
        for (int ox = 0; ox < out.w(); ox++) {
            int originX = ConvGeometry.inputOrigin(ox, conv.strideW(), conv.padding().left());
            for (int oc = 0; oc < conv.outChannels(); oc++) {
                int firstIn = (oc / outPerGroup) * inPerGroup;
                float sum = 0f;
                for (int ky = 0; ky < kh; ky++) {
                    int y = originY + ky * conv.dilationH();
                    if (y < 0 || y >= in.h()) {
                        continue;
                    }
                    for (int kx = 0; kx < kw; kx++) {
                        int x = originX + kx * conv.dilationW();
                        if (x < 0 || x >= in.w()) {
                            continue;
                        }
                        int srcBase = in.index(n, y, x, firstIn);
                        int wBase = ((oc * kh + ky) * kw + kx) * inPerGroup;
                        for (int ic = 0; ic < inPerGroup; ic++) {
                            sum = Math.fma(src[srcBase + ic], weights[wBase + ic], sum);
                        }
                    }
                }
                dst[out.index(n, oy, ox, oc)] = conv.clamp().apply(sum + bias[oc]);
            }
        }
    }
}
