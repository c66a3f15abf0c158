package dev.vinfer.cli;

import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.api.VinferException;
import dev.vinfer.graph.Graph;
import dev.vinfer.graph.Node;
import dev.vinfer.graph.ValueInfo;
import dev.vinfer.plan.ExecutionPlan;
import dev.vinfer.plan.PlannedValue;
import dev.vinfer.plan.Step;
import dev.vinfer.tensor.NdArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code vinfer info}: the graph as the engine runs it, with shapes, arithmetic, parameters and memory. */
@Command(name = "info",
        description = {"show a model's graph: operators, shapes, parameters, multiply-adds, activation memory",
                "",
                "Prints one row per step of the plan the engine makes for the model (after its passes fold "
                        + "BatchNorm and fuse activations and residual additions): operator, output shape in the "
                        + "model's own layout, parameters and multiply-adds, then the totals and the peak "
                        + "activation memory of one inference.",
                ""})
final class InfoCommand extends Subcommand {
    @Option(names = "--model", paramLabel = "PATH", required = true, converter = OptionValues.PathValue.class,
            description = "model file or directory")
    Path model;

    @Option(names = "--input-size", paramLabel = "H[xW]", converter = InputSizeValue.class,
            description = "compute for another input size (default: the model's own)")
    InputSize inputSize;

    record InputSize(int height, int width) {
    }

    /** {@code N} or {@code HxW}, 1..8192 pixels per side. */
    static final class InputSizeValue implements ITypeConverter<InputSize> {
        @Override
        public InputSize convert(String text) {
            String[] parts = text.toLowerCase(Locale.ROOT).split("x", -1);
            try {
                int h = Integer.parseInt(parts[0].trim());
                int w = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : h;
                if (parts.length > 2 || h < 1 || w < 1 || h > 8192 || w > 8192) {
                    throw new NumberFormatException();
                }
                return new InputSize(h, w);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("must be N or HxW with 1..8192 pixels per side, got '" + OptionValues.shown(text) + "'");
            }
        }
    }

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1", converter = OptionValues.Batch.class,
            description = "batch size the plan is made for (activation memory grows with it)")
    int batch;

    @Override
    protected int run(PrintStream out, PrintStream err) {
        Graph graph = Vinfer.read(model);
        // The scalar backend runs every operator: the plan shows the graph after the passes, shapes,
        // arithmetic and memory, whatever backend a later run picks.
        try (Model compiled = Vinfer.compile(graph, ModelOptions.defaults().withBackend("scalar").withThreads(1))) {
            Map<String, int[]> shapes = inputShapes(compiled);
            ExecutionPlan plan;
            try {
                plan = compiled.plan(shapes);
            } catch (VinferException e) {
                throw new VinferException(model + ": " + e.getMessage(), e);
            }
            print(compiled, plan, out);
        } catch (VinferException e) {
            throw e.getMessage().startsWith(model.toString()) ? e : new VinferException(model + ": " + e.getMessage(), e);
        }
        return 0;
    }

    private Map<String, int[]> inputShapes(Model compiled) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (ValueInfo input : compiled.graph().inputs()) {
            if (!input.hasShape()) {
                throw new VinferException("input '" + input.name() + "' has no declared shape");
            }
            int[] dims = input.dims();
            if (dims.length > 0) {
                dims[0] = dims[0] == ValueInfo.UNKNOWN || batch != 1 ? batch : dims[0];
            }
            if (dims.length == 4) {
                int size = compiled.graph().metadata().imageSize() > 0 ? compiled.graph().metadata().imageSize() : 224;
                dims[2] = inputSize != null ? inputSize.height() : dims[2] == ValueInfo.UNKNOWN ? size : dims[2];
                dims[3] = inputSize != null ? inputSize.width() : dims[3] == ValueInfo.UNKNOWN ? size : dims[3];
            } else if (inputSize != null) {
                throw new UsageException("--input-size applies to image inputs [N, C, H, W]; input '" + input.name() + "' has rank " + dims.length);
            }
            for (int d : dims) {
                if (d == ValueInfo.UNKNOWN) {
                    throw new VinferException("input '" + input.name() + "' has a dimension of unknown size: " + input);
                }
            }
            shapes.put(input.name(), dims);
        }
        return shapes;
    }

    /** One row per step of the plan (graph nodes after folding and fusion), then the totals. */
    static void print(Model model, ExecutionPlan plan, PrintStream out) {
        Map<String, Long> parameters = parametersByNode(model.graph());
        out.printf("%s: inputs %s, outputs %s%n", model.graph().name(), describe(plan.inputs()), describe(plan.outputs()));
        int nameWidth = Math.max(5, plan.steps().stream().mapToInt(st -> st.name().length()).max().orElse(5));
        nameWidth = Math.min(nameWidth, 40);
        String row = "%3s  %-" + nameWidth + "s %-26s %-20s %12s %15s%n";
        out.printf(row, "#", "node", "op", "output", "parameters", "multiply-adds");
        long params = 0;
        long macs = 0;
        int index = 0;
        for (Step step : plan.steps()) {
            String node = step.name().contains("#") ? step.name().substring(0, step.name().indexOf('#')) : step.name();
            long p = step.name().equals(node) ? parameters.getOrDefault(node, 0L) : 0;
            params += p;
            macs += step.multiplyAdds();
            String name = step.name().length() > nameWidth ? "..." + step.name().substring(step.name().length() - nameWidth + 3) : step.name();
            out.printf(row, ++index, name, step.description(), Arrays.toString(step.outputs().getFirst().logical()).replace(" ", ""),
                    String.format("%,d", p), String.format("%,d", step.multiplyAdds()));
        }
        out.printf(Locale.ROOT, "total: %.1f M multiply-adds, %.2f M parameters (%,d and %,d)%n",
                macs / 1e6, params / 1e6, macs, params);
        out.printf(Locale.ROOT, "peak activation memory: %.2f MB in %d buffers (inputs and outputs included)%n",
                plan.activationBytes() / 1e6, plan.slotSizes().length);
    }

    private static String describe(List<PlannedValue> values) {
        return values.stream().map(v -> v.name() + Arrays.toString(v.logical()).replace(" ", "")).collect(Collectors.joining(", "));
    }

    /** Parameters per node of the optimised graph: the sizes of the constants it reads. */
    private static Map<String, Long> parametersByNode(Graph graph) {
        Map<String, Long> byNode = new java.util.HashMap<>();
        for (Node node : graph.nodes()) {
            long count = 0;
            for (String input : node.inputs()) {
                NdArray c = graph.constants().get(input);
                count += c == null ? 0 : c.size();
            }
            byNode.put(node.name(), count);
        }
        return byNode;
    }
}
