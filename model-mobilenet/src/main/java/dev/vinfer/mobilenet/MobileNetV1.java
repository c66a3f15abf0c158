package dev.vinfer.mobilenet;

import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.graph.Preprocessing;
import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.Convolution;
import dev.vinfer.ops.Dense;
import dev.vinfer.ops.GlobalAveragePool;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.ops.Padding;
import dev.vinfer.tensor.TensorShape;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * MobileNet V1's skeleton, shared by every weight format: a 3x3/2 stem, 13 depthwise-separable
 * blocks, global average pool, classifier. Widths are {@code int(base * alpha)} as in the seed.
 */
public final class MobileNetV1 {
    /** Number of depthwise-separable blocks. */
    public static final int BLOCKS = 13;
    /** Channels of the stem at width 1.0. */
    public static final int STEM_CHANNELS = 32;
    /** Output channels of each block at width 1.0. */
    private static final int[] BLOCK_CHANNELS = {64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024};
    /** Depthwise stride of each block: these four downsample. */
    private static final int[] BLOCK_STRIDES = {1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1};

    private MobileNetV1() {
    }

    /**
     * {@return the depthwise stride of block {@code block}}
     *
     * @param block 0..{@value #BLOCKS}-1
     */
    public static int blockStride(int block) {
        return BLOCK_STRIDES[block];
    }

    /**
     * {@return the channel count for a base width at multiplier alpha, exactly as the seed computes it}
     *
     * @param base  the channels at width 1.0
     * @param alpha the width multiplier
     */
    public static int width(int base, double alpha) {
        return (int) (base * alpha);
    }

    /**
     * {@return the stem's output channels at width {@code alpha}}
     *
     * @param alpha the width multiplier
     */
    public static int stemChannels(double alpha) {
        return width(STEM_CHANNELS, alpha);
    }

    /**
     * {@return block {@code block}'s output channels at width {@code alpha}}
     *
     * @param block 0..{@value #BLOCKS}-1
     * @param alpha the width multiplier
     */
    public static int blockChannels(int block, double alpha) {
        return width(BLOCK_CHANNELS[block], alpha);
    }

    /**
     * Builds the network with deterministic synthetic weights: for benchmarks and for a model that
     * runs out of the box without any file. Weights are scaled so activations neither die nor explode.
     *
     * @param alpha     the width multiplier
     * @param inputSize input height and width
     * @param classes   the classifier's outputs
     * @param seed      the random seed: the same seed gives the same weights
     * @return the network, for any input size
     */
    public static NetworkDefinition synthetic(double alpha, int inputSize, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LayerSpec> layers = new ArrayList<>();
        int in = 3;
        int stem = stemChannels(alpha);
        layers.add(syntheticConv("conv1", in, stem, 3, 2, 1, Padding.symmetric(1), random));
        in = stem;
        for (int b = 0; b < BLOCKS; b++) {
            int stride = blockStride(b);
            int out = blockChannels(b, alpha);
            layers.add(syntheticConv("conv_dw_" + (b + 1), in, in, 3, stride, in, Padding.symmetric(1), random));
            layers.add(syntheticConv("conv_pw_" + (b + 1), in, out, 1, 1, 1, Padding.NONE, random));
            in = out;
        }
        layers.add(new GlobalAveragePool("pool"));
        float[] fc = gaussian(random, classes * in, Math.sqrt(1.0 / in));
        layers.add(new Dense("fc", in, classes, Clamp.NONE, fc, new float[classes]));
        String name = "mobilenet_v1_" + alpha + "_" + inputSize + "_synthetic";
        return new NetworkDefinition(name, TensorShape.image(inputSize, inputSize, 3), layers, List.of(), Preprocessing.IMAGENET, true);
    }

    private static Convolution syntheticConv(String name, int in, int out, int k, int stride, int groups, Padding pad, SplittableRandom random) {
        int fanIn = k * k * (in / groups);
        float[] weights = gaussian(random, out * fanIn, Math.sqrt(2.0 / fanIn));
        float[] bias = gaussian(random, out, 0.1);
        return new Convolution(name, in, out, k, k, stride, stride, pad, groups, Clamp.RELU6, weights, bias);
    }

    private static float[] gaussian(SplittableRandom random, int n, double std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller from the deterministic generator: same weights on every JVM.
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            a[i] = (float) (std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
        }
        return a;
    }
}
