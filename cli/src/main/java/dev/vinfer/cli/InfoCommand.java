package dev.vinfer.cli;

import dev.vinfer.api.Vinfer;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.ops.LayerSpec;
import dev.vinfer.tensor.TensorShape;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code vinfer info}: the layer table with output shapes, parameters and multiply-adds. */
final class InfoCommand implements Command {

    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "show a model's layers, output shapes, parameters and multiply-adds";
    }

    @Override
    public String help() {
        return """
                Usage: vinfer info --model PATH [--input-size H[xW]]

                Prints one row per layer (after BatchNorm folding): operation, output shape,
                parameters and multiply-adds for one image, then the totals.

                  --model PATH        model file or directory
                  --input-size H[xW]  compute for another input size (default: the model's own)
                """;
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("model", "input-size");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        NetworkDefinition def = Vinfer.read(args.requiredPath("model"));
        String size = args.string("input-size");
        if (size != null) {
            int[] hw = parseSize(size);
            def = def.withInputSize(hw[0], hw[1]);
        }
        print(def, out);
        return 0;
    }

    static int[] parseSize(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x", -1);
        try {
            int h = Integer.parseInt(parts[0].trim());
            int w = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : h;
            if (parts.length > 2 || h < 1 || w < 1 || h > 8192 || w > 8192) {
                throw new NumberFormatException();
            }
            return new int[] {h, w};
        } catch (NumberFormatException e) {
            throw new UsageException("--input-size must be N or HxW with 1..8192 pixels per side, got '" + text + "'");
        }
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
