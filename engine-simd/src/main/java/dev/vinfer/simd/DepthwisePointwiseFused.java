package dev.vinfer.simd;

import dev.vinfer.ops.Convolution;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;

import java.util.List;

/**
 * A depthwise 3x3 convolution and the pointwise convolution after it as one step, tile by tile: a
 * task computes the depthwise output of a tile of up to {@value #MAX_TILE_PIXELS} pixels (or two
 * image rows) into a per-worker buffer ({@code [pixels][channels]}, at most a few hundred KB, so
 * it stays in L1/L2) and feeds it straight to the pointwise GEMM. The depthwise activation never
 * goes to memory, and an inference has one parallel step (one barrier) per pair instead of two.
 *
 * <p>Both halves are the unfused kernels' own code ({@link DwConv3x3Minmax1x1v#convolveRow},
 * {@link GemmMinmax7x2v#computeRows}), so every output is the same FMA chain and the same bits as
 * running the two layers one by one. {@link #spec()} is the pointwise layer, the chain's last.
 *
 * <p>Tasks: pixel tiles (multiples of the 7-row GEMM tile, balanced), and with several workers and
 * few tiles also blocks of output panels, at least {@value #MIN_BLOCK_COLUMNS} columns wide. With
 * one block per tile a task computes its tile's depthwise part into a per-worker buffer
 * (consecutive tasks of one worker on the same tile reuse it); with several, the tile's blocks
 * compute its depthwise part together, once, into a shared buffer ({@link SharedTiles}). The split
 * depends on the worker count, the results do not: each output is computed whole by one task.
 */
final class DepthwisePointwiseFused implements PreparedLayer {
    /** Pixels per tile at most, unless two image rows are more: the unfused GEMM's row tile, 16 register tiles. */
    static final int MAX_TILE_PIXELS = PointwiseConvGemm.TILE_ROWS;
    /** Tasks per worker to aim for with several workers. */
    private static final int TASKS_PER_WORKER = 2;
    /** Narrowest panel block when a tile is split across output columns. */
    private static final int MIN_BLOCK_COLUMNS = 256;

    private final Convolution depthwiseSpec;
    private final Convolution pointwiseSpec;
    private final DwConv3x3Minmax1x1v depthwise;
    private final HeapGemmPanels panels;

    DepthwisePointwiseFused(Convolution depthwise, Convolution pointwise) {
        if (!supports(depthwise, pointwise)) {
            throw new IllegalArgumentException("cannot fuse " + depthwise.name() + " and " + pointwise.name());
        }
        this.depthwiseSpec = depthwise;
        this.pointwiseSpec = pointwise;
        this.depthwise = new DwConv3x3Minmax1x1v(depthwise);
        this.panels = new HeapGemmPanels(pointwise.weights(), pointwise.bias(), pointwise.outChannels(), pointwise.inChannels(),
                pointwise.clamp());
    }

    static boolean supports(Convolution depthwise, Convolution pointwise) {
        return DwConv3x3Minmax1x1v.supports(depthwise) && pointwise.isPointwise()
                && pointwise.inChannels() == depthwise.outChannels();
    }

    @Override
    public LayerSpec spec() {
        return pointwiseSpec;
    }

    @Override
    public List<LayerSpec> chain() {
        return List.of(depthwiseSpec, pointwiseSpec);
    }

    @Override
    public BoundLayer bind(Tensor input, Tensor output, int workers) {
        TensorShape in = input.shape();
        TensorShape mid = depthwiseSpec.outputShape(in);
        int channels = mid.c();
        int pixels = mid.n() * mid.h() * mid.w();
        int rows = GemmMinmax7x2v.ROWS;
        // One worker: the largest tiles, each streaming all the weights once. Several: split the
        // output panels first (each core then streams only its share of the weights, up to 4 MB,
        // and not once per small tile), pixel tiles only where needed, and a multiple of the
        // workers when there are few tasks, so none idles at the end.
        // At least two rows of the image per tile, so that stride-1 row pairs can share their input
        // rows (DwConv3x3Minmax1x1v#convolveRowPair): 112-pixel-wide maps get 224-pixel tiles.
        int tiles = Math.ceilDiv(pixels, Math.max(MAX_TILE_PIXELS, 2 * mid.w()));
        int blocks = 1;
        if (workers > 1) {
            int wantedTasks = TASKS_PER_WORKER * workers;
            blocks = Math.min(Math.max(1, panels.outputs / MIN_BLOCK_COLUMNS), Math.max(1, Math.ceilDiv(wantedTasks, tiles)));
            tiles = Math.max(tiles, Math.ceilDiv(wantedTasks, blocks));
            if ((tiles * blocks) % workers != 0 && tiles * blocks < 2 * wantedTasks) {
                tiles = Math.ceilDiv(tiles, workers) * workers;
            }
            tiles = Math.min(tiles, Math.ceilDiv(pixels, rows));
        }
        int tilePixels = Math.ceilDiv(Math.ceilDiv(pixels, tiles), rows) * rows;
        tiles = Math.ceilDiv(pixels, tilePixels);
        int panelsPerBlock = Math.ceilDiv(panels.panelCount, blocks);
        blocks = Math.ceilDiv(panels.panelCount, panelsPerBlock);
        long cost = (long) tilePixels * channels * (9 + (long) panelsPerBlock * GemmPanels.WIDTH);
        return new Bound(input.data(), in, mid, output.data(), pixels, tiles, tilePixels, blocks, panelsPerBlock, cost, workers);
    }

    private final class Bound implements BoundLayer {
        private final float[] src;
        private final TensorShape in;
        private final TensorShape mid;
        private final float[] dst;
        private final int pixels;
        private final int tilePixels;
        private final int tasks;
        private final int blocks;
        private final int panelsPerBlock;
        private final long cost;
        /** One block per tile: per-worker {@code [tilePixels][channels]} depthwise outputs. */
        private final float[][] tileBuffers;
        /** Several blocks per tile: the tiles' depthwise outputs, computed once and shared. */
        private final SharedTiles sharedTiles;
        /** Per-worker {@code [7][WIDTH]} scratch for the last, partly padded panel. */
        private final float[][] tailTiles;

        Bound(float[] src, TensorShape in, TensorShape mid, float[] dst, int pixels, int tiles, int tilePixels, int blocks,
              int panelsPerBlock, long cost, int workers) {
            this.src = src;
            this.in = in;
            this.mid = mid;
            this.dst = dst;
            this.pixels = pixels;
            this.tilePixels = tilePixels;
            this.tasks = tiles * blocks;
            this.blocks = blocks;
            this.panelsPerBlock = panelsPerBlock;
            this.cost = cost;
            int tileFloats = tilePixels * mid.c();
            this.tileBuffers = blocks == 1 ? WorkerScratch.allocate(workers, tileFloats) : null;
            this.sharedTiles = blocks == 1 ? null : new SharedTiles(tiles, tileFloats, blocks, this::depthwiseSlice);
            this.tailTiles = WorkerScratch.allocate(workers, GemmMinmax7x2v.ROWS * GemmPanels.WIDTH);
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
            int loadedTile = -1; // a per-worker buffer's content is valid only within this call
            for (int task = firstTask; task < endTask; task++) {
                int tile = task / blocks;
                int firstPixel = tile * tilePixels;
                int count = Math.min(tilePixels, pixels - firstPixel);
                float[] buffer;
                if (sharedTiles != null) {
                    buffer = sharedTiles.acquire(tile);
                } else {
                    buffer = tileBuffers[worker];
                    if (tile != loadedTile) {
                        depthwiseTile(firstPixel, count, buffer, firstPixel);
                        loadedTile = tile;
                    }
                }
                int firstPanel = (task % blocks) * panelsPerBlock;
                int endPanel = Math.min(panels.panelCount, firstPanel + panelsPerBlock);
                try {
                    // The pointwise GEMM of the buffered tile, this task's panels, into the output.
                    GemmMinmax7x2v.computeRows(buffer, 0, count, panels, firstPanel, endPanel, dst, firstPixel * panels.outputs,
                            tailTiles[worker]);
                } finally {
                    if (sharedTiles != null) {
                        sharedTiles.release(tile);
                    }
                }
            }
        }

        /** Slice {@code slice} of {@code blocks} (about equal pixel ranges) of tile {@code tile}'s depthwise outputs. */
        private void depthwiseSlice(int tile, int slice, float[] buffer) {
            int firstPixel = tile * tilePixels;
            int count = Math.min(tilePixels, pixels - firstPixel);
            int from = firstPixel + (int) ((long) count * slice / blocks);
            int to = firstPixel + (int) ((long) count * (slice + 1) / blocks);
            depthwiseTile(from, to - from, buffer, firstPixel);
        }

        /**
         * Depthwise outputs of pixels {@code [firstPixel, firstPixel + count)} (all images' pixels in
         * order) into {@code buffer}, whose first row holds pixel {@code bufferPixel}.
         */
        private void depthwiseTile(int firstPixel, int count, float[] buffer, int bufferPixel) {
            int width = mid.w();
            int imagePixels = mid.h() * width;
            int channels = mid.c();
            int vectors = depthwise.vectorCount();
            for (int p = firstPixel, end = firstPixel + count; p < end; ) {
                int n = p / imagePixels;
                int oy = (p % imagePixels) / width;
                int fromX = p % width;
                int toX = Math.min(width, fromX + (end - p));
                int rowBase = (p - bufferPixel - fromX) * channels; // buffer offset of this row's pixel 0 (may be virtual)
                if (fromX == 0 && p + 2 * width <= end && oy + 1 < mid.h()) {
                    // Two whole rows of one image in the tile: they share input rows.
                    depthwise.convolveRowPair(src, in, n, oy, 0, vectors, 0, width, width, buffer, rowBase, channels);
                    p += 2 * width;
                    continue;
                }
                depthwise.convolveRow(src, in, n, oy, 0, vectors, fromX, toX, width, buffer, rowBase, channels);
                p += toX - fromX;
            }
        }
    }
}
