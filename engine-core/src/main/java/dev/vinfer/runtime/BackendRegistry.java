package dev.vinfer.runtime;

import dev.vinfer.api.BackendInfo;
import dev.vinfer.api.VinferException;
import dev.vinfer.spi.Backend;
import dev.vinfer.spi.BackendAvailability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Finds backends with {@link ServiceLoader} and chooses one: by name, else the best usable. */
public final class BackendRegistry {
    /** System property that forces a backend by name when the embedder did not choose one. */
    public static final String BACKEND_PROPERTY = "vinfer.backend";
    private static final System.Logger LOG = System.getLogger("dev.vinfer");
    /** Lines already logged: a process that loads many models says which backend once, not per model. */
    private static final java.util.Set<String> LOGGED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private BackendRegistry() {
    }

    /** Every backend on the module path or class path, highest priority first. */
    public static List<Backend> discover() {
        List<Backend> found = new ArrayList<>(Plugins.load(Backend.class, "backend"));
        found.sort(Comparator.comparingInt(Backend::priority).reversed().thenComparing(Backend::name));
        return found;
    }

    public static List<BackendInfo> describeAll() {
        return discover().stream().map(b -> {
            BackendAvailability a = b.availability();
            return new BackendInfo(b.name(), b.description(), b.priority(), a.usable(), a.detail());
        }).toList();
    }

    /**
     * Chooses a backend: {@code requested} if not null, else the {@value #BACKEND_PROPERTY} system
     * property, else the usable backend with the highest priority. Logs one line saying which one and
     * why the others were passed over.
     *
     * @throws VinferException when the named backend does not exist or cannot run here
     */
    public static Backend select(String requested) {
        List<Backend> all = discover();
        String name = requested != null ? requested : System.getProperty(BACKEND_PROPERTY);
        if (name != null && !name.isBlank()) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            Backend backend = all.stream().filter(b -> b.name().equals(wanted)).findFirst()
                    .orElseThrow(() -> new VinferException("unknown backend '" + name + "'; available: "
                            + all.stream().map(Backend::name).collect(Collectors.joining(", "))));
            BackendAvailability a = backend.availability();
            if (!a.usable()) {
                throw new VinferException("backend '" + backend.name() + "' cannot run here: " + a.detail());
            }
            logOnce("vinfer: backend " + backend.name() + " (" + a.detail() + "), chosen by name");
            return backend;
        }
        List<String> skipped = new ArrayList<>();
        for (Backend backend : all) {
            BackendAvailability a = backend.availability();
            if (a.usable()) {
                String why = skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped);
                logOnce("vinfer: backend " + backend.name() + " (" + a.detail() + ")" + why);
                return backend;
            }
            skipped.add(backend.name() + ": " + a.detail());
        }
        throw new VinferException("no usable backend found (is the engine-core module on the path?)");
    }

    private static void logOnce(String line) {
        if (LOGGED.add(line)) {
            LOG.log(System.Logger.Level.INFO, line);
        }
    }
}
