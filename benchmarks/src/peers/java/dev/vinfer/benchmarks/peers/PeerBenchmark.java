package dev.vinfer.benchmarks.peers;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.vinfer.api.InferenceSession;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.io.Npy;
import dev.vinfer.io.NpyArray;
import dev.vinfer.tensor.Tensor;
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

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * vinfer against ONNX Runtime (Java API, native MLAS kernels) on the same MobileNet V1 1.0/224
 * weights and input, made by {@code tools/peers/export_seed_onnx.py}: one table, same machine, same
 * run. Before timing, each engine's output is checked against PyTorch's, so a fast wrong answer
 * cannot win. Only the {@code peers} Maven profile builds this; vinfer's own modules never see ONNX
 * Runtime.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PeerBenchmark {
    private static final String NAME = "seed_a100_224";
    /** Both engines must reproduce PyTorch's probabilities this closely before they are timed. */
    private static final float AGREEMENT = 1e-4f;

    /** {@code vinfer-simd-unfused}: the same backend with the depthwise + pointwise fusion off, for A/B. */
    @Param({"vinfer-simd", "vinfer-simd-unfused", "onnxruntime"})
    public String engine;

    @Param({"1", "2"})
    public int threads;

    /** Images per inference: the exported input image repeated (the ONNX model's batch axis is free). */
    @Param({"1", "8"})
    public int batch;

    /** Folder with the exported files (relative to where the benchmark is started). */
    @Param({"benchmarks/target/peers"})
    public String dir;

    private Model model;
    private InferenceSession session;
    private Tensor nhwc;
    private OrtEnvironment env;
    private OrtSession ort;
    private OnnxTensor ortInput;

    @Setup(Level.Trial)
    public void load() throws OrtException {
        Path folder = Path.of(dir);
        NpyArray input = Npy.read(folder.resolve(NAME + ".input_nchw.npy"));
        float[] expected = Npy.read(folder.resolve(NAME + ".probs.npy")).data();
        float[] images = new float[batch * input.data().length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(input.data(), 0, images, b * input.data().length, input.data().length);
        }
        float[] actual;
        if (engine.equals("onnxruntime")) {
            env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            ort = env.createSession(folder.resolve(NAME + ".onnx").toString(), options);
            ortInput = OnnxTensor.createTensor(env, FloatBuffer.wrap(images), new long[] {batch, 3, 224, 224});
            actual = ((float[][]) runOrt().get(0).getValue())[batch - 1];
        } else {
            // The SIMD backend reads its fusion switch when the model is compiled.
            System.setProperty("vinfer.simd.fuse", String.valueOf(!engine.endsWith("-unfused")));
            model = Vinfer.load(folder.resolve(NAME + ".safetensors"), ModelOptions.defaults().withBackend("simd").withThreads(threads));
            session = model.newSession();
            nhwc = Tensor.fromNchw(batch, 3, 224, 224, images);
            actual = session.run(nhwc).probabilities(batch - 1);
        }
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > AGREEMENT) {
                throw new IllegalStateException(engine + " disagrees with PyTorch at class " + i + ": " + actual[i] + " vs " + expected[i]);
            }
        }
    }

    private OrtSession.Result runOrt() throws OrtException {
        return ort.run(Map.of("input", ortInput));
    }

    @TearDown(Level.Trial)
    public void close() throws OrtException {
        if (model != null) {
            model.close();
        }
        if (ort != null) {
            ortInput.close();
            ort.close();
        }
    }

    @Benchmark
    public Object inference() throws OrtException {
        if (ort != null) {
            try (OrtSession.Result result = runOrt()) {
                return result.get(0).getValue();
            }
        }
        return session.run(nhwc);
    }
}
