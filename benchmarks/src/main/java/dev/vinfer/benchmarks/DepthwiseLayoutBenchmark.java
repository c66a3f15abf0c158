package dev.vinfer.benchmarks;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * A probe for the next layout decision, not engine code: the interior of a 3x3 stride-1 depthwise
 * convolution on MobileNet V1's depthwise shapes, with the same four-pixel register blocking as the
 * engine's kernel, over three activation layouts:
 * <ul>
 *   <li>{@code nhwc}: pixels {@code channels} floats apart, as the engine stores them; each step
 *       covers four pixels and all their channel vectors;</li>
 *   <li>{@code nhwcPadded}: the same with one 64-byte line between pixels, so that with a power-of-two
 *       channel count neighbouring pixels do not fall into the same L1 sets;</li>
 *   <li>{@code blocked}: {@code [channels / lanes][h][w][lanes]} (NCHWc, as MLAS keeps activations):
 *       one plane per channel vector, its 9 weights held in registers for the whole plane;</li>
 *   <li>{@code blockedSameStep}: the blocked layout and order with the NHWC variants' own step
 *       ({@link #fourOutputs}, weights reloaded per group of four), to separate what the layout
 *       gains from what the weights held in registers gain;</li>
 *   <li>{@code nhwcPlaneWalk} and {@code nhwcPaddedPlaneWalk}: NHWC (plain, and with a line between
 *       pixels) walked in the blocked variant's order, to see whether the order alone gains;</li>
 *   <li>{@code repackedBlocked}: NHWC in and out, repacked to blocked planes first, to see whether a
 *       layer could gain the layout without the planner's help;</li>
 *   <li>{@code blockedToNhwc}: blocked planes in, NHWC out, as a depthwise half reading blocked
 *       activations would fill a fused pair's row-major tile buffer.</li>
 * </ul>
 * The input carries a one-pixel border of zeros, so there are no border paths: only the interior's
 * memory behaviour is compared. Written for 512-bit vectors (16 lanes) and channel counts that are
 * multiples of 16; elsewhere the species is the preferred one and the figures are only indicative.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DepthwiseLayoutBenchmark {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int N = F.length();
    /** Floats of one 64-byte line: the padding between pixels of {@code nhwcPadded}. */
    private static final int LINE = 16;

    /** Square map size x channels: MobileNet V1 1.0's stride-1 depthwise layers. */
    @Param({"112x32", "56x128", "28x256", "14x512", "7x1024"})
    public String shape;

    private int size;
    /** Output columns rounded up to whole groups of four. */
    private int width;
    private int channels;
    private float[] weights;
    private float[] nhwcIn;
    private float[] nhwcOut;
    private float[] paddedIn;
    private float[] paddedOut;
    private float[] blockedIn;
    private float[] blockedOut;

    @Setup
    public void allocate() {
        allocate(0);
    }

    /**
     * @param minFloats the least length of the arrays {@link #nhwcShifted} uses (weights, NHWC input
     *                  and output), so that {@link DepthwiseAlignmentBenchmark} can make them large
     *                  enough for the collector to place them at a region boundary
     */
    void allocate(int minFloats) {
        String[] parts = shape.split("x");
        size = Integer.parseInt(parts[0]);
        channels = Integer.parseInt(parts[1]);
        width = (size + 3) / 4 * 4;
        // LINE floats of slack for nhwcShifted.
        weights = filled(Math.max(minFloats, 9 * channels + LINE));
        int inPixels = (size + 2) * (width + 2);
        nhwcIn = filled(Math.max(minFloats, inPixels * channels + LINE));
        nhwcOut = new float[Math.max(minFloats, size * width * channels + LINE)];
        paddedIn = filled(inPixels * (channels + LINE));
        paddedOut = new float[size * width * (channels + LINE)];
        blockedIn = filled(inPixels * channels);
        blockedOut = new float[size * width * channels];
    }

    private static float[] filled(int length) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) {
            a[i] = (i % 11) * 0.1f;
        }
        return a;
    }

    @Benchmark
    public float[] nhwc() {
        return nhwcShifted(0);
    }

    /** {@link #nhwc} with the weights, the input and the output starting {@code shift} floats into their arrays: {@link DepthwiseAlignmentBenchmark}. */
    float[] nhwcShifted(int shift) {
        pixelMajor(nhwcIn, nhwcOut, shift, channels);
        return nhwcOut;
    }

    @Benchmark
    public float[] nhwcPadded() {
        pixelMajor(paddedIn, paddedOut, 0, channels + LINE);
        return paddedOut;
    }

    /** The blocked layout walked as it allows: one plane per channel vector ({@link #walk}). */
    @Benchmark
    public float[] blocked() {
        walk(blockedIn, (size + 2) * (width + 2) * N, N, blockedOut, size * width * N, N);
        return blockedOut;
    }

    /** Blocked planes in, NHWC out, walked as {@link #blocked}. */
    @Benchmark
    public float[] blockedToNhwc() {
        walk(blockedIn, (size + 2) * (width + 2) * N, N, nhwcOut, N, channels);
        return nhwcOut;
    }

    /** NHWC in and out, walked like {@link #blocked}: one channel vector at a time over the whole map. */
    @Benchmark
    public float[] nhwcPlaneWalk() {
        walk(nhwcIn, N, channels, nhwcOut, N, channels);
        return nhwcOut;
    }

    /** As {@link #nhwcPlaneWalk} with one 64-byte line between pixels (no L1 set conflicts). */
    @Benchmark
    public float[] nhwcPaddedPlaneWalk() {
        walk(paddedIn, N, channels + LINE, paddedOut, N, channels + LINE);
        return paddedOut;
    }

    /** NHWC in and out, repacked to blocked planes first (as a layer could do per call) and walked as {@link #blocked}. */
    @Benchmark
    public float[] repackedBlocked() {
        int inPixels = (size + 2) * (width + 2);
        for (int p = 0; p < inPixels; p++) {
            for (int v = 0; v < channels / N; v++) {
                FloatVector.fromArray(F, nhwcIn, p * channels + v * N).intoArray(blockedIn, (v * inPixels + p) * N);
            }
        }
        return blockedToNhwc();
    }

    /**
     * One channel vector at a time over the whole map, its 9 weights loaded once and held in registers
     * (in NHWC's pixel-major order a step covers every channel vector, so they cannot be). Unrolled
     * by hand like the engine's kernels: the weights stay in registers only in straight-line code, and
     * a helper taking vectors would box them where C2 declines to inline it. Input vector {@code v} of
     * padded pixel {@code (y, x)} is at {@code v * inVector + (y * (width + 2) + x) * ps}, output
     * vector {@code v} of pixel {@code (y, x)} at {@code v * outVector + (y * width + x) * outPixel}.
     */
    private void walk(float[] in, int inVector, int ps, float[] out, int outVector, int outPixel) {
        int inRow = (width + 2) * ps;
        for (int v = 0; v < channels / N; v++) {
            int c = v * N;
            FloatVector w0 = FloatVector.fromArray(F, weights, c);
            FloatVector w1 = FloatVector.fromArray(F, weights, channels + c);
            FloatVector w2 = FloatVector.fromArray(F, weights, 2 * channels + c);
            FloatVector w3 = FloatVector.fromArray(F, weights, 3 * channels + c);
            FloatVector w4 = FloatVector.fromArray(F, weights, 4 * channels + c);
            FloatVector w5 = FloatVector.fromArray(F, weights, 5 * channels + c);
            FloatVector w6 = FloatVector.fromArray(F, weights, 6 * channels + c);
            FloatVector w7 = FloatVector.fromArray(F, weights, 7 * channels + c);
            FloatVector w8 = FloatVector.fromArray(F, weights, 8 * channels + c);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < width; x += 4) {
                    int r = v * inVector + y * inRow + x * ps;
                    FloatVector a0 = FloatVector.zero(F), a1 = FloatVector.zero(F), a2 = FloatVector.zero(F), a3 = FloatVector.zero(F);
                    FloatVector x0 = FloatVector.fromArray(F, in, r), x1 = FloatVector.fromArray(F, in, r + ps),
                            x2 = FloatVector.fromArray(F, in, r + 2 * ps), x3 = FloatVector.fromArray(F, in, r + 3 * ps),
                            x4 = FloatVector.fromArray(F, in, r + 4 * ps), x5 = FloatVector.fromArray(F, in, r + 5 * ps);
                    a0 = x0.fma(w0, a0); a1 = x1.fma(w0, a1); a2 = x2.fma(w0, a2); a3 = x3.fma(w0, a3);
                    a0 = x1.fma(w1, a0); a1 = x2.fma(w1, a1); a2 = x3.fma(w1, a2); a3 = x4.fma(w1, a3);
                    a0 = x2.fma(w2, a0); a1 = x3.fma(w2, a1); a2 = x4.fma(w2, a2); a3 = x5.fma(w2, a3);
                    r += inRow;
                    x0 = FloatVector.fromArray(F, in, r); x1 = FloatVector.fromArray(F, in, r + ps);
                    x2 = FloatVector.fromArray(F, in, r + 2 * ps); x3 = FloatVector.fromArray(F, in, r + 3 * ps);
                    x4 = FloatVector.fromArray(F, in, r + 4 * ps); x5 = FloatVector.fromArray(F, in, r + 5 * ps);
                    a0 = x0.fma(w3, a0); a1 = x1.fma(w3, a1); a2 = x2.fma(w3, a2); a3 = x3.fma(w3, a3);
                    a0 = x1.fma(w4, a0); a1 = x2.fma(w4, a1); a2 = x3.fma(w4, a2); a3 = x4.fma(w4, a3);
                    a0 = x2.fma(w5, a0); a1 = x3.fma(w5, a1); a2 = x4.fma(w5, a2); a3 = x5.fma(w5, a3);
                    r += inRow;
                    x0 = FloatVector.fromArray(F, in, r); x1 = FloatVector.fromArray(F, in, r + ps);
                    x2 = FloatVector.fromArray(F, in, r + 2 * ps); x3 = FloatVector.fromArray(F, in, r + 3 * ps);
                    x4 = FloatVector.fromArray(F, in, r + 4 * ps); x5 = FloatVector.fromArray(F, in, r + 5 * ps);
                    a0 = x0.fma(w6, a0); a1 = x1.fma(w6, a1); a2 = x2.fma(w6, a2); a3 = x3.fma(w6, a3);
                    a0 = x1.fma(w7, a0); a1 = x2.fma(w7, a1); a2 = x3.fma(w7, a2); a3 = x4.fma(w7, a3);
                    a0 = x2.fma(w8, a0); a1 = x3.fma(w8, a1); a2 = x4.fma(w8, a2); a3 = x5.fma(w8, a3);
                    int o = v * outVector + (y * width + x) * outPixel;
                    a0.intoArray(out, o);
                    a1.intoArray(out, o + outPixel);
                    a2.intoArray(out, o + 2 * outPixel);
                    a3.intoArray(out, o + 3 * outPixel);
                }
            }
        }
    }

    /** The blocked layout and order, but the NHWC variants' own step, weights reloaded per group of four. */
    @Benchmark
    public float[] blockedSameStep() {
        int inRow = (width + 2) * N;
        int inPlane = (size + 2) * inRow;
        int outPlane = size * width * N;
        for (int v = 0; v < channels / N; v++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < width; x += 4) {
                    fourOutputs(blockedIn, v * inPlane + y * inRow + x * N, N, inRow, v * N, blockedOut,
                            v * outPlane + (y * width + x) * N, N);
                }
            }
        }
        return blockedOut;
    }

    /**
     * Four neighbouring outputs, every channel vector, then the next four: the engine's order. Both
     * maps and the weights start {@code shift} floats into their arrays.
     */
    private void pixelMajor(float[] in, float[] out, int shift, int pixelStride) {
        int inRow = (width + 2) * pixelStride;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < width; x += 4) {
                for (int c = 0; c < channels; c += N) {
                    fourOutputs(in, shift + y * inRow + x * pixelStride + c, pixelStride, inRow, shift + c, out,
                            shift + (y * width + x) * pixelStride + c, pixelStride);
                }
            }
        }
    }

    /**
     * One channel vector of four neighbouring outputs, the same code for every layout (only the
     * strides differ): each kernel row loads six input columns shared by the four windows.
     *
     * @param window      the first window's top-left input vector
     * @param pixelStride floats between neighbouring input pixels, and between neighbouring outputs
     * @param channel     where the vector's weights start in each tap's row of {@code [tap][channels]}
     */
    private void fourOutputs(float[] in, int window, int pixelStride, int rowStride, int channel, float[] out, int o,
                             int outStride) {
        FloatVector a0 = FloatVector.zero(F), a1 = FloatVector.zero(F), a2 = FloatVector.zero(F), a3 = FloatVector.zero(F);
        for (int ky = 0, r = window; ky < 3; ky++, r += rowStride) {
            FloatVector w0 = FloatVector.fromArray(F, weights, 3 * ky * channels + channel);
            FloatVector w1 = FloatVector.fromArray(F, weights, (3 * ky + 1) * channels + channel);
            FloatVector w2 = FloatVector.fromArray(F, weights, (3 * ky + 2) * channels + channel);
            FloatVector x0 = FloatVector.fromArray(F, in, r);
            FloatVector x1 = FloatVector.fromArray(F, in, r + pixelStride);
            FloatVector x2 = FloatVector.fromArray(F, in, r + 2 * pixelStride);
            FloatVector x3 = FloatVector.fromArray(F, in, r + 3 * pixelStride);
            FloatVector x4 = FloatVector.fromArray(F, in, r + 4 * pixelStride);
            FloatVector x5 = FloatVector.fromArray(F, in, r + 5 * pixelStride);
            a0 = x0.fma(w0, a0); a1 = x1.fma(w0, a1); a2 = x2.fma(w0, a2); a3 = x3.fma(w0, a3);
            a0 = x1.fma(w1, a0); a1 = x2.fma(w1, a1); a2 = x3.fma(w1, a2); a3 = x4.fma(w1, a3);
            a0 = x2.fma(w2, a0); a1 = x3.fma(w2, a1); a2 = x4.fma(w2, a2); a3 = x5.fma(w2, a3);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + outStride);
        a2.intoArray(out, o + 2 * outStride);
        a3.intoArray(out, o + 3 * outStride);
    }
}
