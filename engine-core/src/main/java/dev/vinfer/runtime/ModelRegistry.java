package dev.vinfer.runtime;

import dev.vinfer.api.VinferException;
import dev.vinfer.graph.Graph;
import dev.vinfer.io.UntrustedText;
import dev.vinfer.spi.ModelProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds model providers with {@link java.util.ServiceLoader} and asks them in turn to read a path, or
 * to build a model named by a string that is not a file ({@code builtin:...}).
 */
public final class ModelRegistry {
    /** Names of models built into a provider start with this; such a name is never taken as a file. */
    public static final String BUILTIN_PREFIX = "builtin:";

    private ModelRegistry() {
    }

    public static List<ModelProvider> discover() {
        return Plugins.load(ModelProvider.class, "model provider");
    }

    /**
     * Loads a model named {@code location}: a {@code builtin:} name, or else a file or directory
     * path, which when no such file exists may still be a name some provider recognises.
     */
    public static Graph load(String location) {
        if (location.startsWith(BUILTIN_PREFIX)) {
            return loadNamed(location);
        }
        Path path;
        try {
            path = Path.of(location);
        } catch (InvalidPathException e) {
            throw new VinferException(UntrustedText.name(location) + ": not a valid path (" + e.getReason() + ")", e);
        }
        return load(path);
    }

    /** Loads {@code path} with the first provider that recognises it (or a model of that name, when no such file exists). */
    public static Graph load(Path path) {
        if (!Files.exists(path)) {
            String name = path.toString();
            if (name.startsWith(BUILTIN_PREFIX) || discover().stream().anyMatch(p -> recognizesName(p, name))) {
                return loadNamed(name);
            }
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

    /** Builds the model called {@code name} with the first provider that recognises the name. */
    public static Graph loadNamed(String name) {
        List<ModelProvider> providers = discover();
        for (ModelProvider provider : providers) {
            if (recognizesName(provider, name)) {
                try {
                    return provider.loadNamed(name);
                } catch (VinferException e) {
                    throw e;
                } catch (IllegalArgumentException e) {
                    throw new VinferException(UntrustedText.name(name) + ": " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    throw new VinferException(UntrustedText.name(name) + ": model provider " + provider.name() + " failed: "
                            + UntrustedText.excerpt(String.valueOf(e)), e);
                }
            }
        }
        List<String> known = providers.stream().map(ModelProvider::namedModels).filter(n -> !n.isBlank()).toList();
        throw new VinferException(UntrustedText.name(name) + ": unknown built-in model; built-in models: "
                + (known.isEmpty() ? "none (no model provider on the module path builds any)" : String.join("; ", known)));
    }

    /** A provider's name check; a plugin's bug there counts as "no". */
    private static boolean recognizesName(ModelProvider provider, String name) {
        try {
            return provider.recognizesName(name);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
