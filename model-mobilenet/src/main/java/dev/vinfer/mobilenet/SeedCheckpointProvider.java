package dev.vinfer.mobilenet;

import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.graph.Preprocessing;
import dev.vinfer.mobilenet.safetensors.SafetensorsFile;
import dev.vinfer.mobilenet.safetensors.TensorEntry;
import dev.vinfer.ops.Clamp;
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
import java.util.List;
import java.util.Locale;

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
    /** PyTorch's BatchNorm2d default. */
    public static final double EPSILON = 1e-5;
    public static final int DEFAULT_INPUT_SIZE = 224;

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
    public NetworkDefinition load(Path path) throws IOException {
        SafetensorsFile file = SafetensorsFile.open(path);
        if (!file.tensors().containsKey("conv1.conv.0.weight")) {
            throw new ModelLoadException(path, "not a seed MobileNet V1 state_dict: no tensor conv1.conv.0.weight"
                    + " (found " + file.tensors().size() + " tensors" + firstNames(file) + ")");
        }
        Weights weights = new Weights(file);
        List<LayerSpec> layers = new ArrayList<>();
        int stem = (int) weights.dim("conv1.conv.0.weight", 0);
        int inputChannels = (int) weights.dim("conv1.conv.0.weight", 1);
        layers.add(weights.conv("conv1", "conv1.conv", inputChannels, stem, 3, 2, 1));
        int channels = stem;
        for (int b = 0; b < MobileNetV1.BLOCKS; b++) {
            String prefix = blockPrefix(b);
            int stride = MobileNetV1.blockStride(b);
            layers.add(weights.conv("conv_dw_" + (b + 1), prefix + ".conv.0.conv", channels, channels, 3, stride, channels));
            int out = (int) weights.dim(prefix + ".conv.1.conv.0.weight", 0);
            layers.add(weights.conv("conv_pw_" + (b + 1), prefix + ".conv.1.conv", channels, out, 1, 1, 1));
            channels = out;
        }
        layers.add(new GlobalAveragePool("pool"));
        int classes = (int) weights.dim("fc.1.weight", 0);
        float[] fcWeights = weights.floats("fc.1.weight", classes, channels);
        float[] fcBias = weights.floats("fc.1.bias", classes);
        layers.add(new Dense("fc", channels, classes, Clamp.NONE, fcWeights, fcBias));
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
        List<String> names = file.tensors().keySet().stream().limit(3).toList();
        return names.isEmpty() ? "" : ", e.g. " + String.join(", ", names);
    }

    /** Shape-checked access to the checkpoint's tensors. */
    private record Weights(SafetensorsFile file) {

        long dim(String tensor, int axis) {
            TensorEntry e = file.entry(tensor);
            if (e.shape().length <= axis) {
                throw new ModelLoadException(file.file(), "tensor " + tensor + " has shape " + e.shapeText() + ", expected at least " + (axis + 1) + " dimensions");
            }
            return e.shape()[axis];
        }

        float[] floats(String tensor, long... expected) throws IOException {
            TensorEntry e = file.entry(tensor);
            if (!Arrays.equals(e.shape(), expected)) {
                throw new ModelLoadException(file.file(), "tensor " + tensor + " has shape " + e.shapeText() + ", expected " + Arrays.toString(expected));
            }
            return file.readFloats(tensor);
        }

        /** Reads {@code <module>.0} (Conv2d, OIHW) and {@code <module>.1} (BatchNorm2d) and folds them. */
        Convolution conv(String name, String module, int in, int out, int k, int stride, int groups) throws IOException {
            float[] oihw = floats(module + ".0.weight", out, in / groups, k, k);
            float[] bias = floats(module + ".0.bias", out);
            BatchNorm bn = new BatchNorm(floats(module + ".1.weight", out), floats(module + ".1.bias", out),
                    floats(module + ".1.running_mean", out), floats(module + ".1.running_var", out), EPSILON);
            BatchNormFolding.Folded folded = BatchNormFolding.fold(oihwToOhwi(oihw, out, in / groups, k), bias, bn);
            Padding padding = k == 1 ? Padding.NONE : Padding.symmetric(k / 2);
            return new Convolution(name, in, out, k, k, stride, stride, padding, groups, Clamp.RELU, folded.weights(), folded.bias());
        }
    }

    /** PyTorch's {@code [out][in][kh][kw]} to vinfer's {@code [out][kh][kw][in]}. */
    static float[] oihwToOhwi(float[] oihw, int out, int in, int k) {
        float[] ohwi = new float[oihw.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int y = 0; y < k; y++) {
                    for (int x = 0; x < k; x++) {
                        ohwi[((o * k + y) * k + x) * in + i] = oihw[((o * in + i) * k + y) * k + x];
                    }
                }
            }
        }
        return ohwi;
    }
}
