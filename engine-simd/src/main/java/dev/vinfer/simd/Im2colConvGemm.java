package dev.vinfer.simd;

import dev.vinfer.ops.ConvGeometry;
import dev.vinfer.ops.Convolution;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;

import java.util.Arrays;

/**
 * Any ungrouped convolution (MobileNet's 3x3/2 stem from 3 channels, ResNet's 3x3 layers) as a
 * GEMM of kernel windows with the OHWI weights, which already are a {@code [out][kh*kw*in]} matrix,
 * read in place by {@link IgemmMinmax7x2v} (no im2col copy of the windows).
 *
 * <p>A task is a group of output rows of one image (up to {@value #GROUP_PIXELS} pixels, or one
 * row) times a block of weight panels. The input rows the group reads are first copied into a
 * per-worker scratch with the padding written out as zeros ({@link #stage}), so that every output
 * pixel's window lies inside it: each row is whole 7-pixel tiles, with no border pixels left over
 * for slow one-pixel paths (on a 7x7 map those were 5 in 7 rows). Then panel by panel, each
 * panel is read for all the group's pixels while it is in cache. (With one row per task and every
 * panel per 7 pixels, ResNet-18's last layers, 9.4 MB of weights each, read all their weights seven
 * times per inference.) With several workers and few groups the panels are split into one block
 * per worker, so that each streams only its share of the weights.
 *
 * <p>Every output is the FMA chain over all kh*kw*in taps in OHWI order, padding taps included as
 * zeros, as in the scalar reference's ordering: the same bits whatever the grouping.
 */
final class Im2colConvGemm implements PreparedLayer {
    /** Output pixels per task at most (or one row, if wider): the pointwise GEMM's tile. */
    static final int GROUP_PIXELS = PointwiseConvGemm.TILE_ROWS;

    private final Convolution conv;
    private final AlignedGemmPanels panels;

    Im2colConvGemm(Convolution conv) {
        this.conv = conv;
        int depth = conv.kernelH() * conv.kernelW() * conv.inChannels();
        this.panels = new AlignedGemmPanels(conv.weights(), conv.bias(), conv.outChannels(), depth, conv.clamp());
    }

    @Override
    public Convolution spec() {
        return conv;
    }

    @Override
    public BoundLayer bind(Tensor input, Tensor output, int workers) {
        TensorShape in = input.shape();
        TensorShape out = output.shape();
        int rowsPerGroup = Math.max(1, Math.min(out.h(), GROUP_PIXELS / out.w()));
        int groupsPerImage = Math.ceilDiv(out.h(), rowsPerGroup);
        int groups = out.n() * groupsPerImage;
        int wantedBlocks = groups >= 2 * workers ? 1 : Math.ceilDiv(workers, groups);
        int panelsPerBlock = Math.ceilDiv(panels.panelCount, Math.min(panels.panelCount, wantedBlocks));
        int blocks = Math.ceilDiv(panels.panelCount, panelsPerBlock);
        Staging staging = new Staging(in, out, rowsPerGroup);
        float[][] staged = WorkerScratch.allocate(workers, staging.floats());
        float[][] tailTiles = WorkerScratch.allocate(workers, GemmMinmax7x2v.ROWS * GemmPanels.WIDTH);
        float[] src = input.data();
        float[] dst = output.data();
        long cost = (long) rowsPerGroup * out.w() * panelsPerBlock * GemmPanels.WIDTH * panels.depth;
        int windowStride = conv.strideW() * in.c();
        int stagedRowStride = conv.strideH() * staging.rowFloats();
        int[] taps = tapOffsets(staging.width(), in.c());
        return BoundLayer.of(groups * blocks, cost, (firstTask, endTask, worker) -> {
            int stagedGroup = -1; // the group whose input rows the worker's scratch holds, within this call
            for (int task = firstTask; task < endTask; task++) {
                int group = task / blocks;
                int n = group / groupsPerImage;
                int firstRow = (group % groupsPerImage) * rowsPerGroup;
                int endRow = Math.min(out.h(), firstRow + rowsPerGroup);
                float[] rows = staged[worker];
                if (group != stagedGroup) {
                    staging.stage(src, n, firstRow, endRow, rows);
                    stagedGroup = group;
                }
                int firstPanel = (task % blocks) * panelsPerBlock;
                int endPanel = Math.min(panels.panelCount, firstPanel + panelsPerBlock);
                for (int panel = firstPanel; panel < endPanel; panel++) {
                    for (int oy = firstRow, windowRow = 0; oy < endRow; oy++, windowRow += stagedRowStride) {
                        for (int ox = 0; ox < out.w(); ox += IgemmMinmax7x2v.ROWS) {
                            int count = Math.min(IgemmMinmax7x2v.ROWS, out.w() - ox);
                            IgemmMinmax7x2v.compute(rows, windowRow + ox * windowStride, windowStride, taps, count, panels, panel,
                                    dst, out.index(n, oy, ox, 0), out.c(), tailTiles[worker]);
                        }
                    }
                }
            }
        });
    }

    /**
     * The input rows a group of output rows reads, padded: row {@code r} of the scratch is input row
     * {@code firstRow * strideH - padTop + r} (zeros outside the input), and column {@code x} is
     * input column {@code x - padLeft} (zeros outside), so output pixel (oy, ox)'s window starts at
     * scratch row {@code (oy - firstRow) * strideH}, column {@code ox * strideW}.
     */
    private final class Staging {
        private final TensorShape in;
        private final int rows;
        private final int width;

        Staging(TensorShape in, TensorShape out, int rowsPerGroup) {
            this.in = in;
            this.rows = (rowsPerGroup - 1) * conv.strideH() + conv.kernelH();
            this.width = Math.max(conv.padding().left() + in.w() + conv.padding().right(),
                    (out.w() - 1) * conv.strideW() + conv.kernelW());
        }

        int width() {
            return width;
        }

        int rowFloats() {
            return width * in.c();
        }

        int floats() {
            return rows * rowFloats();
        }

        /** Copies the input rows that output rows {@code [firstRow, endRow)} of image {@code n} read into {@code scratch}. */
        void stage(float[] src, int n, int firstRow, int endRow, float[] scratch) {
            int c = in.c();
            int left = conv.padding().left() * c;
            int rowLength = in.w() * c;
            int originY = ConvGeometry.inputOrigin(firstRow, conv.strideH(), conv.padding().top());
            int used = (endRow - 1 - firstRow) * conv.strideH() + conv.kernelH();
            for (int r = 0, at = 0; r < used; r++, at += rowFloats()) {
                int y = originY + r;
                if (y < 0 || y >= in.h()) {
                    Arrays.fill(scratch, at, at + rowFloats(), 0f);
                    continue;
                }
                Arrays.fill(scratch, at, at + left, 0f);
                System.arraycopy(src, in.index(n, y, 0, 0), scratch, at + left, rowLength);
                Arrays.fill(scratch, at + left + rowLength, at + rowFloats(), 0f);
            }
        }
    }

    /** Offset of each reduction step (ky, kx, input channel) from a window's first element, in rows {@code rowWidth} pixels wide. */
    private int[] tapOffsets(int rowWidth, int channels) {
        int[] taps = new int[panels.depth];
        int k = 0;
        for (int ky = 0; ky < conv.kernelH(); ky++) {
            for (int kx = 0; kx < conv.kernelW(); kx++) {
                for (int ci = 0; ci < channels; ci++) {
                    taps[k++] = (ky * rowWidth + kx) * channels + ci;
                }
            }
        }
        return taps;
    }
}
