package dev.vinfer.simd;

import dev.vinfer.ops.ConvGeometry;
import dev.vinfer.ops.Convolution;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;

/**
 * Any ungrouped convolution (MobileNet's 3x3/2 stem from 3 channels) as a GEMM of kernel windows
 * with the OHWI weights, which already are a {@code [out][kh*kw*in]} matrix. Interior pixels (whole
 * window inside the input, from {@link ConvGeometry}) are read in place by {@link IgemmMinmax7x2v};
 * border pixels have their windows gathered into a per-worker scratch ({@code [7][kh*kw*in]}, zero
 * in the padding) for {@link GemmMinmax7x2v}. Both sum the same products in the same order, so the
 * split is invisible in the results. One task is one output row of one image.
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
        int firstInteriorY = ConvGeometry.firstInteriorOutput(conv.strideH(), conv.padding().top());
        int endInteriorY = ConvGeometry.endInteriorOutput(in.h(), conv.kernelH(), conv.strideH(), conv.padding().top(), out.h());
        int firstInteriorX = Math.min(ConvGeometry.firstInteriorOutput(conv.strideW(), conv.padding().left()), out.w());
        int endInteriorX = ConvGeometry.endInteriorOutput(in.w(), conv.kernelW(), conv.strideW(), conv.padding().left(), out.w());
        int windowStride = conv.strideW() * in.c();
        int[] taps = tapOffsets(in);
        return BoundLayer.of(out.n() * out.h(), costPerRow, (firstTask, endTask, worker) -> {
            for (int task = firstTask; task < endTask; task++) {
                int n = task / out.h();
                int oy = task % out.h();
                boolean rowInterior = oy >= firstInteriorY && oy < endInteriorY;
                int firstX = rowInterior ? firstInteriorX : out.w();
                int endX = rowInterior ? Math.max(firstX, endInteriorX) : out.w();
                // Border pixels through the gathered windows, the interior read in place.
                gathered(src, in, dst, out, n, oy, 0, firstX, scratch[worker], tailTiles[worker]);
                int originY = ConvGeometry.inputOrigin(oy, conv.strideH(), conv.padding().top());
                for (int ox = firstX; ox < endX; ox += IgemmMinmax7x2v.ROWS) {
                    int count = Math.min(IgemmMinmax7x2v.ROWS, endX - ox);
                    int window = in.index(n, originY, ConvGeometry.inputOrigin(ox, conv.strideW(), conv.padding().left()), 0);
                    int outRow = out.index(n, oy, ox, 0);
                    for (int panel = 0; panel < panels.panelCount; panel++) {
                        IgemmMinmax7x2v.compute(src, window, windowStride, taps, count, panels, panel, dst, outRow, out.c(), tailTiles[worker]);
                    }
                }
                gathered(src, in, dst, out, n, oy, endX, out.w(), scratch[worker], tailTiles[worker]);
            }
        });
    }

    /** Outputs {@code [fromX, toX)} of row (n, oy), 7 at a time, via windows gathered into scratch. */
    private void gathered(float[] src, TensorShape in, float[] dst, TensorShape out, int n, int oy, int fromX, int toX,
                          float[] windows, float[] tailTile) {
        for (int ox = fromX; ox < toX; ox += GemmMinmax7x2v.ROWS) {
            int count = Math.min(GemmMinmax7x2v.ROWS, toX - ox);
            for (int i = 0; i < count; i++) {
                gatherWindow(src, in, n, oy, ox + i, windows, i * panels.depth);
            }
            int outRow = out.index(n, oy, ox, 0);
            for (int panel = 0; panel < panels.panelCount; panel++) {
                GemmMinmax7x2v.compute(windows, 0, count, panels, panel, dst, outRow, out.c(), tailTile);
            }
        }
    }

    /** Offset of each reduction step (ky, kx, input channel) from a window's first input element. */
    private int[] tapOffsets(TensorShape in) {
        int[] taps = new int[panels.depth];
        int k = 0;
        for (int ky = 0; ky < conv.kernelH(); ky++) {
            for (int kx = 0; kx < conv.kernelW(); kx++) {
                for (int ci = 0; ci < in.c(); ci++) {
                    taps[k++] = (ky * in.w() + kx) * in.c() + ci;
                }
            }
        }
        return taps;
    }

    /**
     * Copies the kernel window of output (oy, ox) into {@code window} in OHWI tap order, zero where
     * it is padding. Plain loops, not {@code System.arraycopy}/{@code Arrays.fill}: the stem's
     * segments are 9 floats long, and the call overhead of 9 such calls per window made the gather
     * cost several times the multiply itself.
     */
    private void gatherWindow(float[] src, TensorShape in, int n, int oy, int ox, float[] window, int offset) {
        int cin = in.c();
        int originY = ConvGeometry.inputOrigin(oy, conv.strideH(), conv.padding().top());
        int originX = ConvGeometry.inputOrigin(ox, conv.strideW(), conv.padding().left());
        int rowLength = conv.kernelW() * cin;
        int first = ConvGeometry.firstValidTap(originX) * cin;
        int end = Math.max(first, ConvGeometry.endValidTap(originX, conv.kernelW(), in.w()) * cin);
        int to = offset;
        for (int ky = 0; ky < conv.kernelH(); ky++, to += rowLength) {
            int y = originY + ky;
            if (y < 0 || y >= in.h()) {
                for (int i = 0; i < rowLength; i++) {
                    window[to + i] = 0f;
                }
                continue;
            }
            int from = in.index(n, y, 0, 0) + originX * cin; // may point before the row: only [first, end) is read
            for (int i = 0; i < first; i++) {
                window[to + i] = 0f;
            }
            for (int i = first; i < end; i++) {
                window[to + i] = src[from + i];
            }
            for (int i = end; i < rowLength; i++) {
                window[to + i] = 0f;
            }
        }
    }
}
