package dev.vinfer.benchmarks.peers;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.vinfer.api.InferenceSession;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.tensor.NdArray;
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
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * vinfer against ONNX Runtime (Java API, native MLAS kernels): both engines load the very same
 * {@code .onnx} file (vinfer through {@link Vinfer#load}) and run the same NCHW batch, in one JMH run,
 * on the same machine. Models: the seed MobileNet V1 1.0/224 ({@code tools/peers/export_seed_onnx.py}),
 * torchvision ResNet-18 and MobileNet V2 ({@code tools/peers/export_torchvision_onnx.py}). Before
 * timing, each engine's output for every image of the batch is checked against PyTorch's, and the
 * two engines' outputs against each other, so a fast wrong answer cannot win. Only the {@code peers}
 * Maven profile builds this; vinfer's own modules never see ONNX Runtime.
 *
 * <p>vinfer is timed through {@link InferenceSession#run(Map)}: the NCHW input is converted to its
 * internal NHWC layout inside the timed call, as ONNX Runtime reorders to its NCHWc blocks inside
 * its own. {@code -jvmArgsAppend -Dvinfer.simd.fuse=false} times vinfer without the depthwise +
 * pointwise fusion.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PeerBenchmark {
    @Param({"seed_a100_224", "resnet18", "mobilenet_v2"})
    public String model;

    /**
     * The engine. Named so that it sorts after {@code model}: JMH runs parameter combinations in the
     * order of the parameters' names, so each model's vinfer and ONNX Runtime trials run back to back
     * and a change in the machine's load between them stays small.
     */
    @Param({"vinfer", "onnxruntime"})
    public String runtime;

    @Param({"1", "2"})
    public int threads;

    /** Images per inference: the exported image repeated (every model's batch axis is free). */
    @Param({"1", "8"})
    public int batch;

    /** Folder with the exported files (relative to where the benchmark is started). */
    @Param({"benchmarks/target/peers"})
    public String dir;

    private Model vinfer;
    private InferenceSession session;
    private Map<String, NdArray> vinferInput;
    private OrtEnvironment env;
    private OrtSession ort;
    private OnnxTensor ortInput;
    private String ortInputName;

    @Setup(Level.Trial)
    public void load() throws OrtException {
        PeerModel files = PeerModel.load(Path.of(dir), model);
        float[] images = files.batchOf(batch);
        // Both engines are loaded and checked, whichever is timed: each against PyTorch, and against each other.
        float[] ortScores = openOrt(files, images);
        float[] vinferScores = openVinfer(files, images);
        double ortError = files.check("onnxruntime", ortScores, files.reference(), "PyTorch");
        double vinferError = files.check("vinfer", vinferScores, files.reference(), "PyTorch");
        for (int i = 0; i < ortScores.length; i += files.reference().length) {
            float[] one = Arrays.copyOfRange(ortScores, i, i + files.reference().length);
            files.check("vinfer", Arrays.copyOfRange(vinferScores, i, i + one.length), one, "onnxruntime");
        }
        System.out.printf(Locale.ROOT, "%n%s batch %d: max |engine - PyTorch| vinfer %.2e, onnxruntime %.2e (tolerance %.1e)%n",
                model, batch, vinferError, ortError, files.tolerance());
        if (runtime.equals("onnxruntime")) {
            vinfer.close();
            vinfer = null;
        } else if (runtime.equals("vinfer")) {
            closeOrt();
        } else {
            throw new IllegalArgumentException("runtime must be vinfer or onnxruntime: " + runtime);
        }
    }

    private float[] openOrt(PeerModel files, float[] images) throws OrtException {
        env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            ort = env.createSession(files.onnx().toString(), options);
        }
        ortInputName = ort.getInputNames().iterator().next();
        ortInput = OnnxTensor.createTensor(env, FloatBuffer.wrap(images), files.shape(batch));
        try (OrtSession.Result result = runOrt()) {
            float[][] scores = (float[][]) result.get(0).getValue();
            float[] flat = new float[scores.length * scores[0].length];
            for (int b = 0; b < scores.length; b++) {
                System.arraycopy(scores[b], 0, flat, b * scores[b].length, scores[b].length);
            }
            return flat;
        }
    }

    private float[] openVinfer(PeerModel files, float[] images) {
        vinfer = Vinfer.load(files.onnx(), ModelOptions.defaults().withBackend("simd").withThreads(threads));
        session = vinfer.newSession();
        long[] shape = files.shape(batch);
        int[] dims = {(int) shape[0], (int) shape[1], (int) shape[2], (int) shape[3]};
        vinferInput = Map.of(vinfer.inputNames().getFirst(), NdArray.wrap(dims, images));
        return runVinfer().data();
    }

    private OrtSession.Result runOrt() throws OrtException {
        return ort.run(Map.of(ortInputName, ortInput));
    }

    private NdArray runVinfer() {
        return session.run(vinferInput).values().iterator().next();
    }

    private void closeOrt() throws OrtException {
        if (ort != null) {
            ortInput.close();
            ort.close();
            ort = null;
        }
    }

    @TearDown(Level.Trial)
    public void close() throws OrtException {
        if (vinfer != null) {
            vinfer.close();
        }
        closeOrt();
    }

    @Benchmark
    public Object inference() throws OrtException {
        if (ort != null) {
            try (OrtSession.Result result = runOrt()) {
                return result.get(0).getValue();
            }
        }
        return runVinfer();
    }
}
