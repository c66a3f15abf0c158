package dev.vinfer.runtime;

import dev.vinfer.api.VinferException;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.spi.ModelProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds model providers with {@link ServiceLoader} and asks them in turn to read a path. */
public final class ModelRegistry {
    private static final System.Logger LOG = System.getLogger("dev.vinfer");

    private ModelRegistry() {
    }

    public static List<ModelProvider> discover() {
        List<ModelProvider> found = new ArrayList<>();
        var it = ServiceLoader.load(ModelProvider.class, ModelRegistry.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError broken) {
                LOG.log(System.Logger.Level.WARNING, "vinfer: ignoring a model provider that failed to load: " + broken.getMessage());
            }
        }
        return found;
    }

    /** Loads {@code path} with the first provider that recognises it. */
    public static NetworkDefinition load(Path path) {
        if (!Files.exists(path)) {
            throw new VinferException(path + ": no such file or directory");
        }
        if (!Files.isReadable(path)) {
            throw new VinferException(path + ": not readable");
        }
        List<ModelProvider> providers = discover();
        for (ModelProvider provider : providers) {
            if (provider.recognizes(path)) {
                try {
                    return provider.load(path);
                } catch (IOException | UncheckedIOException e) {
                    throw new VinferException(path + ": cannot read: " + e.getMessage(), e);
                } catch (IllegalArgumentException e) {
                    throw new VinferException(path + ": " + e.getMessage(), e);
                }
            }
        }
        String supported = providers.isEmpty() ? "none (no model provider is on the module path)"
                : providers.stream().map(p -> p.name() + " (" + p.formatDescription() + ")").collect(Collectors.joining("; "));
        throw new VinferException(path + ": not a model format vinfer recognises; supported: " + supported);
    }
}
