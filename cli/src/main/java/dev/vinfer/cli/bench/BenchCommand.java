package dev.vinfer.cli.bench;

import dev.vinfer.api.BackendInfo;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.api.VinferException;
import dev.vinfer.cli.Args;
import dev.vinfer.cli.Command;
import dev.vinfer.cli.ProgressBar;
import dev.vinfer.cli.UsageException;
import dev.vinfer.cli.bench.BenchReport.ConfigResult;
import dev.vinfer.cli.bench.BenchReport.LayerInfo;
import dev.vinfer.cli.bench.BenchReport.ModelSummary;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.mobilenet.MobileNetV1;
import dev.vinfer.tensor.TensorShape;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * {@code vinfer bench}: times a model on every (backend, threads, batch) asked for, against the
 * machine's calibrated FMA peak, optionally per layer, and writes a Markdown, JSON or HTML report.
 */
public final class BenchCommand implements Command {
    static final double DEFAULT_WIDTH = 1.0;
    static final int DEFAULT_INPUT_SIZE = 224;
    static final int SYNTHETIC_CLASSES = 1000;
    static final long SYNTHETIC_SEED = 42;
    static final double WARMUP_SECONDS = 1.0;
    static final double MEASURE_SECONDS = 3.0;
    static final int MIN_RUNS = 3;
    static final int MAX_RUNS = 10_000;
    static final double CALIBRATION_SECONDS = 0.3;
    static final int MAX_THREADS = 256;
    static final int MAX_BATCH = 512;
    private static final List<String> VALUED = List.of("model", "backend", "threads", "batch", "warmup", "iterations",
            "width", "input-size", "report");

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "time a model per backend, thread count and batch size; per-layer profile; reports";
    }

    @Override
    public String help() {
        return """
                Usage: vinfer bench [--model PATH] [--backend A,B] [--threads 1,2] [--batch 1,8]
                                    [--warmup N] [--iterations N] [--profile] [--report FILE]
                                    [--width A] [--input-size N]

                Times inference on every combination of the backends, thread counts and batch sizes
                given, and prints per image: the median, 10th and 90th percentile time, images per
                second, GFLOP/s (2 x the multiply-adds of convolution and dense layers) and the share
                of this machine's FMA peak. The peak is measured first (%.1f s): a Vector API loop of
                independent fma chains on one thread (a scalar Math.fma loop where the Vector API is
                absent, said so in the output); the peak for N threads is min(N, processors) times that.

                Without --model it runs a built-in MobileNet V1 %.1f-%d (%d classes) with deterministic
                synthetic weights, so it works out of the box.

                  --model PATH       model file or directory (default: the built-in synthetic model)
                  --width A          width multiplier of the built-in model, 0.05..2 (default %.1f)
                  --input-size N     input height and width, 16..2048 (default %d, or the model's own)
                  --backend A,B      backends to compare (default: every usable one; see 'vinfer backends')
                  --threads 1,2      intra-op thread counts, each 1..%d (default: 1 and the processor count)
                  --batch 1,8        batch sizes, each 1..%d (default: 1); times are per image
                  --warmup N         warm-up runs per configuration, 0..10000
                                     (default: runs for %.0f s, at least one)
                  --iterations N     measured runs per configuration, 1..100000 (default: runs for
                                     %.0f s, at least %d, so the slow scalar backend runs a few times
                                     and fast ones many)
                  --profile          also time each layer (median over the runs) and print a table
                                     per configuration: ms per image, GFLOP/s and share of the total
                                     (costs two clock reads per layer and run)
                  --report FILE      write a report: .md (with a per-layer chart FILE.svg beside it),
                                     .json, or .html (chart inline); .md and .html imply --profile.
                                     Checked for writability before measuring; written atomically.

                A progress bar is drawn on stderr (one line, redrawn in place); results go to stdout.
                """.formatted(CALIBRATION_SECONDS, DEFAULT_WIDTH, DEFAULT_INPUT_SIZE, SYNTHETIC_CLASSES, DEFAULT_WIDTH,
                DEFAULT_INPUT_SIZE, MAX_THREADS, MAX_BATCH, WARMUP_SECONDS, MEASURE_SECONDS, MIN_RUNS);
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.copyOf(VALUED);
    }

    @Override
    public Set<String> flags() {
        return Set.of("profile");
    }

    /** The validated options. */
    record Options(Path model, double width, Integer inputSize, List<String> backends, List<Integer> threads,
                   List<Integer> batches, ConfigRunner.Budget budget, boolean printProfile, boolean profile, Path report) {
    }

    static Options parse(Args args) {
        if (!args.positionals().isEmpty()) {
            throw new UsageException("bench takes no positional arguments, got '" + args.positionals().getFirst() + "'");
        }
        Path model = args.path("model");
        double width = DEFAULT_WIDTH;
        if (args.string("width") != null) {
            if (model != null) {
                throw new UsageException("--width applies to the built-in synthetic model, not to --model");
            }
            width = decimal(args, "width", 0.05, 2.0);
        }
        Integer inputSize = args.string("input-size") == null ? null : args.integer("input-size", 0, 16, 2048);
        List<Integer> threads = intList(args, "threads", 1, MAX_THREADS);
        if (threads.isEmpty()) {
            int processors = Runtime.getRuntime().availableProcessors();
            threads = processors == 1 ? List.of(1) : List.of(1, Math.min(processors, MAX_THREADS));
        }
        List<Integer> batches = intList(args, "batch", 1, MAX_BATCH);
        if (batches.isEmpty()) {
            batches = List.of(1);
        }
        List<String> backends = new ArrayList<>();
        if (args.string("backend") != null) {
            for (String b : args.string("backend").split(",", -1)) {
                String name = b.trim().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    throw new UsageException("--backend must be a comma-separated list of names, got '" + args.string("backend") + "'");
                }
                if (!backends.contains(name)) {
                    backends.add(name);
                }
            }
        }
        int warmup = args.integer("warmup", -1, 0, 10_000);
        int iterations = args.integer("iterations", -1, 1, 100_000);
        var budget = new ConfigRunner.Budget(warmup, WARMUP_SECONDS, iterations, MEASURE_SECONDS, MIN_RUNS, MAX_RUNS);
        Path report = args.path("report");
        boolean chart = report != null && ReportFiles.formatOf(report) != ReportFiles.Format.JSON;
        boolean printProfile = args.flag("profile");
        return new Options(model, width, inputSize, List.copyOf(backends), threads, batches, budget, printProfile,
                printProfile || chart, report);
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        Options options = parse(args);
        String started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        if (options.report() != null) {
            ReportFiles.checkWritable(options.report(), options.model());
        }
        List<BackendInfo> found = Vinfer.backends();
        List<String> backends = chooseBackends(options.backends(), found, err);
        NetworkDefinition definition = definition(options);
        ModelSummary model = summary(definition);
        Machine machine = Machine.detect();

        ConsoleReport.model(out, model, machine);
        out.println("backends: " + found.stream().map(b -> b.name() + (b.usable() ? "" : " (not usable)") + ": " + b.detail())
                .collect(Collectors.joining("; ")));
        out.flush();

        int processors = Runtime.getRuntime().availableProcessors();
        options.threads().stream().filter(t -> t > processors).findFirst().ifPresent(t -> err.println(
                "vinfer bench: note: " + t + " threads on " + processors + " processors; the threads will take turns"));
        int configs = backends.size() * options.threads().size() * options.batches().size();
        double units = configs + 0.1; // the calibration weighs a tenth of a configuration
        ProgressBar bar = new ProgressBar(err, "bench");
        PeakFlops.Peak peak = PeakFlops.measure(CALIBRATION_SECONDS, f -> bar.update(0.1 * f / units, "calibrating the FMA peak"));

        List<ConfigResult> results = new ArrayList<>();
        Logger engineLog = Logger.getLogger("dev.vinfer");
        Level logLevel = engineLog.getLevel();
        boolean verbose = logLevel != null && logLevel.intValue() <= Level.FINE.intValue();
        if (!verbose) {
            engineLog.setLevel(Level.WARNING); // the per-compile "backend X chosen" lines would break the bar
        }
        try {
            int done = 0;
            for (String backend : backends) {
                for (int threads : options.threads()) {
                    try (Model compiled = Vinfer.compile(definition, ModelOptions.defaults().withBackend(backend).withThreads(threads))) {
                        for (int batch : options.batches()) {
                            String label = backend + ", " + threads + (threads == 1 ? " thread" : " threads") + ", batch " + batch;
                            String step = "[" + (done + 1) + "/" + configs + "] " + label + ": ";
                            double base = done + 0.1;
                            var timings = ConfigRunner.run(compiled, batch, options.budget(), options.profile(),
                                    (f, status) -> bar.update((base + f) / units, step + status));
                            results.add(Analysis.result(backend, threads, batch, timings, model, peak, compiled.layerBackends(), compiled.steps()));
                            done++;
                        }
                    }
                }
            }
        } finally {
            engineLog.setLevel(logLevel);
        }
        bar.finish(configs + (configs == 1 ? " configuration" : " configurations") + " measured");

        ConsoleReport.peak(out, peak);
        out.println();
        ConsoleReport.results(out, results);
        if (options.printProfile()) {
            for (ConfigResult r : results) {
                ConsoleReport.profile(out, r);
            }
        }
        if (options.report() != null) {
            BenchReport report = new BenchReport(started, commandLine(args), machine, peak, model, found, results, options.profile());
            List<Path> written = ReportFiles.write(options.report(), report);
            err.println("wrote " + written.stream().map(Path::toString).collect(Collectors.joining(" and ")));
        }
        return 0;
    }

    /** The backends asked for, each known and usable; or every usable one. */
    static List<String> chooseBackends(List<String> requested, List<BackendInfo> found, PrintStream err) {
        String known = found.stream().map(BackendInfo::name).collect(Collectors.joining(", "));
        if (requested.isEmpty()) {
            List<String> usable = found.stream().filter(BackendInfo::usable).map(BackendInfo::name).toList();
            if (usable.isEmpty()) {
                throw new VinferException("no usable backend found; backends: " + (known.isEmpty() ? "none" : known));
            }
            return usable;
        }
        for (String name : requested) {
            BackendInfo info = found.stream().filter(b -> b.name().equals(name)).findFirst()
                    .orElseThrow(() -> new VinferException("unknown backend '" + name + "'; available: " + known));
            if (!info.usable()) {
                throw new VinferException("backend '" + name + "' cannot run here: " + info.detail());
            }
        }
        return requested;
    }

    static NetworkDefinition definition(Options options) {
        NetworkDefinition def;
        if (options.model() == null) {
            int size = options.inputSize() == null ? DEFAULT_INPUT_SIZE : options.inputSize();
            try {
                def = MobileNetV1.synthetic(options.width(), size, SYNTHETIC_CLASSES, SYNTHETIC_SEED);
            } catch (IllegalArgumentException e) {
                throw new VinferException("cannot build MobileNet V1 " + options.width() + " at " + size + "x" + size + ": " + e.getMessage());
            }
            return def;
        }
        def = Vinfer.read(options.model());
        if (options.inputSize() != null) {
            int size = options.inputSize();
            try {
                def = def.withInputSize(size, size);
            } catch (IllegalArgumentException e) {
                throw new VinferException(options.model() + ": cannot run at " + size + "x" + size + ": " + e.getMessage());
            }
        }
        return def;
    }

    static ModelSummary summary(NetworkDefinition def) {
        List<TensorShape> shapes = def.shapes();
        List<LayerInfo> layers = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < def.layers().size(); i++) {
            var layer = def.layers().get(i);
            long macs = layer.multiplyAdds(shapes.get(i));
            total += macs;
            layers.add(new LayerInfo(layer.name(), layer.describe(), macs));
        }
        layers.add(new LayerInfo("softmax", "softmax", 0));
        TensorShape in = def.inputShape();
        String name = def.name();
        return new ModelSummary(name, in.h(), in.w(), in.c(), def.classCount(), total, List.copyOf(layers));
    }

    /** The command line in canonical form (options in a fixed order), for reports. */
    static String commandLine(Args args) {
        StringBuilder b = new StringBuilder("vinfer bench");
        for (String name : VALUED) {
            String v = args.string(name);
            if (v != null) {
                b.append(" --").append(name).append(' ').append(quote(v));
            }
        }
        if (args.flag("profile")) {
            b.append(" --profile");
        }
        return b.toString();
    }

    private static String quote(String v) {
        return v.matches("[A-Za-z0-9_./,:=+-]+") ? v : "'" + v.replace("'", "'\\''") + "'";
    }

    private static double decimal(Args args, String name, double min, double max) {
        String v = args.string(name);
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, got '" + v + "'");
        }
        if (!(d >= min && d <= max)) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + v);
        }
        return d;
    }

    /** A comma-separated list of whole numbers within [min, max], duplicates dropped; empty when absent. */
    private static List<Integer> intList(Args args, String name, int min, int max) {
        String v = args.string(name);
        if (v == null) {
            return List.of();
        }
        Set<Integer> values = new LinkedHashSet<>();
        for (String part : v.split(",", -1)) {
            int n;
            try {
                n = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a comma-separated list of whole numbers, got '" + v + "'");
            }
            if (n < min || n > max) {
                throw new UsageException("--" + name + " values must be between " + min + " and " + max + ", got " + n);
            }
            values.add(n);
        }
        return List.copyOf(values);
    }
}
