package dev.vinfer.benchmarks.peers;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vinfer.api.InferenceSession;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.StepInfo;
import dev.vinfer.api.Vinfer;
import dev.vinfer.io.Npy;
import dev.vinfer.io.NpyArray;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.tensor.Tensor;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-layer times of vinfer and ONNX Runtime side by side, on the files of
 * {@code tools/peers/export_seed_onnx.py}: vinfer's from {@link InferenceSession#runProfiled}, ONNX
 * Runtime's from its own profiler (per-node kernel times), the two engines' runs interleaved. Prints
 * Markdown tables per thread count, of medians and of minima (the undisturbed time on a shared
 * machine); a vinfer step that fuses layers is compared with the sum of ONNX Runtime's nodes for
 * them. ONNX Runtime's nodes are matched to vinfer's layers by order (its graph optimiser folds
 * BatchNorm and the activation into each convolution, leaving one node per vinfer layer).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar --add-modules jdk.incubator.vector \
 *     dev.vinfer.benchmarks.peers.PeerLayerTable benchmarks/target/peers 1,2 200</pre>
 */
public final class PeerLayerTable {
    private static final String NAME = "seed_a100_224";

    private PeerLayerTable() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/peers");
        int[] threadCounts = Arrays.stream((args.length > 1 ? args[1] : "1,2").split(",")).mapToInt(Integer::parseInt).toArray();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        float[] nchw = Npy.read(dir.resolve(NAME + ".input_nchw.npy")).data();
        for (int threads : threadCounts) {
            try (Model model = Vinfer.load(dir.resolve(NAME + ".safetensors"), ModelOptions.defaults().withBackend("simd").withThreads(threads))) {
                Interleaved timings = measure(model, Tensor.fromNchw(1, 3, 224, 224, nchw), dir, nchw, threads, runs);
                print(model, timings.vinfer(), timings.ort(), threads, runs, "median");
                print(model, timings.vinferMin(), timings.ortMin(), threads, runs, "minimum");
            }
        }
    }

    /** Per-step (vinfer) and per-node (ONNX Runtime) medians and minima in ms. */
    private record Interleaved(double[] vinfer, List<Double> ort, double[] vinferMin, List<Double> ortMin) {
    }

    /**
     * Both engines' runs are interleaved (10 of one, then 10 of the other) so that a busy neighbour
     * on a shared machine slows both alike instead of whichever happened to run then.
     */
    private static Interleaved measure(Model model, Tensor input, Path dir, float[] nchw, int threads, int runs)
            throws OrtException, IOException {
        InferenceSession session = model.newSession();
        int slots = model.steps().size();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Path prefix = Files.createTempDirectory("ort-profile").resolve("profile");
        double[][] samples = new double[slots][runs];
        Map<String, List<Double>> perNode = new LinkedHashMap<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.enableProfiling(prefix.toString());
            try (OrtSession ort = env.createSession(dir.resolve(NAME + ".onnx").toString(), options);
                 OnnxTensor ortInput = OnnxTensor.createTensor(env, FloatBuffer.wrap(nchw), new long[] {1, 3, 224, 224})) {
                for (int i = 0; i < runs; i++) { // warm-up (the JIT compiles vinfer's kernels); ORT's first half is dropped below
                    session.run(input);
                    ort.run(Map.of("input", ortInput)).close();
                }
                for (int done = 0; done < runs; done += 10) {
                    for (int r = done; r < Math.min(runs, done + 10); r++) {
                        long[] nanos = new long[slots];
                        session.runProfiled(input, nanos);
                        for (int s = 0; s < slots; s++) {
                            samples[s][r] = nanos[s] / 1e6;
                        }
                    }
                    for (int r = done; r < Math.min(runs, done + 10); r++) {
                        ort.run(Map.of("input", ortInput)).close();
                    }
                }
                String file = ort.endProfiling();
                JsonNode events = new ObjectMapper().readTree(Path.of(file).toFile());
                for (JsonNode e : events) {
                    String name = e.path("name").asText();
                    if (e.path("cat").asText().equals("Node") && name.endsWith("_kernel_time")) {
                        perNode.computeIfAbsent(name, k -> new ArrayList<>()).add(e.path("dur").asDouble() / 1000.0);
                    }
                }
                Files.deleteIfExists(Path.of(file));
            }
        }
        double[] vinfer = new double[slots];
        double[] vinferMin = new double[slots];
        for (int s = 0; s < slots; s++) {
            vinfer[s] = median(samples[s]);
            vinferMin[s] = Arrays.stream(samples[s]).min().orElse(0);
        }
        List<Double> ort = new ArrayList<>();
        List<Double> ortMin = new ArrayList<>();
        for (List<Double> d : perNode.values()) {
            double[] measured = d.subList(d.size() / 2, d.size()).stream().mapToDouble(Double::doubleValue).toArray();
            ort.add(median(measured));
            ortMin.add(Arrays.stream(measured).min().orElse(0));
        }
        System.err.println("ONNX Runtime nodes (" + threads + " threads): " + String.join(", ", perNode.keySet()));
        return new Interleaved(vinfer, ort, vinferMin, ortMin);
    }

    private static void print(Model model, double[] vinfer, List<Double> ortNodes, int threads, int runs, String statistic) {
        List<LayerSpec> layers = model.definition().layers();
        // Layers map to ORT nodes one to one (the softmax is the last node); extra nodes (a Flatten) are reported apart.
        int extra = ortNodes.size() - (layers.size() + 1);
        System.out.printf(Locale.ROOT, "%n### %d thread%s (%s of %d runs each, ms per image)%n%n", threads, threads == 1 ? "" : "s", statistic, runs);
        System.out.println("| step | op | vinfer ms | vinfer GFLOP/s | ONNX Runtime ms | ONNX Runtime GFLOP/s | vinfer / ORT |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        List<StepInfo> steps = model.steps();
        int layer = 0;
        double vinferSum = 0;
        double ortSum = 0;
        for (int s = 0; s < steps.size(); s++) {
            StepInfo step = steps.get(s);
            int covered = step.name().split("\\+").length;
            double ort = 0;
            for (int k = 0; k < covered; k++) {
                int node = layer + k + (layer + k >= layers.size() - 1 && extra > 0 ? extra : 0);
                ort += node < ortNodes.size() ? ortNodes.get(node) : 0;
            }
            layer += covered;
            vinferSum += vinfer[s];
            ortSum += ort;
            System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %s | %.3f | %s | %.2fx |%n", step.name(), step.operation(), vinfer[s],
                    gflops(step.multiplyAdds(), vinfer[s]), ort, gflops(step.multiplyAdds(), ort), vinfer[s] / ort);
        }
        double others = 0;
        for (int e = 0; e < extra; e++) {
            others += ortNodes.get(layers.size() - 1 + e);
        }
        if (extra > 0) {
            System.out.printf(Locale.ROOT, "| (ONNX Runtime's other nodes: %d) | | | | %.3f | | |%n", extra, others);
        }
        System.out.printf(Locale.ROOT, "| **sum** | | %.3f | | %.3f | | %.2fx |%n", vinferSum, ortSum + others, vinferSum / (ortSum + others));
    }

    private static String gflops(long multiplyAdds, double ms) {
        return multiplyAdds > 0 && ms > 0 ? String.format(Locale.ROOT, "%.1f", 2.0 * multiplyAdds / 1e6 / ms) : "-";
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length == 0 ? 0 : v[v.length / 2];
    }
}
