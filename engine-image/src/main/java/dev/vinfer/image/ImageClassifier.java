package dev.vinfer.image;

import dev.vinfer.api.ClassScore;
import dev.vinfer.api.Model;
import dev.vinfer.api.Prediction;
import dev.vinfer.api.VinferException;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The short path from pictures to labels: decodes a picture (a file, a stream or an image already
 * in memory), prepares it exactly as the model expects ({@link ImagePreprocessor}: centre crop,
 * Pillow-exact resize, the model's own {@link dev.vinfer.graph.Preprocessing}), runs the model and
 * returns the most probable classes with their scores, most probable first.
 *
 * <pre>{@code
 * try (Model model = Vinfer.load(Path.of("mobilenet_v1_0.75_224_keras_tfjs"))) {
 *     ImageClassifier classifier = new ImageClassifier(model);
 *     for (ClassScore s : classifier.classify(Path.of("bird.png"))) {
 *         System.out.printf("%.4f %s%n", s.probability(), s.label());   // 0.9863 chickadee ...
 *     }
 *     List<List<ClassScore>> batch = classifier.classifyFiles(List.of(Path.of("a.jpg"), Path.of("b.png")));
 * }
 * }</pre>
 *
 * <p>A list of pictures runs as one batch (one forward pass), and results come back in list order.
 * Thread-safe, like the {@link Model} it wraps; it does not own the model: close the model yourself.
 * Every problem with a picture is a {@link VinferException} whose one-line message names it.
 */
public final class ImageClassifier {
    /** How many classes {@link #classify} returns unless {@link #withTopK} says otherwise. */
    public static final int DEFAULT_TOP_K = 5;

    private final Model model;
    private final ImagePreprocessor preprocessor;
    private final ImageLoader loader;
    private final int topK;

    /**
     * Classifies with {@code model}, returning its {@value #DEFAULT_TOP_K} best classes (or all, if fewer).
     *
     * @param model a model taking RGB images; not closed by this classifier
     * @throws VinferException when the model does not take RGB images
     */
    public ImageClassifier(Model model) {
        this(model, preprocessorFor(model), new ImageLoader(), Math.min(DEFAULT_TOP_K, model.classCount()));
    }

    private ImageClassifier(Model model, ImagePreprocessor preprocessor, ImageLoader loader, int topK) {
        this.model = Objects.requireNonNull(model, "model");
        this.preprocessor = preprocessor;
        this.loader = loader;
        this.topK = topK;
    }

    /**
     * {@return the same classifier returning the {@code k} best classes}
     *
     * @param k how many classes each result holds
     * @throws VinferException unless {@code 1 <= k <= } the model's class count
     */
    public ImageClassifier withTopK(int k) {
        if (k < 1 || k > model.classCount()) {
            throw new VinferException("top-k must be between 1 and the class count (" + model.classCount() + "), got " + k);
        }
        return new ImageClassifier(model, preprocessor, loader, k);
    }

    /**
     * The same classifier decoding files and streams with {@code loader} (for example one with a
     * lower pixel limit, {@link ImageLoader#ImageLoader(long)}).
     *
     * @param loader the decoder to use
     * @return the same classifier with that loader
     */
    public ImageClassifier withLoader(ImageLoader loader) {
        return new ImageClassifier(model, preprocessor, Objects.requireNonNull(loader, "loader"), topK);
    }

    /**
     * {@return the best classes of the picture in {@code file} (JPEG, PNG, BMP, GIF, ...), best first}
     *
     * @param file a picture file
     */
    public List<ClassScore> classify(Path file) {
        return classifyFiles(List.of(file)).getFirst();
    }

    /**
     * The best classes of the encoded picture in {@code stream}, read to the picture's end and left
     * open. Error messages call it {@code "<stream>"}; use {@link #classify(InputStream, String)} to name it.
     *
     * @param stream an encoded picture
     * @return its best classes, best first
     */
    public List<ClassScore> classify(InputStream stream) {
        return classify(stream, "<stream>");
    }

    /**
     * {@return the best classes of the encoded picture in {@code stream}, best first}
     *
     * @param stream an encoded picture, read to its end and left open
     * @param name   what error messages call it
     */
    public List<ClassScore> classify(InputStream stream, String name) {
        return classifyBatch(List.of(loader.load(stream, name))).getFirst();
    }

    /**
     * {@return the best classes of a picture already decoded, best first}
     *
     * @param image a picture of any size
     */
    public List<ClassScore> classify(BufferedImage image) {
        return classifyImages(List.of(image)).getFirst();
    }

    /**
     * {@return the best classes of each file, in list order, classified as one batch}
     *
     * @param files picture files, at least one
     */
    public List<List<ClassScore>> classifyFiles(List<Path> files) {
        return classifyBatch(decodeAll(files, loader::load));
    }

    /**
     * {@return the best classes of each stream's picture, in list order, as one batch}
     *
     * @param streams encoded pictures, each read to its end and left open; errors call them {@code <stream N>}
     */
    public List<List<ClassScore>> classifyStreams(List<? extends InputStream> streams) {
        List<RgbImage> images = new ArrayList<>(streams.size());
        for (int i = 0; i < streams.size(); i++) {
            images.add(loader.load(streams.get(i), "<stream " + i + ">"));
        }
        return classifyBatch(images);
    }

    /**
     * {@return the best classes of each decoded picture, in list order, classified as one batch}
     *
     * @param images pictures of any size, at least one
     */
    public List<List<ClassScore>> classifyImages(List<? extends BufferedImage> images) {
        return classifyBatch(decodeAll(images, RgbImage::of));
    }

    /**
     * The best classes of each RGB picture, in list order, classified as one batch: for pictures
     * decoded elsewhere (any size; they are cropped and resized to the model's input).
     *
     * @param images RGB pictures, at least one
     * @return each picture's best classes, best first
     */
    public List<List<ClassScore>> classifyBatch(List<RgbImage> images) {
        if (images.isEmpty()) {
            throw new VinferException("nothing to classify: the list of pictures is empty");
        }
        Prediction prediction = model.predict(preprocessor.toTensor(images));
        List<List<ClassScore>> results = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            results.add(prediction.topK(i, topK));
        }
        return results;
    }

    /** {@return the model this classifier runs} */
    public Model model() {
        return model;
    }

    /** {@return how many classes each result holds} */
    public int topK() {
        return topK;
    }

    private static ImagePreprocessor preprocessorFor(Model model) {
        try {
            return ImagePreprocessor.forModel(model);
        } catch (IllegalArgumentException e) {
            throw new VinferException("cannot classify pictures with this model: " + e.getMessage(), e);
        }
    }

    private static <T> List<RgbImage> decodeAll(List<? extends T> pictures, Function<T, RgbImage> decode) {
        List<RgbImage> images = new ArrayList<>(pictures.size());
        for (T picture : pictures) {
            images.add(decode.apply(Objects.requireNonNull(picture, "picture")));
        }
        return images;
    }
}
