package dev.vinfer.graph;

import java.util.List;
import java.util.Optional;

/**
 * What a user needs around a graph: class labels and, for an image model, how pixels become the
 * input. A graph without an image input (or of unknown preprocessing) has none.
 *
 * @param labels        class names, one per output class, or empty
 * @param preprocessing how RGB pixels become the input, when the model is an image model
 * @param imageSize     the height and width the model was trained at (for resizing photos), or 0
 */
public record ModelMetadata(List<String> labels, Optional<Preprocessing> preprocessing, int imageSize) {
    /** No labels, no preprocessing, no image size: what a graph without metadata carries. */
    public static final ModelMetadata NONE = new ModelMetadata(List.of(), Optional.empty(), 0);

    /**
     * Copies the labels.
     *
     * @throws IllegalArgumentException when {@code imageSize} is negative
     */
    public ModelMetadata {
        labels = List.copyOf(labels);
        if (imageSize < 0) {
            throw new IllegalArgumentException("image size must be >= 0, got " + imageSize);
        }
    }

    /**
     * {@return this metadata with other class labels}
     *
     * @param newLabels class names, one per output class, or empty
     */
    public ModelMetadata withLabels(List<String> newLabels) {
        return new ModelMetadata(newLabels, preprocessing, imageSize);
    }

    /**
     * {@return this metadata for an image model with preprocessing {@code p} at {@code size}}
     *
     * @param p    how RGB pixels become the input
     * @param size the height and width the model was trained at, in pixels
     */
    public ModelMetadata withPreprocessing(Preprocessing p, int size) {
        return new ModelMetadata(labels, Optional.of(p), size);
    }
}
