package dev.vinfer.cli;

import dev.vinfer.api.Model;
import dev.vinfer.api.VinferException;
import dev.vinfer.io.Npy;
import dev.vinfer.io.NpyArray;
import dev.vinfer.io.UntrustedText;
import dev.vinfer.tensor.NdArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code vinfer run}: any model on {@code .npy} tensors in its own layout, outputs written as {@code .npy}. */
@Command(name = "run",
        description = {"run any model on .npy tensors and write its outputs as .npy",
                "",
                "Feeds each graph input from a .npy file (float32 or float64, any rank, in the model's own layout: "
                        + "NCHW for an ONNX image model) and writes the graph outputs named by --output. NAME=FILE "
                        + "names a graph input or output; a model with one input (or one output) also takes a bare "
                        + "FILE (write ./a=b.npy for a file whose name holds '='). 'vinfer info' lists the names.",
                ""})
final class RunCommand extends Subcommand {
    @Mixin
    ModelOpening modelOptions;

    @Option(names = "--input", paramLabel = "[NAME=]FILE", required = true,
            description = "a graph input from a .npy file; repeat for several inputs")
    List<String> inputs;

    @Option(names = "--output", paramLabel = "[NAME=]FILE", required = true,
            description = "where to write a graph output (.npy); repeat for several outputs")
    List<String> outputs;

    @Override
    protected int run(PrintStream out, PrintStream err) {
        try (Model model = modelOptions.open()) {
            Map<String, Path> inputFiles = bind(inputs, model.inputNames(), "input");
            Map<String, Path> outputFiles = bind(outputs, model.outputNames(), "output");
            for (Path file : outputFiles.values()) {
                List<Path> read = new ArrayList<>(inputFiles.values());
                read.add(modelOptions.path());
                OutputFiles.checkWritable(file, read.toArray(Path[]::new));
            }
            Map<String, NdArray> tensors = new LinkedHashMap<>();
            for (var e : inputFiles.entrySet()) {
                OutputFiles.checkReadable(e.getValue(), "a .npy file");
                NpyArray array = Npy.read(e.getValue());
                tensors.put(e.getKey(), NdArray.wrap(array.shape(), array.data()));
            }
            Map<String, NdArray> results;
            try {
                results = model.run(tensors);
            } catch (VinferException e) {
                throw new VinferException(describe(inputFiles) + ": " + e.getMessage(), e);
            }
            for (var e : outputFiles.entrySet()) {
                NdArray result = results.get(e.getKey());
                Npy.write(e.getValue(), new NpyArray(result.shape(), result.data()));
                err.printf("wrote %s: %s %s (backend %s)%n", e.getValue(), UntrustedText.name(e.getKey()), result.shapeText(),
                        model.backendName());
            }
        }
        return 0;
    }

    /**
     * Pairs each {@code [NAME=]FILE} with a graph value: {@code NAME=} when the text before the first
     * {@code =} names one (a file name may itself hold {@code =}), else the model's only value.
     */
    static Map<String, Path> bind(List<String> given, List<String> names, String kind) {
        Map<String, Path> bound = new LinkedHashMap<>();
        for (String text : given) {
            int eq = text.indexOf('=');
            String name;
            String file;
            String prefix = eq > 0 ? text.substring(0, eq) : "";
            if (!prefix.isEmpty() && names.contains(prefix)) {
                name = prefix;
                file = text.substring(eq + 1);
            } else if (!prefix.isEmpty() && !prefix.contains("/") && !prefix.contains(java.io.File.separator)) {
                // NAME=FILE with a name the model lacks is a typo, not a file called "NAME=FILE"
                // (write ./NAME=FILE for that).
                throw new UsageException("--" + kind + " " + OptionValues.shown(text) + " names no " + kind + " of the model; its "
                        + kind + "s are " + quoted(names));
            } else if (names.size() == 1) {
                name = names.getFirst();
                file = text;
            } else {
                throw new UsageException("--" + kind + " " + OptionValues.shown(text) + " names no " + kind + " of the model; its "
                        + kind + "s are " + quoted(names) + " (give NAME=FILE)");
            }
            if (file.isEmpty()) {
                throw new UsageException("--" + kind + " " + OptionValues.shown(text) + " needs a file name after '='");
            }
            Path path;
            try {
                path = Path.of(file);
            } catch (java.nio.file.InvalidPathException e) {
                throw new UsageException("--" + kind + " " + OptionValues.shown(text) + ": not a valid path (" + e.getReason() + ")");
            }
            if (bound.put(name, path) != null) {
                throw new UsageException("--" + kind + " " + OptionValues.shown(name) + " is given twice");
            }
        }
        if (kind.equals("input")) {
            for (String name : names) {
                if (!bound.containsKey(name)) {
                    throw new UsageException("missing --input for the model's input " + UntrustedText.name(name) + "; its inputs are " + quoted(names));
                }
            }
        }
        return bound;
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(UntrustedText::name).toList());
    }

    private static String describe(Map<String, Path> files) {
        return String.join(", ", files.values().stream().map(Path::toString).toList());
    }
}
