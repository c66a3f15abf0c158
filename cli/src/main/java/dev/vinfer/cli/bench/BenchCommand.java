package dev.vinfer.cli.bench;

import dev.vinfer.api.BackendInfo;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.api.VinferException;
import dev.vinfer.cli.OptionValues;
import dev.vinfer.cli.ProgressBar;
import dev.vinfer.cli.Subcommand;
import dev.vinfer.cli.UsageException;
import dev.vinfer.cli.bench.BenchReport.ConfigResult;
import dev.vinfer.cli.bench.BenchReport.LayerInfo;
import dev.vinfer.cli.bench.BenchReport.ModelSummary;
import dev.vinfer.graph.Graph;
import dev.vinfer.graph.ModelMetadata;
import dev.vinfer.graph.ValueInfo;
import dev.vinfer.plan.ExecutionPlan;
import dev.vinfer.plan.Step;
import dev.vinfer.tensor.TensorShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code vinfer bench}: times a model on every (backend, threads, batch) asked for, against the
 * machine's calibrated FMA peak, optionally per layer, and writes a Markdown, JSON or HTML report.
 */
@Command(name = "bench",
        description = {"time a model per backend, thread count and batch size; per-layer profile; reports",
                "",
                "Times inference on every combination of the backends, thread counts and batch sizes given, and "
                        + "prints per image: the median, 10th and 90th percentile time, images per second, GFLOP/s "
                        + "(2 x the multiply-adds of convolution and dense layers) and the share of this machine's FMA "
                        + "peak. The peak is measured first (" + BenchCommand.CALIBRATION_SECONDS + " s): a Vector API "
                        + "loop of independent fma chains on one thread (a scalar Math.fma loop where the Vector API is "
                        + "absent, said so in the output); the peak for N threads is min(N, processors) times that.",
                "",
                "Without --model it runs a built-in MobileNet V1 1.0-" + BenchCommand.DEFAULT_INPUT_SIZE + " ("
                        + BenchCommand.SYNTHETIC_CLASSES + " classes) with deterministic synthetic weights, so it works "
                        + "out of the box.",
                ""},
        footer = {"", "A progress bar is drawn on stderr (one line, redrawn in place); results go to stdout."})
public final class BenchCommand extends Subcommand {
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
    /** The options that take a value, in the order the report's command line lists them. */
    private static final List<String> VALUED = List.of("--model", "--backend", "--threads", "--batch", "--warmup",
            "--iterations", "--width", "--input-size", "--report");

    @Option(names = "--model", paramLabel = "PATH", converter = OptionValues.PathValue.class,
            description = "model file or directory (default: the built-in synthetic model)")
    Path model;

    @Option(names = "--width", paramLabel = "A", defaultValue = "" + DEFAULT_WIDTH, converter = Width.class,
            description = "width multiplier of the built-in model, 0.05..2")
    double width;

    @Option(names = "--input-size", paramLabel = "N", converter = InputSize.class,
            description = "input height and width, 16..2048 (default " + DEFAULT_INPUT_SIZE + ", or the model's own)")
    Integer inputSize;

    @Option(names = "--backend", paramLabel = "A,B",
            description = "backends to compare (default: every usable one; see 'vinfer backends')")
    String backend;

    @Option(names = "--threads", paramLabel = "1,2", converter = Threads.class,
            description = "intra-op thread counts, each 1.." + MAX_THREADS + " (default: 1 and the processor count)")
    OptionValues.IntList threads;

    @Option(names = "--batch", paramLabel = "1,8", defaultValue = "1", converter = Batches.class,
            description = "batch sizes, each 1.." + MAX_BATCH + "; times are per image")
    OptionValues.IntList batch;

    @Option(names = "--warmup", paramLabel = "N", converter = Warmup.class,
            description = "warm-up runs per configuration, 0..10000 (default: runs for " + (int) WARMUP_SECONDS
                    + " s, at least one)")
    Integer warmup;

    @Option(names = "--iterations", paramLabel = "N", converter = Iterations.class,
            description = "measured runs per configuration, 1..100000 (default: runs for " + (int) MEASURE_SECONDS
                    + " s, at least " + MIN_RUNS + ", so the slow scalar backend runs a few times and fast ones many)")
    Integer iterations;

    @Option(names = "--profile",
            description = "also time each layer (median over the runs) and print a table per configuration: ms per "
                    + "image, GFLOP/s and share of the total (costs two clock reads per layer and run)")
    boolean profile;

    @Option(names = "--report", paramLabel = "FILE", converter = OptionValues.PathValue.class,
            description = "write a report: .md (with a per-layer chart FILE.svg beside it), .json, or .html (chart "
                    + "inline); .md and .html imply --profile. Checked for writability before measuring; written atomically.")
    Path report;

    static final class Width extends OptionValues.DoubleRange {
        Width() {
            super(0.05, 2.0);
        }
    }

    static final class InputSize extends OptionValues.IntRange {
        InputSize() {
            super(16, 2048);
        }
    }

    static final class Threads extends OptionValues.IntListRange {
        Threads() {
            super(1, MAX_THREADS);
        }
    }

    static final class Batches extends OptionValues.IntListRange {
        Batches() {
            super(1, MAX_BATCH);
        }
    }

    static final class Warmup extends OptionValues.IntRange {
        Warmup() {
            super(0, 10_000);
        }
    }

    static final class Iterations extends OptionValues.IntRange {
        Iterations() {
            super(1, 100_000);
        }
    }

    /** The validated options. */
    record Options(Path model, double width, Integer inputSize, List<String> backends, List<Integer> threads,
                   List<Integer> batches, ConfigRunner.Budget budget, boolean printProfile, boolean profile, Path report) {
    }

    /** The options that depend on each other or on the machine, checked and completed. */
    Options options() {
        if (model != null && given("--width")) {
            throw new UsageException("--width applies to the built-in synthetic model, not to --model");
        }
        List<Integer> threadCounts;
        if (threads == null) {
            int processors = Runtime.getRuntime().availableProcessors();
            threadCounts = processors == 1 ? List.of(1) : List.of(1, Math.min(processors, MAX_THREADS));
        } else {
            threadCounts = threads.values();
        }
        List<String> backends = new ArrayList<>();
        if (backend != null) {
            for (String b : backend.split(",", -1)) {
                String name = b.trim().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    throw new UsageException("--backend must be a comma-separated list of names, got '" + OptionValues.shown(backend) + "'");
                }
                if (!backends.contains(name)) {
                    backends.add(name);
                }
            }
        }
        var budget = new ConfigRunner.Budget(warmup == null ? -1 : warmup, WARMUP_SECONDS,
                iterations == null ? -1 : iterations, MEASURE_SECONDS, MIN_RUNS, MAX_RUNS);
        boolean chart = report != null && ReportFiles.formatOf(report) != ReportFiles.Format.JSON;
        return new Options(model, width, inputSize, List.copyOf(backends), threadCounts, batch.values(), budget, profile,
                profile || chart, report);
    }

    @Override
    protected int run(PrintStream out, PrintStream err) {
        Options options = options();
        String started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        if (options.report() != null) {
            ReportFiles.checkWritable(options.report(), options.model());
        }
        List<BackendInfo> found = Vinfer.backends();
        List<String> backends = chooseBackends(options.backends(), found, err);
        Graph graph = graph(options);
        // The summary compiles the model on the reference backend only to list its layers: its
        // "backend scalar chosen" line would tell a user that scalar is what bench is about to time.
        ModelSummary model = withEngineInfoOff(() -> summary(graph, options.model()));
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
        // The per-compile "backend X chosen" lines would break the bar.
        withEngineInfoOff(() -> {
            int done = 0;
            for (String backend : backends) {
                for (int threads : options.threads()) {
                    try (Model compiled = Vinfer.compile(graph, ModelOptions.defaults().withBackend(backend).withThreads(threads))) {
                        for (int batch : options.batches()) {
                            String label = backend + ", " + threads + (threads == 1 ? " thread" : " threads") + ", batch " + batch;
                            String step = "[" + (done + 1) + "/" + configs + "] " + label + ": ";
                            double base = done + 0.1;
                            var timings = ConfigRunner.run(compiled, batch, options.budget(), options.profile(),
                                    (f, status) -> bar.update((base + f) / units, step + status));
                            results.add(Analysis.result(backend, threads, batch, timings, model, peak));
                            done++;
                        }
                    }
                }
            }
            return null;
        });
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
            BenchReport report = new BenchReport(started, commandLine(), machine, peak, model, found, results, options.profile());
            List<Path> written = ReportFiles.write(options.report(), report);
            err.println("wrote " + written.stream().map(Path::toString).collect(Collectors.joining(" and ")));
        }
        return 0;
    }

    /** Runs {@code work} with the engine's info lines off, unless --verbose turned its debug lines on. */
    static <T> T withEngineInfoOff(Supplier<T> work) {
        Logger engineLog = Logger.getLogger("dev.vinfer");
        Level logLevel = engineLog.getLevel();
        boolean verbose = logLevel != null && logLevel.intValue() <= Level.FINE.intValue();
        if (!verbose) {
            engineLog.setLevel(Level.WARNING);
        }
        try {
            return work.get();
        } finally {
            engineLog.setLevel(logLevel);
        }
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

    /** The model to time: --model, or the built-in synthetic MobileNet, at --input-size when given. */
    static Graph graph(Options options) {
        if (options.model() == null) {
            int size = options.inputSize() == null ? DEFAULT_INPUT_SIZE : options.inputSize();
            // The built-in synthetic MobileNet comes through the model-provider SPI (model-mobilenet's
            // BuiltinMobileNetProvider: 1000 classes, seed 42), so the CLI does not link against it.
            return Vinfer.read("builtin:mobilenet_v1_" + options.width() + "_" + size);
        }
        Graph graph = Vinfer.read(options.model());
        if (options.inputSize() == null) {
            return graph;
        }
        int size = options.inputSize();
        if (graph.inputs().size() != 1 || graph.inputs().getFirst().rank() != 4) {
            throw new VinferException(options.model() + ": --input-size needs a model with one image input [N, C, H, W]");
        }
        ValueInfo input = graph.inputs().getFirst();
        int[] dims = input.dims();
        dims[2] = size;
        dims[3] = size;
        ModelMetadata m = graph.metadata();
        return graph.withInputs(List.of(new ValueInfo(input.name(), dims)))
                .withMetadata(new ModelMetadata(m.labels(), m.preprocessing(), size));
    }

    /**
     * The model's shapes and arithmetic, from its plan on the reference backend: it runs every node
     * unfused, so its steps name every layer the reports' charts line the configurations up against.
     */
    static ModelSummary summary(Graph graph, Path source) {
        try (Model model = Vinfer.compile(graph, ModelOptions.defaults().withBackend("scalar").withThreads(1))) {
            if (!model.isImageClassifier()) {
                throw new VinferException((source == null ? graph.name() : source.toString())
                        + ": vinfer bench times image classifiers (one image input, one score vector per image)");
            }
            ExecutionPlan plan = model.defaultPlan().orElseThrow(() -> new VinferException(graph.name() + ": the input size is not known; give --input-size"));
            List<LayerInfo> layers = new ArrayList<>();
            long total = 0;
            for (Step step : plan.steps()) {
                total += step.multiplyAdds();
                layers.add(new LayerInfo(step.name(), step.description(), step.multiplyAdds()));
            }
            TensorShape in = model.inputShape();
            return new ModelSummary(graph.name(), in.h(), in.w(), in.c(), model.classCount(), total, List.copyOf(layers));
        } catch (VinferException e) {
            throw source == null || e.getMessage().startsWith(source.toString()) ? e : new VinferException(source + ": " + e.getMessage(), e);
        }
    }

    /** The command line in canonical form (options in a fixed order, values as typed), for reports. */
    String commandLine() {
        ParseResult parsed = spec.commandLine().getParseResult();
        StringBuilder b = new StringBuilder("vinfer bench");
        for (String name : VALUED) {
            if (parsed.hasMatchedOption(name)) {
                String v = parsed.matchedOption(name).originalStringValues().getLast();
                b.append(' ').append(name).append(' ').append(quote(v));
            }
        }
        if (profile) {
            b.append(" --profile");
        }
        return b.toString();
    }

    private static String quote(String v) {
        return v.matches("[A-Za-z0-9_./,:=+-]+") ? v : "'" + v.replace("'", "'\\''") + "'";
    }
}
