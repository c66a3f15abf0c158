package dev.vinfer.simd;

import dev.vinfer.ops.Convolution;
import dev.vinfer.ops.Dense;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;

/**
 * Layers that are one matrix multiply over rows of the NHWC input: a pointwise (1x1) convolution
 * ({@code [pixels][in] x [in][out]}) and a dense layer ({@code [images][features] x [features][out]}).
 * Both run {@link GemmMinmax7x2v} over weights packed once into {@link HeapGemmPanels}.
 *
 * <p>A task is a tile of up to {@value #TILE_ROWS} rows times a block of panels. Layers with many
 * pixels get whole-width tasks (each weight panel is reused by every pixel of the tile while it sits
 * in L1/L2); layers with few pixels and many channels (7x7x1024) are also split over output
 * channels, so two threads do not both stream all the weights.
 */
final class PointwiseConvGemm implements PreparedLayer {
    /** Rows per task: 16 microkernel tiles, so only a layer's last tile has a short tail. */
    static final int TILE_ROWS = 16 * GemmMinmax7x2v.ROWS;
    /** Aim for at least this many tasks so that up to 4 threads can balance their chunks. */
    private static final int MIN_TASKS = 16;

    private final LayerSpec spec;
    private final HeapGemmPanels panels;

    private PointwiseConvGemm(LayerSpec spec, HeapGemmPanels panels) {
        this.spec = spec;
        this.panels = panels;
    }

    static PointwiseConvGemm pointwise(Convolution conv) {
        return new PointwiseConvGemm(conv,
                new HeapGemmPanels(conv.weights(), conv.bias(), conv.outChannels(), conv.inChannels(), conv.clamp()));
    }

    static PointwiseConvGemm dense(Dense dense) {
        return new PointwiseConvGemm(dense,
                new HeapGemmPanels(dense.weights(), dense.bias(), dense.outFeatures(), dense.inFeatures(), dense.clamp()));
    }

    @Override
    public LayerSpec spec() {
        return spec;
    }

    @Override
    public BoundLayer bind(Tensor input, Tensor output, int workers) {
        // Pixels of a pointwise conv, images of a dense layer: either way rows of `depth` floats.
        int rows = input.shape().size() / panels.depth;
        int rowTiles = (rows + TILE_ROWS - 1) / TILE_ROWS;
        int panelBlocks = Math.min(panels.panelCount, Math.max(1, (MIN_TASKS + rowTiles - 1) / rowTiles));
        int panelsPerBlock = (panels.panelCount + panelBlocks - 1) / panelBlocks;
        int blocks = (panels.panelCount + panelsPerBlock - 1) / panelsPerBlock;
        long cost = (long) Math.min(rows, TILE_ROWS) * panelsPerBlock * GemmPanels.WIDTH * panels.depth;
        return new Bound(input.data(), output.data(), rows, rowTiles * blocks, blocks, panelsPerBlock, cost,
                WorkerScratch.allocate(workers, GemmMinmax7x2v.ROWS * GemmPanels.WIDTH));
    }

    private final class Bound implements BoundLayer {
        private final float[] src;
        private final float[] dst;
        private final int rows;
        private final int tasks;
        private final int blocks;
        private final int panelsPerBlock;
        private final long cost;
        /** Per-worker {@code [7][WIDTH]} scratch for the last, partly padded panel. */
        private final float[][] tailTiles;

        Bound(float[] src, float[] dst, int rows, int tasks, int blocks, int panelsPerBlock, long cost, float[][] tailTiles) {
            this.src = src;
            this.dst = dst;
            this.rows = rows;
            this.tasks = tasks;
            this.blocks = blocks;
            this.panelsPerBlock = panelsPerBlock;
            this.cost = cost;
            this.tailTiles = tailTiles;
        }

        @Override
        public int taskCount() {
            return tasks;
        }

        @Override
        public long costPerTask() {
            return cost;
        }

        @Override
        public void run(int firstTask, int endTask, int worker) {
            HeapGemmPanels w = panels;
            for (int task = firstTask; task < endTask; task++) {
                int firstRow = (task / blocks) * TILE_ROWS;
                int endRow = Math.min(rows, firstRow + TILE_ROWS);
                int firstPanel = (task % blocks) * panelsPerBlock;
                int endPanel = Math.min(w.panelCount, firstPanel + panelsPerBlock);
                GemmMinmax7x2v.computeRows(src, firstRow * w.depth, endRow - firstRow, w, firstPanel, endPanel, dst,
                        firstRow * w.outputs, tailTiles[worker]);
            }
        }
    }
}
