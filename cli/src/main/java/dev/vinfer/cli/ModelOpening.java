package dev.vinfer.cli;

import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.graph.NetworkDefinition;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** The options every model-running command shares: --model, --backend, --threads. */
final class ModelOpening {
    static final int MAX_THREADS = 256;
    static final String OPTIONS_HELP = """
              --backend NAME   backend to run on (see 'vinfer backends'); default: the best usable one
              --threads N      intra-op threads, 1..%d; default: one per available processor
            """.formatted(MAX_THREADS);

    private ModelOpening() {
    }

    static ModelOptions options(Args args) {
        return ModelOptions.defaults()
                .withBackend(args.string("backend"))
                .withThreads(args.integer("threads", 0, 1, MAX_THREADS));
    }

    /** Reads --model, lets the caller adapt the definition (e.g. the input size), compiles it. */
    static Model open(Args args, UnaryOperator<NetworkDefinition> adapt) {
        Path path = args.requiredPath("model");
        ModelOptions options = options(args);
        NetworkDefinition definition = adapt.apply(Vinfer.read(path));
        return Vinfer.compile(definition, options);
    }
}
