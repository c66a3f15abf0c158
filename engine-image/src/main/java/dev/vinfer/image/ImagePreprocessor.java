package dev.vinfer.image;

import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.graph.Preprocessing;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;

import java.util.List;

/**
 * Turns RGB pictures into a model's input tensor: crop the largest centred region with the input's
 * aspect ratio (the centre square for MobileNet), resize it to the input size with Pillow's
 * antialiased bilinear filter ({@link PillowBilinear}), then map each 8-bit sample through the
 * model's {@link Preprocessing} into NHWC floats.
 *
 * <p>Crop first, then resize, in that order, because the reference inputs were made that way
 * ({@code shared/images/224}: centre square crop + PIL bilinear resize), so a full-size photo gives
 * the same tensor here as in the Python pipeline. An image already of the input size is used as is.
 * Immutable and thread-safe.
 */
public final class ImagePreprocessor {
    private final int height;
    private final int width;
    /** {@code (v / 255 - mean[c]) / std[c]} for every channel and 8-bit value, computed in double. */
    private final float[][] lookup = new float[3][256];

    /**
     * A preprocessor for inputs of {@code height x width} RGB pixels.
     *
     * @param height        the model's input height
     * @param width         the model's input width
     * @param preprocessing how the model normalises RGB
     */
    public ImagePreprocessor(int height, int width, Preprocessing preprocessing) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("input size must be at least 1x1, got " + width + "x" + height);
        }
        this.height = height;
        this.width = width;
        float[] mean = preprocessing.mean();
        float[] std = preprocessing.std();
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                lookup[c][v] = (float) ((v / 255.0 - mean[c]) / std[c]);
            }
        }
    }

    /**
     * {@return a preprocessor for a network's input size and preprocessing}
     *
     * @param network a network taking RGB images
     * @throws IllegalArgumentException when the network does not take 3 channels
     */
    public static ImagePreprocessor forNetwork(NetworkDefinition network) {
        TensorShape input = network.inputShape();
        if (input.c() != 3) {
            throw new IllegalArgumentException("network " + network.name() + " takes " + input.c() + " channels, not RGB");
        }
        return new ImagePreprocessor(input.h(), input.w(), network.preprocessing());
    }

    /**
     * {@return a preprocessor for a loaded image model: its input size and preprocessing (ImageNet mean
     * and standard deviation when the model file does not say)}
     *
     * @param model an image model whose input size is known
     * @throws IllegalArgumentException when the model does not take RGB images of a known size
     */
    public static ImagePreprocessor forModel(dev.vinfer.api.Model model) {
        TensorShape input = model.inputShape();
        if (input.c() != 3) {
            throw new IllegalArgumentException("the model takes " + input.c() + " channels, not RGB");
        }
        return new ImagePreprocessor(input.h(), input.w(), model.preprocessing().orElse(Preprocessing.IMAGENET));
    }

    /**
     * {@return the centre crop of {@code image} resized to the input size, still 8-bit RGB}
     *
     * @param image a picture of any size
     */
    public RgbImage fit(RgbImage image) {
        if (image.width() == width && image.height() == height) {
            return image;
        }
        CenterCrop crop = CenterCrop.of(image.width(), image.height(), width, height);
        return PillowBilinear.resize(image, crop, width, height);
    }

    /**
     * {@return one image as a {@code [1, H, W, 3]} tensor}
     *
     * @param image a picture of any size
     */
    public Tensor toTensor(RgbImage image) {
        return toTensor(List.of(image));
    }

    /**
     * {@return a batch as one {@code [N, H, W, 3]} tensor, in list order}
     *
     * @param images pictures of any size, at least one
     */
    public Tensor toTensor(List<RgbImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one image");
        }
        TensorShape shape = new TensorShape(images.size(), height, width, 3);
        float[] data = new float[shape.size()];
        int o = 0;
        for (RgbImage image : images) {
            byte[] rgb = fit(image).rgb();
            for (int i = 0; i < rgb.length; i += 3) {
                data[o++] = lookup[0][rgb[i] & 0xFF];
                data[o++] = lookup[1][rgb[i + 1] & 0xFF];
                data[o++] = lookup[2][rgb[i + 2] & 0xFF];
            }
        }
        return Tensor.wrap(shape, data);
    }

    /** {@return the input height} */
    public int height() {
        return height;
    }

    /** {@return the input width} */
    public int width() {
        return width;
    }
}
