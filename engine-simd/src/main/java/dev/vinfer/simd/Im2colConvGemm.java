package dev.vinfer.simd;

import dev.vinfer.ops.ConvGeometry;
import dev.vinfer.ops.Convolution;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;

import java.util.Arrays;

/**
 * Any ungrouped convolution (MobileNet's 3x3/2 stem from 3 channels): gathers the kernel windows of
 * 7 output pixels into a per-worker scratch ({@code [7][kh*kw*in]}, taps in the padding are zero) and
 * multiplies them with the OHWI weights, which already are a {@code [out][kh*kw*in]} matrix, by
 * {@link GemmMinmax7x2v}. With only 3 input channels the gather is cheap next to the 27-step
 * reduction over 32+ output channels. One task is one output row of one image.
 */
final class Im2colConvGemm implements PreparedLayer {
    private final Convolution conv;
    private final GemmPanels panels;

    Im2colConvGemm(Convolution conv) {
        this.conv = conv;
        int depth = conv.kernelH() * conv.kernelW() * conv.inChannels();
        this.panels = new GemmPanels(conv.weights(), conv.bias(), conv.outChannels(), depth, conv.clamp());
    }

    @Override
    public Convolution spec() {
        return conv;
    }

    @Override
    public BoundLayer bind(Tensor input, Tensor output, int workers) {
        TensorShape in = input.shape();
        TensorShape out = output.shape();
        float[][] scratch = WorkerScratch.allocate(workers, GemmMinmax7x2v.ROWS * panels.depth);
        float[][] tailTiles = WorkerScratch.allocate(workers, GemmMinmax7x2v.ROWS * GemmPanels.WIDTH);
        float[] src = input.data();
        float[] dst = output.data();
        long costPerRow = (long) out.w() * conv.outChannels() * panels.depth;
        return new BoundLayer() {
            @Override
            public int taskCount() {
                return out.n() * out.h();
            }

            @Override
            public long costPerTask() {
                return costPerRow;
            }

            @Override
            public void run(int firstTask, int endTask, int worker) {
                float[] windows = scratch[worker];
                for (int task = firstTask; task < endTask; task++) {
                    int n = task / out.h();
                    int oy = task % out.h();
                    for (int ox = 0; ox < out.w(); ox += GemmMinmax7x2v.ROWS) {
                        int count = Math.min(GemmMinmax7x2v.ROWS, out.w() - ox);
                        for (int i = 0; i < count; i++) {
                            gatherWindow(src, in, n, oy, ox + i, windows, i * panels.depth);
                        }
                        int outRow = out.index(n, oy, ox, 0);
                        for (int panel = 0; panel < panels.panelCount; panel++) {
                            GemmMinmax7x2v.compute(windows, 0, count, panels, panel, dst, outRow, out.c(), tailTiles[worker]);
                        }
                    }
                }
            }
        };
    }

    /** Copies the kernel window of output (oy, ox) into {@code window} in OHWI tap order, zero where it is padding. */
    private void gatherWindow(float[] src, TensorShape in, int n, int oy, int ox, float[] window, int offset) {
        int cin = in.c();
        int originY = ConvGeometry.inputOrigin(oy, conv.strideH(), conv.padding().top());
        int originX = ConvGeometry.inputOrigin(ox, conv.strideW(), conv.padding().left());
        int firstX = ConvGeometry.firstValidTap(originX);
        int endX = ConvGeometry.endValidTap(originX, conv.kernelW(), in.w());
        int to = offset;
        for (int ky = 0; ky < conv.kernelH(); ky++) {
            int y = originY + ky;
            int rowLength = conv.kernelW() * cin;
            if (y < 0 || y >= in.h() || firstX >= endX) {
                Arrays.fill(window, to, to + rowLength, 0f);
            } else {
                Arrays.fill(window, to, to + firstX * cin, 0f);
                System.arraycopy(src, in.index(n, y, originX + firstX, 0), window, to + firstX * cin, (endX - firstX) * cin);
                Arrays.fill(window, to + endX * cin, to + rowLength, 0f);
            }
            to += rowLength;
        }
    }
}
