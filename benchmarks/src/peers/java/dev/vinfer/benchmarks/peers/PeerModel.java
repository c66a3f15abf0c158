package dev.vinfer.benchmarks.peers;

import dev.vinfer.io.Npy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The exported files of one peer model in {@code benchmarks/target/peers}: {@code NAME.onnx} (which
 * both engines load), one NCHW input image {@code NAME.input_nchw.npy} and PyTorch's output for it
 * ({@code NAME.probs.npy} for the seed MobileNet V1, which ends in a softmax, {@code NAME.logits.npy}
 * for the torchvision models). Made by {@code tools/peers/export_seed_onnx.py} and
 * {@code tools/peers/export_torchvision_onnx.py}.
 *
 * @param name      the file stem, e.g. {@code resnet18}
 * @param onnx      the model file
 * @param image     one 3x224x224 image, NCHW
 * @param reference PyTorch's output for {@code image}, one score vector
 */
record PeerModel(String name, Path onnx, float[] image, float[] reference) {
    static final int CHANNELS = 3;
    static final int SIZE = 224;

    /**
     * Reads a model's files.
     *
     * @throws IllegalStateException naming the missing file and the script that makes it
     */
    static PeerModel load(Path dir, String name) {
        Path onnx = require(dir.resolve(name + ".onnx"), name);
        float[] image = Npy.read(require(dir.resolve(name + ".input_nchw.npy"), name)).data();
        Path logits = dir.resolve(name + ".logits.npy");
        Path reference = Files.exists(logits) ? logits : require(dir.resolve(name + ".probs.npy"), name);
        return new PeerModel(name, onnx, image, Npy.read(reference).data());
    }

    private static Path require(Path file, String name) {
        if (!Files.isRegularFile(file)) {
            String script = name.startsWith("seed_") ? "export_seed_onnx.py" : "export_torchvision_onnx.py";
            throw new IllegalStateException(file + " is missing: run /usr/bin/python3 tools/peers/" + script
                    + " from the repository root first");
        }
        return file;
    }

    /** {@return {@code batch} copies of the image, NCHW} */
    float[] batchOf(int batch) {
        float[] images = new float[batch * image.length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(image, 0, images, b * image.length, image.length);
        }
        return images;
    }

    /** {@return the NCHW shape of a batch} */
    long[] shape(int batch) {
        return new long[] {batch, CHANNELS, SIZE, SIZE};
    }

    /**
     * The largest difference allowed between two engines' scores (or an engine's and PyTorch's): a
     * thousandth of the largest reference score plus 1e-5, loose enough for float32 sums in another
     * order, far tighter than any wrong kernel (those differ by the scores' own size).
     */
    double tolerance() {
        double max = 0;
        for (float r : reference) {
            max = Math.max(max, Math.abs(r));
        }
        return 1e-3 * max + 1e-5;
    }

    /**
     * Checks every image of a batch of scores against {@code expected} (one vector, same for every image).
     *
     * @return the largest absolute difference found
     * @throws IllegalStateException naming the image and class where they differ by more than {@link #tolerance()}
     */
    double check(String what, float[] batchScores, float[] expected, String against) {
        int classes = expected.length;
        if (batchScores.length % classes != 0) {
            throw new IllegalStateException(what + " on " + name + ": " + batchScores.length + " scores, not a multiple of " + classes);
        }
        double worst = 0;
        for (int i = 0; i < batchScores.length; i++) {
            double diff = Math.abs(batchScores[i] - expected[i % classes]);
            worst = Math.max(worst, diff);
            if (!(diff <= tolerance())) { // NaN fails too
                throw new IllegalStateException(String.format(Locale.ROOT, "%s disagrees with %s on %s: image %d class %d: %s vs %s",
                        what, against, name, i / classes, i % classes, batchScores[i], expected[i % classes]));
            }
        }
        return worst;
    }
}
