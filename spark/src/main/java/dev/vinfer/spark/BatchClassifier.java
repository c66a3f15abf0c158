package dev.vinfer.spark;

import dev.vinfer.api.Prediction;
import dev.vinfer.api.VinferException;
import dev.vinfer.image.ImageLoader;
import dev.vinfer.image.RgbImage;

import java.util.ArrayList;
import java.util.List;

/**
 * Classifies a batch of encoded pictures with one forward pass. Decoding and preprocessing are
 * exactly those of {@code vinfer classify} ({@link ImageLoader}, then the model's
 * {@link dev.vinfer.image.ImagePreprocessor}), so a row's scores equal the command's bit for bit.
 * A picture that cannot be decoded becomes an error result; the others still run.
 */
final class BatchClassifier {
    /** One picture as Spark's binaryFile source gives it. */
    record EncodedImage(String path, byte[] content) {
    }

    private final ExecutorModels.Loaded loaded;
    private final ImageLoader loader = new ImageLoader();
    private final int topK;

    BatchClassifier(ExecutorModels.Loaded loaded, int topK) {
        if (topK > loaded.model().classCount()) {
            throw new IllegalArgumentException("top-k " + topK + " is more than the model's "
                    + loaded.model().classCount() + " classes");
        }
        this.loaded = loaded;
        this.topK = topK;
    }

    /** Results in the order of {@code batch}. */
    List<Classification> classify(List<EncodedImage> batch) {
        Classification[] results = new Classification[batch.size()];
        List<RgbImage> decoded = new ArrayList<>(batch.size());
        List<Integer> decodedAt = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            EncodedImage image = batch.get(i);
            try {
                if (image.content() == null) {
                    throw new VinferException(image.path() + ": no content (the file could not be read)");
                }
                decoded.add(loader.load(image.content(), image.path()));
                decodedAt.add(i);
            } catch (VinferException e) {
                results[i] = Classification.failed(image.path(), e.getMessage());
            }
        }
        if (!decoded.isEmpty()) {
            Prediction prediction = loaded.model().predict(loaded.preprocessor().toTensor(decoded));
            for (int j = 0; j < decodedAt.size(); j++) {
                int i = decodedAt.get(j);
                results[i] = Classification.ok(batch.get(i).path(), prediction.topK(j, topK));
            }
        }
        return List.of(results);
    }
}
