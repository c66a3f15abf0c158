package dev.vinfer.benchmarks;

import dev.vinfer.api.InferenceSession;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Prediction;
import dev.vinfer.api.Vinfer;
import dev.vinfer.mobilenet.MobileNetV1;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One MobileNet V1 inference (1000 classes, synthetic weights) per backend, width, resolution,
 * batch and intra-op thread count, through the zero-allocation {@link InferenceSession} an embedder
 * would use. The score is per batch: divide by {@code batch} for time per image.
 *
 * <p>The defaults run the whole matrix (2 x 4 x 4 x 2 x 2 = 128 configurations, about 12 minutes on
 * two cores, with short iterations); narrow it with {@code -p}, e.g. the headline figure:
 * {@code -p width=1.0 -p resolution=224 -p batch=1 -wi 3 -i 5 -w 2 -r 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class EndToEndBenchmark {
    @Param({"scalar", "simd"})
    public String backend;

    @Param({"0.25", "0.5", "0.75", "1.0"})
    public double width;

    @Param({"128", "160", "192", "224"})
    public int resolution;

    @Param({"1", "8"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    private Model model;
    private InferenceSession session;
    private Tensor input;

    @Setup(Level.Trial)
    public void load() {
        model = Vinfer.compile(MobileNetV1.synthetic(width, resolution, 1000, 42),
                ModelOptions.defaults().withBackend(backend).withThreads(threads));
        session = model.newSession();
        input = randomImage(new TensorShape(batch, resolution, resolution, 3), 7);
    }

    @TearDown(Level.Trial)
    public void close() {
        model.close();
    }

    @Benchmark
    public Prediction inference() {
        return session.run(input);
    }

    static Tensor randomImage(TensorShape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[shape.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextDouble() * 4 - 2); // about the range of normalised pixels
        }
        return Tensor.wrap(shape, data);
    }
}
