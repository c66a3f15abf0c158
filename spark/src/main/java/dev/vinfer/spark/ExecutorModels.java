package dev.vinfer.spark;

import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.image.ImagePreprocessor;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The models of this JVM (one Spark executor, or the driver in local mode), loaded once and shared
 * by every task: a {@link Model} is thread-safe, and loading one per task (as DJL's Spark support
 * does) would repeat the file read and weight repacking for every partition.
 *
 * <p>Models live as long as the JVM: an executor runs one application, and its model's worker
 * threads are daemons. A model that fails to load is not cached, so its error repeats per task.
 */
final class ExecutorModels {
    /** What a loaded model depends on; top-k and batch size do not change the model. */
    record Key(String modelPath, String backend, int threads) {
    }

    /** A model with the preprocessing that feeds it. */
    record Loaded(Model model, ImagePreprocessor preprocessor) {
    }

    private static final ConcurrentMap<Key, Loaded> MODELS = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ExecutorModels() {
    }

    /** The model for {@code key}, loading it on first use; concurrent first uses load it once. */
    static Loaded get(Key key) {
        return MODELS.computeIfAbsent(key, ExecutorModels::load);
    }

    /** How many models this JVM has loaded so far (tests check the once-per-JVM promise with it). */
    static int loadCount() {
        return LOADS.get();
    }

    private static Loaded load(Key key) {
        LOADS.incrementAndGet();
        Model model = Vinfer.load(Path.of(key.modelPath()),
                ModelOptions.defaults().withBackend(key.backend()).withThreads(key.threads()));
        return new Loaded(model, ImagePreprocessor.forModel(model));
    }
}
