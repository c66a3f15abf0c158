package dev.vinfer.mobilenet;

import dev.vinfer.graph.Graph;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.graph.Preprocessing;
import dev.vinfer.io.UntrustedText;
import dev.vinfer.mobilenet.safetensors.SafetensorsFile;
import dev.vinfer.mobilenet.safetensors.TensorEntry;
import dev.vinfer.ops.Clamp;
import dev.vinfer.ops.ConvWeights;
import dev.vinfer.ops.Convolution;
import dev.vinfer.ops.Dense;
import dev.vinfer.ops.GlobalAveragePool;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.ops.Padding;
import dev.vinfer.spi.ModelLoadException;
import dev.vinfer.spi.ModelProvider;
import dev.vinfer.tensor.TensorShape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the seed's PyTorch MobileNet V1 {@code state_dict} saved as safetensors
 * ({@code ../shared/seed/seed_mobilenet_v1.py}: keys such as {@code conv1.conv.0.weight},
 * {@code stage.6.3.conv.1.conv.1.running_var}, {@code fc.1.weight}).
 *
 * <p>Width and class count come from the tensor shapes, so no flag is needed. Every conv has a bias
 * and a BatchNorm (eps 1e-5), both folded at load; the activation is ReLU; padding is 1 on every
 * side. The default input is 224x224 (where the seed's {@code AvgPool2d(7)} is a global pool); the
 * network is a global pool, so {@link NetworkDefinition#withInputSize} gives any other size.
 */
public final class SeedCheckpointProvider implements ModelProvider {
    /** Made by {@link java.util.ServiceLoader}. */
    public SeedCheckpointProvider() {
    }

    /** PyTorch's BatchNorm2d default. */
    public static final double EPSILON = 1e-5;
    /** The input size of a seed checkpoint, which does not record one. */
    public static final int DEFAULT_INPUT_SIZE = 224;
    /** Largest channel or class count read from a shape; MobileNet V1 at width 4 has 4096. */
    static final int MAX_CHANNELS = 1 << 16;

    @Override
    public String name() {
        return "seed-safetensors";
    }

    @Override
    public String formatDescription() {
        return "a .safetensors state_dict of the seed PyTorch MobileNet V1";
    }

    @Override
    public boolean recognizes(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors");
    }

    @Override
    public Graph load(Path path) throws IOException {
        return loadDefinition(path).toGraph();
    }

    /**
     * {@return the checkpoint as a chain of folded layers (what {@link #load} turns into the engine's
     * graph), at the default 224x224 input}
     *
     * @param path a {@code .safetensors} file of the seed model's {@code state_dict}
     * @throws ModelLoadException naming the file, when it is not such a checkpoint or its tensors do
     *                            not make a seed MobileNet V1
     * @throws IOException        when the file cannot be read
     */
    public NetworkDefinition loadDefinition(Path path) throws IOException {
        SafetensorsFile file = SafetensorsFile.open(path);
        if (!file.tensors().containsKey("conv1.conv.0.weight")) {
            throw new ModelLoadException(path, "not a seed MobileNet V1 state_dict: no tensor conv1.conv.0.weight"
                    + " (found " + file.tensors().size() + " tensors" + firstNames(file) + ")");
        }
        try {
            return build(path, file);
        } catch (IllegalArgumentException e) {
            // The engine's layer specs validate themselves; report what they found against this file.
            throw new ModelLoadException(path, e.getMessage(), e);
        }
    }

    private static NetworkDefinition build(Path path, SafetensorsFile file) throws IOException {
        Weights weights = new Weights(file, new HashSet<>());
        List<LayerSpec> layers = new ArrayList<>();
        int stem = weights.dim("conv1.conv.0.weight", 0);
        int inputChannels = weights.dim("conv1.conv.0.weight", 1);
        if (inputChannels != 3) {
            throw new ModelLoadException(path, "tensor conv1.conv.0.weight has shape " + file.entry("conv1.conv.0.weight").shapeText()
                    + ", expected [" + stem + ", 3, 3, 3]: the seed MobileNet V1 takes RGB input");
        }
        layers.add(weights.conv("conv1", "conv1.conv", inputChannels, stem, 3, 2, 1));
        int channels = stem;
        for (int b = 0; b < MobileNetV1.BLOCKS; b++) {
            String prefix = blockPrefix(b);
            int stride = MobileNetV1.blockStride(b);
            layers.add(weights.conv("conv_dw_" + (b + 1), prefix + ".conv.0.conv", channels, channels, 3, stride, channels));
            int out = weights.dim(prefix + ".conv.1.conv.0.weight", 0);
            layers.add(weights.conv("conv_pw_" + (b + 1), prefix + ".conv.1.conv", channels, out, 1, 1, 1));
            channels = out;
        }
        layers.add(new GlobalAveragePool("pool"));
        int classes = weights.dim("fc.1.weight", 0);
        float[] fcWeights = weights.floats("fc.1.weight", classes, channels);
        float[] fcBias = weights.floats("fc.1.bias", classes);
        layers.add(new Dense("fc", channels, classes, Clamp.NONE, fcWeights, fcBias));
        weights.requireNothingElse();
        String name = "seed_mobilenet_v1_" + widthName(stem) + "_" + classes + "classes";
        return new NetworkDefinition(name, TensorShape.image(DEFAULT_INPUT_SIZE, DEFAULT_INPUT_SIZE, inputChannels),
                layers, List.of(), Preprocessing.IMAGENET, true);
    }

    /** Module path of block {@code b} in the seed's {@code stage} Sequential (block 7..11 sit in stage.6). */
    static String blockPrefix(int b) {
        if (b < 6) {
            return "stage." + b;
        }
        if (b < 11) {
            return "stage.6." + (b - 6);
        }
        return "stage." + (b - 4);
    }

    private static String widthName(int stem) {
        return String.valueOf(stem / (double) MobileNetV1.STEM_CHANNELS);
    }

    private static String firstNames(SafetensorsFile file) {
        List<String> names = file.tensors().keySet().stream().limit(3).map(UntrustedText::name).toList();
        return names.isEmpty() ? "" : ", e.g. " + String.join(", ", names);
    }

    /**
     * Shape-checked access to the checkpoint's tensors. Remembers which tensors were used, so that
     * a tensor the seed model does not have (a checkpoint of another architecture) is an error.
     */
    private record Weights(SafetensorsFile file, Set<String> used) {

        /** A channel or class count: at least 1 and at most {@link #MAX_CHANNELS}. */
        int dim(String tensor, int axis) {
            TensorEntry e = file.entry(tensor);
            if (e.shape().length <= axis) {
                throw new ModelLoadException(file.file(), "tensor " + tensor + " has shape " + e.shapeText() + ", expected at least " + (axis + 1) + " dimensions");
            }
            long d = e.shape()[axis];
            if (d < 1 || d > MAX_CHANNELS) {
                throw new ModelLoadException(file.file(), "tensor " + tensor + " has shape " + e.shapeText()
                        + ": dimension " + axis + " must be between 1 and " + MAX_CHANNELS);
            }
            return (int) d;
        }

        float[] floats(String tensor, long... expected) throws IOException {
            TensorEntry e = file.entry(tensor);
            if (!Arrays.equals(e.shape(), expected)) {
                throw new ModelLoadException(file.file(), "tensor " + tensor + " has shape " + e.shapeText() + ", expected " + Arrays.toString(expected));
            }
            float[] values = file.readFloats(tensor);
            int bad = WeightChecks.firstNonFinite(values);
            if (bad >= 0) {
                throw new ModelLoadException(file.file(), "tensor " + tensor + " " + WeightChecks.describe(values, bad));
            }
            used.add(tensor);
            return values;
        }

        /** Reads {@code <module>.0} (Conv2d, OIHW) and {@code <module>.1} (BatchNorm2d) and folds them. */
        Convolution conv(String name, String module, int in, int out, int k, int stride, int groups) throws IOException {
            float[] oihw = floats(module + ".0.weight", out, in / groups, k, k);
            float[] bias = floats(module + ".0.bias", out);
            BatchNorm bn = new BatchNorm(floats(module + ".1.weight", out), floats(module + ".1.bias", out),
                    floats(module + ".1.running_mean", out), floats(module + ".1.running_var", out), EPSILON);
            int badVariance = WeightChecks.firstBadVariance(bn);
            if (badVariance >= 0) {
                throw new ModelLoadException(file.file(), "tensor " + module + ".1.running_var holds " + bn.variance()[badVariance]
                        + " at channel " + badVariance + "; a variance must not be negative");
            }
            batchCounter(module + ".1.num_batches_tracked");
            BatchNormFolding.Folded folded = BatchNormFolding.fold(ConvWeights.oihwToOhwi(oihw, out, in / groups, k, k), bias, bn);
            if (WeightChecks.firstNonFinite(folded.weights()) >= 0 || WeightChecks.firstNonFinite(folded.bias()) >= 0) {
                throw new ModelLoadException(file.file(), "folding the BatchNorm " + module + ".1 into " + module
                        + ".0 overflows float32 (a huge weight or gamma over a tiny variance)");
            }
            Padding padding = k == 1 ? Padding.NONE : Padding.symmetric(k / 2);
            return new Convolution(name, in, out, k, k, stride, stride, padding, groups, Clamp.RELU, folded.weights(), folded.bias());
        }

        /** PyTorch's BatchNorm2d also saves an integer scalar counter; it is optional and unused. */
        private void batchCounter(String tensor) {
            TensorEntry e = file.tensors().get(tensor);
            if (e == null) {
                return;
            }
            if (e.dtype().isFloat() || e.shape().length > 1 || e.elementCount() != 1) {
                throw new ModelLoadException(file.file(), "tensor " + tensor + " has dtype " + e.dtype() + " and shape "
                        + e.shapeText() + ", expected an integer scalar");
            }
            used.add(tensor);
        }

        /** Every tensor of the file must have been used: an extra one means another architecture. */
        void requireNothingElse() {
            List<String> extra = file.tensors().keySet().stream().filter(n -> !used.contains(n)).toList();
            if (!extra.isEmpty()) {
                throw new ModelLoadException(file.file(), "tensor " + UntrustedText.name(extra.getFirst()) + " is not part of the seed MobileNet V1"
                        + (extra.size() > 1 ? " (nor are " + (extra.size() - 1) + " more)" : "")
                        + "; the checkpoint is of another architecture");
            }
        }
    }
}
