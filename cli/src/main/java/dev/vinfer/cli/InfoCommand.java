package dev.vinfer.cli;

import dev.vinfer.api.Vinfer;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.tensor.TensorShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code vinfer info}: the layer table with output shapes, parameters and multiply-adds. */
@Command(name = "info",
        description = {"show a model's layers, output shapes, parameters and multiply-adds",
                "",
                "Prints one row per layer (after BatchNorm folding): operation, output shape, parameters and "
                        + "multiply-adds for one image, then the totals.",
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

    @Override
    protected int run(PrintStream out, PrintStream err) {
        NetworkDefinition def = Vinfer.read(model);
        if (inputSize != null) {
            def = def.withInputSize(inputSize.height(), inputSize.width());
        }
        print(def, out);
        return 0;
    }

    static void print(NetworkDefinition def, PrintStream out) {
        List<TensorShape> shapes = def.shapes();
        out.printf("%s: input %dx%dx%d, %d classes%n", def.name(), def.inputShape().h(), def.inputShape().w(),
                def.inputShape().c(), def.classCount());
        int nameWidth = Math.max(5, def.layers().stream().mapToInt(l -> l.name().length()).max().orElse(5));
        String row = "%3s  %-" + nameWidth + "s %-22s %-16s %12s %15s%n";
        out.printf(row, "#", "layer", "op", "output (HxWxC)", "parameters", "multiply-adds");
        long params = 0;
        long macs = 0;
        for (int i = 0; i < def.layers().size(); i++) {
            LayerSpec layer = def.layers().get(i);
            TensorShape in = shapes.get(i);
            TensorShape o = shapes.get(i + 1);
            long p = layer.parameterCount();
            long m = layer.multiplyAdds(in);
            params += p;
            macs += m;
            out.printf(row, i + 1, layer.name(), layer.describe(), o.h() + "x" + o.w() + "x" + o.c(),
                    String.format("%,d", p), String.format("%,d", m));
        }
        out.printf(Locale.ROOT, "total: %.1f M multiply-adds, %.2f M parameters (%,d and %,d)%n",
                macs / 1e6, params / 1e6, macs, params);
    }
}
