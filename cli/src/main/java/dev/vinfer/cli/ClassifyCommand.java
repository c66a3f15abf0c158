package dev.vinfer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vinfer.api.ClassScore;
import dev.vinfer.api.InferenceSession;
import dev.vinfer.api.Model;
import dev.vinfer.api.VinferException;
import dev.vinfer.image.ImageLoader;
import dev.vinfer.image.ImagePreprocessor;
import dev.vinfer.image.RgbImage;
import dev.vinfer.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code vinfer classify}: top-K labels for photos, as text or one JSON document. */
@Command(name = "classify",
        description = {"label photos (JPEG, PNG, BMP, GIF; directories are walked)",
                "",
                "Decodes each picture, centre-crops it to the model's aspect ratio, resizes it to the model's input size "
                        + "(Pillow-compatible antialiased bilinear), normalises it the way the model expects, and prints "
                        + "the K most probable classes. Directories are walked for .jpg/.jpeg/.png/.bmp/.gif files. "
                        + "A picture that cannot be read is reported and skipped; the exit code is then 1. "
                        + "Without --threads, a run of fewer than 32 pictures leaves two processors to the JIT compiler "
                        + "(at least one thread): its first inferences wait for compiled kernels.",
                ""})
final class ClassifyCommand extends Subcommand {
    @Mixin
    ModelOpening modelOptions;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5", converter = OptionValues.TopK.class,
            description = "classes per image, 1..classes")
    int top;

    @Option(names = "--json", description = "print one JSON document with results and timings")
    boolean json;

    @Option(names = "--labels", paramLabel = "FILE", converter = OptionValues.PathValue.class,
            description = "class names, one per line (default: the model's own)")
    Path labels;

    @Parameters(paramLabel = "IMAGE|DIR", arity = "0..*", converter = OptionValues.PathValue.class, showDefaultValue = Visibility.NEVER,
            description = "pictures, or directories to walk for pictures")
    List<Path> images = List.of();

    /** One image's outcome: its scores or its error, and where the time went. */
    record ImageResult(Path file, List<ClassScore> top, String error, double decodeMs, double inferenceMs) {
    }

    @Override
    protected int run(PrintStream out, PrintStream err) throws Exception {
        if (images.isEmpty()) {
            throw new UsageException("give at least one image or directory");
        }
        List<Path> files = ImageFiles.expand(images);
        if (files.isEmpty()) {
            throw new VinferException(images.stream().map(Path::toString).collect(Collectors.joining(", "))
                    + ": no images found (looked for " + String.join(", ", ImageFiles.EXTENSIONS) + ")");
        }
        modelOptions.withDefaultThreads(ShortRunThreads.threadsFor(files.size(), Runtime.getRuntime().availableProcessors()));
        ImagePrefetch decoder = ImagePrefetch.start(new ImageLoader(), files.getFirst()); // overlaps loading the model
        long loadStart = System.nanoTime();
        KernelWarmup warmup = KernelWarmup.start(modelOptions.options()); // overlaps loading the model
        try (Model model = modelOptions.open(def -> labels == null ? def : LabelFiles.apply(def, labels))) {
            double loadMs = (System.nanoTime() - loadStart) / 1e6;
            if (!model.isImageClassifier()) {
                throw new VinferException(modelOptions.path() + ": not an image classifier (one image input, one score vector per image); use 'vinfer run'");
            }
            LabelFiles.check(model, labels);
            warmup.close();
            if (top > model.classCount()) {
                throw new UsageException("--top " + top + " is more than the model's " + model.classCount() + " classes");
            }
            ImagePreprocessor preprocessor = ImagePreprocessor.forModel(model);
            InferenceSession session = model.newSession();
            List<ImageResult> results = new ArrayList<>();
            // A handful of images needs no bar: it would only flash by.
            ProgressBar progress = files.size() > 5 ? new ProgressBar(err, "classify") : null;
            for (Path file : files) {
                if (progress != null) {
                    progress.update((double) results.size() / files.size(), results.size() + "/" + files.size() + "  " + file.getFileName());
                }
                results.add(classify(file, decoder, preprocessor, session, top));
            }
            if (progress != null) {
                progress.finish(files.size() + "/" + files.size() + " images");
            }
            if (json) {
                printJson(out, modelOptions.path(), model, loadMs, results);
            } else {
                printText(out, err, results);
            }
            return results.stream().anyMatch(r -> r.error() != null) ? 1 : 0;
        }
    }

    private static ImageResult classify(Path file, ImagePrefetch decoder, ImagePreprocessor preprocessor, InferenceSession session, int top) {
        long start = System.nanoTime();
        try {
            RgbImage image = decoder.load(file);
            Tensor input = preprocessor.toTensor(image);
            long decoded = System.nanoTime();
            List<ClassScore> scores = session.run(input).topK(0, top);
            long done = System.nanoTime();
            return new ImageResult(file, scores, null, (decoded - start) / 1e6, (done - decoded) / 1e6);
        } catch (VinferException e) {
            return new ImageResult(file, List.of(), e.getMessage(), (System.nanoTime() - start) / 1e6, 0);
        }
    }

    private static void printText(PrintStream out, PrintStream err, List<ImageResult> results) {
        for (ImageResult r : results) {
            if (r.error() != null) {
                err.println("vinfer: skipped " + r.error());
                continue;
            }
            out.println(r.file());
            for (ClassScore s : r.top()) {
                out.printf(Locale.ROOT, "  %6.4f  %s (%d)%n", s.probability(), s.label(), s.index());
            }
        }
        long failed = results.stream().filter(r -> r.error() != null).count();
        if (failed > 0 && results.size() > 1) { // for one picture its own line says it all
            err.println("vinfer: " + failed + " of " + results.size() + " images could not be classified");
        }
    }

    private static void printJson(PrintStream out, Path modelPath, Model model, double loadMs, List<ImageResult> results) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", modelPath.toString());
        doc.put("network", model.graph().name());
        doc.put("backend", model.backendName());
        doc.put("threads", model.threads());
        doc.put("modelLoadMs", round(loadMs));
        List<Map<String, Object>> images = new ArrayList<>();
        for (ImageResult r : results) {
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("file", r.file().toString());
            if (r.error() != null) {
                image.put("error", r.error());
            } else {
                List<Map<String, Object>> top = new ArrayList<>();
                for (ClassScore s : r.top()) {
                    Map<String, Object> score = new LinkedHashMap<>();
                    score.put("index", s.index());
                    score.put("label", s.label());
                    score.put("probability", s.probability());
                    score.put("logit", s.logit());
                    top.add(score);
                }
                image.put("top", top);
            }
            image.put("timings", Map.of("decodeAndPreprocessMs", round(r.decodeMs()), "inferenceMs", round(r.inferenceMs())));
            images.add(image);
        }
        doc.put("images", images);
        doc.put("failed", results.stream().filter(r -> r.error() != null).count());
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
