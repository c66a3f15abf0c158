package dev.vinfer.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The logits and probabilities of a batch. Predictions returned by {@link Model#predict} are the
 * caller's to keep; those returned by {@link InferenceSession#run} are views over the session's
 * buffers, valid until its next run ({@link #copy()} keeps one).
 */
public final class Prediction {
    private final int batch;
    private final int classes;
    private final float[] logits;
    private final float[] probabilities;
    private final List<String> labels;

    Prediction(int batch, int classes, float[] logits, float[] probabilities, List<String> labels) {
        this.batch = batch;
        this.classes = classes;
        this.logits = logits;
        this.probabilities = probabilities;
        this.labels = labels;
    }

    /** {@return the number of images in the batch} */
    public int batchSize() {
        return batch;
    }

    /** {@return the number of classes} */
    public int classCount() {
        return classes;
    }

    /**
     * {@return the pre-softmax outputs of image {@code image}, a copy}
     *
     * @param image the image's index in the batch
     */
    public float[] logits(int image) {
        checkImage(image);
        return Arrays.copyOfRange(logits, image * classes, (image + 1) * classes);
    }

    /**
     * {@return the softmax probabilities of image {@code image}, a copy}
     *
     * @param image the image's index in the batch
     */
    public float[] probabilities(int image) {
        checkImage(image);
        return Arrays.copyOfRange(probabilities, image * classes, (image + 1) * classes);
    }

    /** {@return all logits, {@code [batch][classes]} flattened, a copy} */
    public float[] allLogits() {
        return Arrays.copyOf(logits, batch * classes);
    }

    /** {@return all probabilities, {@code [batch][classes]} flattened, a copy} */
    public float[] allProbabilities() {
        return Arrays.copyOf(probabilities, batch * classes);
    }

    /**
     * The {@code k} most probable classes of image {@code image}, most probable first; ties go to the
     * lower class index so the order is stable.
     *
     * @param image the image's index in the batch
     * @param k     how many classes, 1 to the class count
     * @return the {@code k} best classes with their scores
     * @throws VinferException if {@code k} is out of range
     */
    public List<ClassScore> topK(int image, int k) {
        checkImage(image);
        if (k < 1 || k > classes) {
            throw new VinferException("top-k must be between 1 and the class count (" + classes + "), got " + k);
        }
        int base = image * classes;
        Integer[] order = new Integer[classes];
        for (int i = 0; i < classes; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int byProbability = Float.compare(probabilities[base + b], probabilities[base + a]);
            return byProbability != 0 ? byProbability : Integer.compare(a, b);
        });
        List<ClassScore> top = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int c = order[i];
            String label = labels.isEmpty() ? Integer.toString(c) : labels.get(c);
            top.add(new ClassScore(c, label, probabilities[base + c], logits[base + c]));
        }
        return top;
    }

    /** {@return a copy that stays valid after the session that made it runs again} */
    public Prediction copy() {
        return new Prediction(batch, classes, allLogits(), allProbabilities(), labels);
    }

    private void checkImage(int image) {
        if (image < 0 || image >= batch) {
            throw new IndexOutOfBoundsException("image " + image + " of a batch of " + batch);
        }
    }
}
