package dev.vinfer.runtime;

import dev.vinfer.api.VinferException;
import dev.vinfer.graph.Graph;
import dev.vinfer.io.UntrustedText;
import dev.vinfer.spi.ModelProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Finds model providers with {@link ServiceLoader} and asks them in turn to read a path. */
public final class ModelRegistry {
    private ModelRegistry() {
    }

    public static List<ModelProvider> discover() {
        return Plugins.load(ModelProvider.class, "model provider");
    }

    /** Loads {@code path} with the first provider that recognises it. */
    public static Graph load(Path path) {
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
                } catch (VinferException e) {
                    throw e;
                } catch (IllegalArgumentException e) {
                    throw new VinferException(path + ": " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    // A provider bug (ours or a plugin's) still gets one line naming the file and the provider.
                    throw new VinferException(path + ": model provider " + provider.name() + " failed: " + UntrustedText.excerpt(String.valueOf(e)), e);
                }
            }
        }
        String supported = providers.isEmpty() ? "none (no model provider is on the module path)"
                : providers.stream().map(p -> p.name() + " (" + p.formatDescription() + ")").collect(Collectors.joining("; "));
        throw new VinferException(path + ": not a model format vinfer recognises; supported: " + supported);
    }
}
