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

import java.util.concurrent.TimeUnit;

/**
 * The fallback as users get it: a fork WITHOUT {@code --add-modules jdk.incubator.vector}, where the
 * engine's automatic choice finds the SIMD backend unusable and runs scalar. The setup fails if
 * anything but scalar was chosen, so this measures exactly that path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ScalarFallbackBenchmark {
    @Param({"1", "2"})
    public int threads;

    private Model model;
    private InferenceSession session;
    private Tensor input;

    @Setup(Level.Trial)
    public void load() {
        model = Vinfer.compile(MobileNetV1.synthetic(1.0, 224, 1000, 42), ModelOptions.defaults().withThreads(threads));
        if (!model.backendName().equals("scalar")) {
            throw new IllegalStateException("expected the scalar fallback without the incubator module, got " + model.backendName());
        }
        session = model.newSession();
        input = EndToEndBenchmark.randomImage(TensorShape.image(224, 224, 3), 7);
    }

    @TearDown(Level.Trial)
    public void close() {
        model.close();
    }

    @Benchmark
    public Prediction inference() {
        return session.run(input);
    }
}
