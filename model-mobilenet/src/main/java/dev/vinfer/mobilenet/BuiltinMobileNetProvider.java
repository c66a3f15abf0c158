package dev.vinfer.mobilenet;

import dev.vinfer.graph.Graph;
import dev.vinfer.io.UntrustedText;
import dev.vinfer.spi.ModelLoadException;
import dev.vinfer.spi.ModelProvider;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MobileNet V1 with deterministic synthetic weights ({@link MobileNetV1#synthetic}), named
 * {@code builtin:mobilenet_v1_<width>_<size>}, for example {@code builtin:mobilenet_v1_1.0_224}:
 * a model that runs with no file at all, what {@code vinfer bench} measures by default. 1000
 * classes, no labels, seed {@value #SEED}, so every run builds the same weights.
 */
public final class BuiltinMobileNetProvider implements ModelProvider {
    /** Every built-in MobileNet name starts with this. */
    public static final String PREFIX = "builtin:mobilenet_v1";
    /** The classifier's outputs, as ImageNet's. */
    public static final int CLASSES = 1000;
    /** The weights' random seed. */
    public static final long SEED = 42;
    static final double MAX_WIDTH = 2.0;
    static final int MIN_SIZE = 16;
    static final int MAX_SIZE = 2048;
    private static final Pattern NAME = Pattern.compile("builtin:mobilenet_v1_([0-9]+(?:\\.[0-9]+)?)_([0-9]{1,5})");

    /**
     * {@return the built-in name of MobileNet V1 at width {@code alpha} and {@code size x size} input}
     *
     * @param alpha the width multiplier
     * @param size  input height and width
     */
    public static String name(double alpha, int size) {
        return PREFIX + "_" + alpha + "_" + size;
    }

    /** Made by {@link java.util.ServiceLoader}. */
    public BuiltinMobileNetProvider() {
    }

    @Override
    public String name() {
        return "mobilenet-builtin";
    }

    @Override
    public String formatDescription() {
        return namedModels();
    }

    @Override
    public boolean recognizes(Path path) {
        return false; // never a file
    }

    @Override
    public Graph load(Path path) throws ModelLoadException {
        throw new ModelLoadException(path, "not a built-in model name; they look like builtin:mobilenet_v1_1.0_224");
    }

    @Override
    public boolean recognizesName(String name) {
        return name.startsWith(PREFIX);
    }

    @Override
    public String namedModels() {
        return "builtin:mobilenet_v1_<width>_<size> (MobileNet V1 with synthetic weights, width 0.05.." + MAX_WIDTH
                + ", size " + MIN_SIZE + ".." + MAX_SIZE + ", e.g. builtin:mobilenet_v1_1.0_224)";
    }

    @Override
    public Graph loadNamed(String name) throws ModelLoadException {
        String shown = UntrustedText.name(name);
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new ModelLoadException(shown, "not a built-in MobileNet name; expected builtin:mobilenet_v1_<width>_<size>,"
                    + " e.g. builtin:mobilenet_v1_1.0_224");
        }
        double alpha = Double.parseDouble(m.group(1));
        int size = Integer.parseInt(m.group(2));
        if (alpha < 0.05 || alpha > MAX_WIDTH) {
            throw new ModelLoadException(shown, String.format(Locale.ROOT, "width %s is outside 0.05..%s", m.group(1), MAX_WIDTH));
        }
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new ModelLoadException(shown, "input size " + size + " is outside " + MIN_SIZE + ".." + MAX_SIZE);
        }
        try {
            return MobileNetV1.synthetic(alpha, size, CLASSES, SEED).toGraph();
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(shown, "cannot build MobileNet V1 " + alpha + " at " + size + "x" + size + ": " + e.getMessage());
        }
    }
}
