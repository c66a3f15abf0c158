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
import dev.vinfer.api.Vinfer;
import dev.vinfer.benchmarks.peers.StepMatching.OrtNode;
import dev.vinfer.benchmarks.peers.StepMatching.Row;
import dev.vinfer.plan.Step;
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
 * Per-layer times of vinfer and ONNX Runtime side by side, both loading the same {@code .onnx} file
 * (see {@link PeerModel}): vinfer's from {@link InferenceSession#runProfiled}, ONNX Runtime's from its
 * own profiler (per-node kernel times), the two engines' runs interleaved. Prints Markdown tables per
 * model and thread count, of medians and of minima (the undisturbed time on a shared machine). Rows
 * pair vinfer's steps with ONNX Runtime's nodes as {@link StepMatching} explains.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.vinfer.benchmarks.peers.PeerLayerTable benchmarks/target/peers seed_a100_224,resnet18,mobilenet_v2 1,2 200</pre>
 */
public final class PeerLayerTable {
    private static final String BACKEND = "simd";

    private PeerLayerTable() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/peers");
        String[] models = (args.length > 1 ? args[1] : "seed_a100_224").split(",");
        int[] threadCounts = Arrays.stream((args.length > 2 ? args[2] : "1,2").split(",")).mapToInt(Integer::parseInt).toArray();
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        for (String name : models) {
            PeerModel files;
            try {
                files = PeerModel.load(dir, name);
            } catch (IllegalStateException e) { // a missing export: one line, not a stack trace
                System.err.println("PeerLayerTable: " + e.getMessage());
                System.exit(1);
                return;
            }
            for (int threads : threadCounts) {
                try (Model model = Vinfer.load(files.onnx(), ModelOptions.defaults().withBackend(BACKEND).withThreads(threads))) {
                    Measured m = measure(model, files, threads, runs);
                    List<Row> rows = StepMatching.match(m.steps(), m.nodes(), BACKEND);
                    print(name, rows, m.vinferMedian(), m.ortMedian(), threads, runs, "median");
                    print(name, rows, m.vinferMin(), m.ortMin(), threads, runs, "minimum");
                }
            }
        }
    }

    /** Per-step (vinfer) and per-node (ONNX Runtime) medians and minima in ms. */
    private record Measured(List<Step> steps, double[] vinferMedian, double[] vinferMin,
                            List<OrtNode> nodes, double[] ortMedian, double[] ortMin) {
    }

    /**
     * Both engines' runs are interleaved (10 of one, then 10 of the other) so that a busy neighbour
     * on a shared machine slows both alike instead of whichever happened to run then.
     */
    private static Measured measure(Model model, PeerModel files, int threads, int runs) throws OrtException, IOException {
        InferenceSession session = model.newSession();
        Tensor input = Tensor.fromNchw(1, PeerModel.CHANNELS, PeerModel.SIZE, PeerModel.SIZE, files.image());
        List<Step> steps = session.steps(input.shape());
        int slots = steps.size();
        double[][] samples = new double[slots][runs];
        Map<String, List<Double>> perNode = new LinkedHashMap<>();
        Map<String, String> opOf = new LinkedHashMap<>();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Path prefix = Files.createTempDirectory("ort-profile").resolve("profile");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.enableProfiling(prefix.toString());
            try (OrtSession ort = env.createSession(files.onnx().toString(), options);
                 OnnxTensor ortInput = OnnxTensor.createTensor(env, FloatBuffer.wrap(files.image()), files.shape(1))) {
                Map<String, OnnxTensor> feed = Map.of(ort.getInputNames().iterator().next(), ortInput);
                // The raw graph output (probabilities for the seed, which ends in a softmax; logits otherwise).
                files.check("vinfer", session.run(input).logits(0), files.reference(), "PyTorch");
                for (int i = 0; i < runs; i++) { // warm-up (the JIT compiles vinfer's kernels); ORT's first half is dropped below
                    session.run(input);
                    ort.run(feed).close();
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
                        ort.run(feed).close();
                    }
                }
                String file = ort.endProfiling();
                for (JsonNode e : new ObjectMapper().readTree(Path.of(file).toFile())) {
                    String name = e.path("name").asText();
                    if (e.path("cat").asText().equals("Node") && name.endsWith("_kernel_time")) {
                        perNode.computeIfAbsent(name, k -> new ArrayList<>()).add(e.path("dur").asDouble() / 1000.0);
                        opOf.putIfAbsent(name, e.path("args").path("op_name").asText());
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
        List<OrtNode> nodes = new ArrayList<>();
        double[] ort = new double[perNode.size()];
        double[] ortMin = new double[perNode.size()];
        int n = 0;
        for (Map.Entry<String, List<Double>> e : perNode.entrySet()) {
            List<Double> d = e.getValue();
            double[] measured = d.subList(d.size() / 2, d.size()).stream().mapToDouble(Double::doubleValue).toArray();
            nodes.add(new OrtNode(e.getKey().replaceFirst("_kernel_time$", ""), opOf.get(e.getKey())));
            ort[n] = median(measured);
            ortMin[n++] = Arrays.stream(measured).min().orElse(0);
        }
        return new Measured(steps, vinfer, vinferMin, nodes, ort, ortMin);
    }

    private static void print(String model, List<Row> rows, double[] vinfer, double[] ort, int threads, int runs, String statistic) {
        System.out.printf(Locale.ROOT, "%n#### %s, %d thread%s (%s of %d runs each, ms per image)%n%n", model, threads,
                threads == 1 ? "" : "s", statistic, runs);
        System.out.println("| step | vinfer op | vinfer ms | vinfer GFLOP/s | ONNX Runtime op | ONNX Runtime ms | ONNX Runtime GFLOP/s | vinfer / ORT |");
        System.out.println("|---|---|---:|---:|---|---:|---:|---:|");
        double vinferSum = 0;
        double ortSum = 0;
        int mismatches = 0;
        for (Row row : rows) {
            double v = row.steps().stream().mapToDouble(s -> vinfer[s]).sum();
            double o = row.nodes().stream().mapToDouble(n -> ort[n]).sum();
            vinferSum += v;
            ortSum += o;
            String mark = row.kindMatches() ? "" : " (?)";
            mismatches += row.kindMatches() ? 0 : 1;
            System.out.printf(Locale.ROOT, "| %s%s | %s | %.3f | %s | %s | %.3f | %s | %s |%n", row.label(), mark, row.description(), v,
                    gflops(row.multiplyAdds(), v), row.ortOps(), o, gflops(row.multiplyAdds(), o), o > 0 ? String.format(Locale.ROOT, "%.2fx", v / o) : "-");
        }
        System.out.printf(Locale.ROOT, "| **sum** | | %.3f | | | %.3f | | %.2fx |%n", vinferSum, ortSum, vinferSum / ortSum);
        if (mismatches > 0) {
            System.err.println(model + ": " + mismatches + " row(s) marked (?) pair operations of different kinds; the pairing by order is off there");
        }
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
