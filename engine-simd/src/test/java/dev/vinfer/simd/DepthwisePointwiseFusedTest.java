package dev.vinfer.simd;

import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.Convolution;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.ops.Padding;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.spi.PreparedLayer;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DepthwisePointwiseFused} against the two unfused SIMD kernels run one after the other:
 * the same bits, for every worker count (the tiling depends on it), tasks run in reverse order on
 * rotating workers, with NaN guards after the output.
 */
class DepthwisePointwiseFusedTest {
    private static final int GUARD = 67;

    @Test
    void awkwardChannelsStridesPaddingsAndSizes() {
        long seed = 0;
        for (int size : new int[] {1, 3, 7, 9, 14}) {
            for (int stride : new int[] {1, 2}) {
                for (Padding padding : List.of(Padding.symmetric(1), Padding.same(size, size, 3, 3, stride, stride), new Padding(0, 1, 2, 0))) {
                    if (size + padding.top() + padding.bottom() < 3 || size + padding.left() + padding.right() < 3) {
                        continue;
                    }
                    for (int channels : KernelTwin.CHANNELS) {
                        int outChannels = KernelTwin.CHANNELS[(int) ((seed * 7) % KernelTwin.CHANNELS.length)];
                        assertFusedEqualsUnfused(size, size, 1, channels, outChannels, stride, padding, seed++);
                    }
                }
            }
        }
    }

    /** MobileNet V1's pairs at width 1.0 and 0.75 (channel counts that are not lane multiples). */
    /** Short reductions with several output panels, the last partly padded, at both strides. */
    @Test
    void shortReductionsWithManyOutputs() {
        long seed = 300;
        for (int[] c : new int[][] {{24, 100}, {64, 65}, {33, 130}}) {
            for (int stride : new int[] {1, 2}) {
                assertFusedEqualsUnfused(11, 13, 1, c[0], c[1], stride, Padding.symmetric(1), seed++);
            }
        }
    }

    /**
     * A partly padded last panel on tiles of many register tiles: 120-pixel rows make tiles of 203
     * and 240 pixels, each copied out of the scratch tile 7 rows at a time, the last short. The
     * reductions are long enough (80, 136) for the panel-by-panel order.
     */
    @Test
    void partlyPaddedPanelOnLongTiles() {
        assertFusedEqualsUnfused(5, 120, 1, 80, 48, 1, Padding.symmetric(1), 400);
        assertFusedEqualsUnfused(4, 120, 1, 136, 17, 1, Padding.symmetric(1), 401);
    }

    @ParameterizedTest(name = "{0}x{0}x{1} stride {2} -> {3}")
    @CsvSource({"112, 32, 1, 64", "112, 64, 2, 128", "56, 128, 1, 128", "56, 128, 2, 256", "28, 256, 1, 256", "28, 256, 2, 512",
            "14, 512, 1, 512", "14, 512, 2, 1024", "7, 1024, 1, 1024", "112, 24, 1, 48", "28, 192, 1, 192", "7, 768, 1, 768"})
    void mobileNetPairs(int size, int channels, int stride, int outChannels) {
        assertFusedEqualsUnfused(size, size, 1, channels, outChannels, stride, Padding.symmetric(1), size + channels);
    }

    /** Tiles cross row and image boundaries; height and width differ. */
    @Test
    void batchesAndRectangles() {
        assertFusedEqualsUnfused(5, 9, 3, 17, 33, 1, Padding.symmetric(1), 1);
        assertFusedEqualsUnfused(9, 4, 2, 48, 16, 2, Padding.same(9, 4, 3, 3, 2, 2), 2);
        assertFusedEqualsUnfused(12, 16, 2, 31, 300, 1, Padding.symmetric(1), 3);
    }

    @Test
    void declinesWhatItCannotFuse() {
        SimdBackend backend = new SimdBackend();
        Convolution dw = KernelTwin.conv("dw", 16, 16, 3, 1, 16, Padding.symmetric(1), Clamp.RELU6, 1);
        Convolution pw = KernelTwin.conv("pw", 16, 8, 1, 1, 1, Padding.NONE, Clamp.RELU6, 2);
        Convolution wrongIn = KernelTwin.conv("pw", 8, 8, 1, 1, 1, Padding.NONE, Clamp.RELU6, 3);
        Convolution full = KernelTwin.conv("conv", 16, 16, 3, 1, 1, Padding.symmetric(1), Clamp.RELU6, 4);
        TensorShape shape = new TensorShape(1, 7, 7, 16);
        assertTrue(backend.prepareChain(List.of(dw, pw), shape).isPresent());
        assertFalse(backend.prepareChain(List.of(pw, dw), new TensorShape(1, 7, 7, 16)).isPresent());
        assertFalse(backend.prepareChain(List.of(full, pw), shape).isPresent());
        assertFalse(backend.prepareChain(List.of(dw, pw, wrongIn), shape).isPresent());
        PreparedLayer fused = backend.prepareChain(List.of(dw, pw), shape).orElseThrow();
        assertEquals(pw, fused.spec());
        assertEquals(List.of(dw, pw), fused.chain());
        assertEquals("dw+pw", fused.describe());
    }

    /**
     * Two threads running disjoint task ranges of one bound layer at the same time, inference after
     * inference on changing inputs: the tiles whose depthwise part their panel blocks share (several
     * workers, few tiles, 512 outputs) must be complete before any block reads them, and reset for
     * the next inference.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a tile never completed would spin forever
    void tilesSharedBetweenThreadsAreCompleteAndResetEachInference() throws Exception {
        Convolution dw = KernelTwin.conv("dw", 48, 48, 3, 1, 48, Padding.symmetric(1), Clamp.RELU6, 7);
        Convolution pw = KernelTwin.conv("pw", 48, 512, 1, 1, 1, Padding.NONE, Clamp.RELU, 8);
        TensorShape in = new TensorShape(1, 14, 14, 48);
        TensorShape mid = dw.outputShape(in);
        TensorShape out = pw.outputShape(mid);
        SimdBackend backend = new SimdBackend();
        PreparedLayer dwLayer = backend.prepare(dw, in).orElseThrow();
        PreparedLayer pwLayer = backend.prepare(pw, mid).orElseThrow();
        PreparedLayer fused = backend.prepareChain(List.<LayerSpec>of(dw, pw), in).orElseThrow();
        float[] input = new float[in.size()];
        float[] output = new float[out.size()];
        BoundLayer bound = fused.bind(Tensor.wrap(in, input), Tensor.wrap(out, output), 2);
        assertTrue(bound.taskCount() >= 2);
        int half = bound.taskCount() / 2;
        // Daemon threads, so a spinning task cannot keep the test JVM alive after the timeout.
        var executor = java.util.concurrent.Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int round = 0; round < 200; round++) {
                System.arraycopy(KernelTwin.random(in.size(), round), 0, input, 0, input.length);
                float[] between = new float[mid.size()];
                float[] expected = new float[out.size()];
                runAll(dwLayer, Tensor.wrap(in, input.clone()), Tensor.wrap(mid, between), 1);
                runAll(pwLayer, Tensor.wrap(mid, between), Tensor.wrap(out, expected), 1);
                var first = executor.submit(() -> bound.run(0, half, 0));
                var second = executor.submit(() -> bound.run(half, bound.taskCount(), 1));
                first.get();
                second.get();
                KernelTwin.assertSameBits(expected, output, "round " + round);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    static void assertFusedEqualsUnfused(int h, int w, int batch, int channels, int outChannels, int stride, Padding padding, long seed) {
        Clamp clamp = KernelTwin.CLAMPS.get((int) (seed % 3));
        Convolution dw = KernelTwin.conv("dw", channels, channels, 3, stride, channels, padding, clamp, seed);
        Convolution pw = KernelTwin.conv("pw", channels, outChannels, 1, 1, 1, Padding.NONE, KernelTwin.CLAMPS.get((int) ((seed + 1) % 3)), seed + 1);
        TensorShape in = new TensorShape(batch, h, w, channels);
        TensorShape mid = dw.outputShape(in);
        TensorShape out = pw.outputShape(mid);
        float[] input = KernelTwin.random(in.size(), seed);
        SimdBackend backend = new SimdBackend();

        float[] between = new float[mid.size()];
        float[] expected = new float[out.size()];
        runAll(backend.prepare(dw, in.withBatch(1)).orElseThrow(), Tensor.wrap(in, input.clone()), Tensor.wrap(mid, between), 1);
        runAll(backend.prepare(pw, mid.withBatch(1)).orElseThrow(), Tensor.wrap(mid, between), Tensor.wrap(out, expected), 1);

        PreparedLayer fused = backend.prepareChain(List.<LayerSpec>of(dw, pw), in.withBatch(1))
                .orElseThrow(() -> new AssertionError("no fused kernel for " + dw.describe() + " + " + pw.describe()));
        String what = "dw " + channels + " stride " + stride + " " + padding + " -> pw " + outChannels + " on " + in;
        for (int workers = 1; workers <= 3; workers++) {
            float[] inStorage = Arrays.copyOf(input, in.size() + GUARD);
            float[] outStorage = new float[out.size() + GUARD];
            Arrays.fill(outStorage, Float.NaN);
            BoundLayer bound = fused.bind(Tensor.view(in, inStorage), Tensor.view(out, outStorage), workers);
            for (int task = bound.taskCount() - 1; task >= 0; task--) {
                bound.run(task, task + 1, task % workers);
            }
            for (int i = out.size(); i < outStorage.length; i++) {
                assertTrue(Float.isNaN(outStorage[i]), what + ": wrote past the output at +" + (i - out.size()));
            }
            KernelTwin.assertSameBits(expected, Arrays.copyOf(outStorage, out.size()), what + ", " + workers + " workers");
            // A whole range at once reuses a worker's buffer across the tile's panel blocks.
            Arrays.fill(outStorage, Float.NaN);
            bound.run(0, bound.taskCount(), workers - 1);
            KernelTwin.assertSameBits(expected, Arrays.copyOf(outStorage, out.size()), what + ", one range, " + workers + " workers");
        }
    }

    private static void runAll(PreparedLayer layer, Tensor input, Tensor output, int workers) {
        BoundLayer bound = layer.bind(input, output, workers);
        bound.run(0, bound.taskCount(), 0);
    }
}
