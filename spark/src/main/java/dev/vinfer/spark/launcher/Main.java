package dev.vinfer.spark.launcher;

import dev.vinfer.api.VinferException;
import dev.vinfer.api.Vinfer;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.spark.VinferSparkOptions;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code vinfer-spark classify}: classifies pictures with a Spark job and writes one row per file.
 * Exit codes as {@code vinfer}'s: 0 success, 1 failure (a picture could not be classified, a
 * missing model or input, Spark could not start or the job failed), 2 usage error. Every failure
 * is one line on stderr; {@code --verbose} adds the stack trace.
 */
public final class Main {
    static final String HELP = """
            Usage: vinfer-spark classify --model PATH --output DIR [--master URL] [--format json|parquet]
                                         [--top K] [--batch N] [--threads N] [--backend NAME]
                                         [--conf KEY=VALUE]... IMAGE|DIR...

            Classifies pictures on Apache Spark: each executor loads the model once, decodes and
            preprocesses its share of the pictures and runs them through the network in batches.
            Writes one row per file (path, top[index, label, probability], error) with Spark's own
            writer, then prints one summary line: files, failures, images per second.
            Local files and directories are listed like 'vinfer classify' lists them (directories
            walked for .jpg/.jpeg/.png/.bmp/.gif in any case); hdfs://, s3a://... locations are
            listed by Spark. A picture that cannot be decoded gets an error row; the exit code is then 1.

              --master URL     Spark master (default local[*]): local[N], spark://HOST:PORT, yarn, k8s://...
              --model PATH     model file or directory, readable at this path on every executor
              --output DIR     new directory for the results (must not exist)
              --format F       json (JSON lines, default) or parquet
              --top K          classes per picture (default 5)
              --batch N        pictures per forward pass, 1..4096 (default 8)
              --threads N      intra-op threads per executor model, 1..256 (default 1: Spark runs one task per core)
              --backend NAME   simd or scalar (default: the best usable one)
              --conf K=V       any Spark setting, e.g. --conf spark.executor.memory=4g (repeatable)
              --verbose        stack traces on failure
            """;
    private static final Set<String> VALUED = Set.of("master", "model", "output", "format", "top", "batch", "threads", "backend", "conf");
    private static final Set<String> FLAGS = Set.of("verbose", "help");
    /** Spark's log4j is pointed at our quiet configuration unless the user chose one. */
    static final String LOG_CONFIG = "dev/vinfer/spark/launcher/log4j2.properties";

    public static void main(String[] argv) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        int code = new Main().run(List.of(argv), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    int run(List<String> argv, PrintStream out, PrintStream err) {
        if (argv.isEmpty() || Set.of("--help", "-h", "help").contains(argv.getFirst())) {
            out.print(HELP);
            return argv.isEmpty() ? 2 : 0;
        }
        if (!argv.getFirst().equals("classify")) {
            err.println("vinfer-spark: unknown command '" + argv.getFirst() + "'; the command is: classify");
            return 2;
        }
        boolean verbose = argv.contains("--verbose");
        try {
            LauncherArgs args = LauncherArgs.parse(argv.subList(1, argv.size()), VALUED, FLAGS);
            if (args.flag("help")) {
                out.print(HELP);
                return 0;
            }
            return classify(args, out, err);
        } catch (UsageException e) {
            err.println("vinfer-spark classify: " + e.getMessage());
            err.println("Try 'vinfer-spark classify --help'.");
            return 2;
        } catch (VinferException e) {
            err.println("vinfer-spark: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return 1;
        } catch (Exception | Error e) {
            err.println("vinfer-spark: " + Failures.oneLine(e) + (verbose ? "" : " (run with --verbose for details)"));
            if (verbose) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private int classify(LauncherArgs args, PrintStream out, PrintStream err) {
        if (args.positionals().isEmpty()) {
            throw new UsageException("give at least one image or directory");
        }
        String master = args.string("master", "local[*]");
        Masters.check(master);
        String format = args.string("format", "json").toLowerCase(Locale.ROOT);
        if (!format.equals("json") && !format.equals("parquet")) {
            throw new UsageException("--format must be json or parquet, got '" + args.string("format", "") + "'");
        }
        int top = args.integer("top", VinferSparkOptions.DEFAULT_TOP_K, 1, Integer.MAX_VALUE);
        int batch = args.integer("batch", VinferSparkOptions.DEFAULT_BATCH_SIZE, 1, VinferSparkOptions.MAX_BATCH_SIZE);
        int threads = args.integer("threads", 1, 1, VinferSparkOptions.MAX_THREADS);
        String model = args.required("model");
        String output = args.required("output");
        List<String[]> confs = new ArrayList<>();
        for (String conf : args.confs()) {
            int eq = conf.indexOf('=');
            if (eq < 1) {
                throw new UsageException("--conf needs KEY=VALUE, got '" + conf + "'");
            }
            confs.add(new String[] {conf.substring(0, eq), conf.substring(eq + 1)});
        }

        // Everything that can be checked on the driver is checked before Spark starts (seconds).
        int classes;
        try (Model network = Vinfer.load(Path.of(model), ModelOptions.defaults().withBackend("scalar").withThreads(1))) {
            if (!network.isImageClassifier()) {
                throw new VinferException(model + ": not an image classifier (one image input, one score vector per image)");
            }
            classes = network.classCount();
        }
        if (top > classes) {
            throw new UsageException("--top " + top + " is more than the model's " + classes + " classes");
        }
        if (!output.contains("://") && Files.exists(Path.of(output))) {
            throw new VinferException(output + ": already exists; give a new directory for the results");
        }
        InputFiles inputs = InputFiles.expand(args.positionals());
        for (Path skipped : inputs.unreadable()) {
            err.println("vinfer-spark: skipped " + skipped + ": not readable");
        }
        // The path as given: on YARN or Kubernetes a file shipped with --files/--archives sits at the
        // same relative path in every container's working directory, not at the driver's absolute one.
        VinferSparkOptions options = new VinferSparkOptions(model, top, batch, threads, args.string("backend", null));

        long startNanos = System.nanoTime();
        SparkSession spark = startSpark(master, confs);
        double startSeconds = (System.nanoTime() - startNanos) / 1e9;
        try {
            ClassifyJob.Outcome outcome;
            if (inputs.localFiles().isEmpty() && inputs.remote().isEmpty()) {
                outcome = new ClassifyJob.Outcome(0, 0, 0);
            } else {
                outcome = ClassifyJob.run(spark, inputs, options, output, format);
            }
            long files = outcome.files() + inputs.unreadable().size();
            long failures = outcome.failures() + inputs.unreadable().size();
            out.printf(Locale.ROOT, "vinfer-spark: %d files, %d failures, %.1f images/s (classify + write %.2f s, Spark start %.2f s, %s) -> %s%n",
                    files, failures, outcome.jobSeconds() > 0 ? outcome.files() / outcome.jobSeconds() : 0.0,
                    outcome.jobSeconds(), startSeconds, master, output);
            return failures > 0 ? 1 : 0;
        } finally {
            spark.stop();
        }
    }

    private static SparkSession startSpark(String master, List<String[]> confs) {
        SparkSession.Builder builder = SparkSession.builder().appName("vinfer-spark classify").master(master)
                .config("spark.ui.enabled", "false");
        if (Masters.isLocal(master)) {
            // Local mode talks only to itself.
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        for (String[] conf : confs) {
            builder.config(conf[0], conf[1]);
        }
        try {
            return builder.getOrCreate();
        } catch (Exception | Error e) {
            throw new VinferException("cannot start Spark with --master " + master + ": " + Failures.oneLine(e), e);
        }
    }
}
