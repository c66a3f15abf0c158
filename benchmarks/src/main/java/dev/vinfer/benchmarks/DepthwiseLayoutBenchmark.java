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
 *       one plane per channel vector, walked with its 9 weights in registers.</li>
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
        String[] parts = shape.split("x");
        size = Integer.parseInt(parts[0]);
        channels = Integer.parseInt(parts[1]);
        width = (size + 3) / 4 * 4;
        weights = filled(9 * channels);
        int inPixels = (size + 2) * (width + 2);
        nhwcIn = filled(inPixels * channels);
        nhwcOut = new float[size * width * channels];
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
        pixelMajor(nhwcIn, nhwcOut, channels);
        return nhwcOut;
    }

    @Benchmark
    public float[] nhwcPadded() {
        pixelMajor(paddedIn, paddedOut, channels + LINE);
        return paddedOut;
    }

    @Benchmark
    public float[] blocked() {
        int inRow = (width + 2) * N;
        int inPlane = (size + 2) * inRow;
        int outPlane = size * width * N;
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
                    int r = v * inPlane + y * inRow + x * N;
                    FloatVector x0 = FloatVector.fromArray(F, blockedIn, r);
                    FloatVector x1 = FloatVector.fromArray(F, blockedIn, r + N);
                    FloatVector x2 = FloatVector.fromArray(F, blockedIn, r + 2 * N);
                    FloatVector x3 = FloatVector.fromArray(F, blockedIn, r + 3 * N);
                    FloatVector x4 = FloatVector.fromArray(F, blockedIn, r + 4 * N);
                    FloatVector x5 = FloatVector.fromArray(F, blockedIn, r + 5 * N);
                    FloatVector a0 = x0.mul(w0), a1 = x1.mul(w0), a2 = x2.mul(w0), a3 = x3.mul(w0);
                    a0 = x1.fma(w1, a0); a1 = x2.fma(w1, a1); a2 = x3.fma(w1, a2); a3 = x4.fma(w1, a3);
                    a0 = x2.fma(w2, a0); a1 = x3.fma(w2, a1); a2 = x4.fma(w2, a2); a3 = x5.fma(w2, a3);
                    r += inRow;
                    x0 = FloatVector.fromArray(F, blockedIn, r);
                    x1 = FloatVector.fromArray(F, blockedIn, r + N);
                    x2 = FloatVector.fromArray(F, blockedIn, r + 2 * N);
                    x3 = FloatVector.fromArray(F, blockedIn, r + 3 * N);
                    x4 = FloatVector.fromArray(F, blockedIn, r + 4 * N);
                    x5 = FloatVector.fromArray(F, blockedIn, r + 5 * N);
                    a0 = x0.fma(w3, a0); a1 = x1.fma(w3, a1); a2 = x2.fma(w3, a2); a3 = x3.fma(w3, a3);
                    a0 = x1.fma(w4, a0); a1 = x2.fma(w4, a1); a2 = x3.fma(w4, a2); a3 = x4.fma(w4, a3);
                    a0 = x2.fma(w5, a0); a1 = x3.fma(w5, a1); a2 = x4.fma(w5, a2); a3 = x5.fma(w5, a3);
                    r += inRow;
                    x0 = FloatVector.fromArray(F, blockedIn, r);
                    x1 = FloatVector.fromArray(F, blockedIn, r + N);
                    x2 = FloatVector.fromArray(F, blockedIn, r + 2 * N);
                    x3 = FloatVector.fromArray(F, blockedIn, r + 3 * N);
                    x4 = FloatVector.fromArray(F, blockedIn, r + 4 * N);
                    x5 = FloatVector.fromArray(F, blockedIn, r + 5 * N);
                    a0 = x0.fma(w6, a0); a1 = x1.fma(w6, a1); a2 = x2.fma(w6, a2); a3 = x3.fma(w6, a3);
                    a0 = x1.fma(w7, a0); a1 = x2.fma(w7, a1); a2 = x3.fma(w7, a2); a3 = x4.fma(w7, a3);
                    a0 = x2.fma(w8, a0); a1 = x3.fma(w8, a1); a2 = x4.fma(w8, a2); a3 = x5.fma(w8, a3);
                    int o = v * outPlane + (y * width + x) * N;
                    a0.intoArray(blockedOut, o);
                    a1.intoArray(blockedOut, o + N);
                    a2.intoArray(blockedOut, o + 2 * N);
                    a3.intoArray(blockedOut, o + 3 * N);
                }
            }
        }
        return blockedOut;
    }

    /** Four neighbouring outputs, every channel vector, then the next four: the engine's order. */
    private void pixelMajor(float[] in, float[] out, int pixelStride) {
        int inRow = (width + 2) * pixelStride;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < width; x += 4) {
                int window = y * inRow + x * pixelStride;
                int o = (y * width + x) * pixelStride;
                for (int c = 0; c < channels; c += N) {
                    FloatVector a0 = FloatVector.zero(F), a1 = FloatVector.zero(F), a2 = FloatVector.zero(F), a3 = FloatVector.zero(F);
                    for (int ky = 0; ky < 3; ky++) {
                        int r = window + ky * inRow + c;
                        FloatVector w0 = FloatVector.fromArray(F, weights, 3 * ky * channels + c);
                        FloatVector w1 = FloatVector.fromArray(F, weights, (3 * ky + 1) * channels + c);
                        FloatVector w2 = FloatVector.fromArray(F, weights, (3 * ky + 2) * channels + c);
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
                    a0.intoArray(out, o + c);
                    a1.intoArray(out, o + pixelStride + c);
                    a2.intoArray(out, o + 2 * pixelStride + c);
                    a3.intoArray(out, o + 3 * pixelStride + c);
                }
            }
        }
    }
}
