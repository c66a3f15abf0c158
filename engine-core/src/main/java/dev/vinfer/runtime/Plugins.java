package dev.vinfer.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Loads service providers (backends, model providers) so that one broken plugin cannot take the engine down. */
final class Plugins {
    private static final System.Logger LOG = System.getLogger("dev.vinfer");

    private Plugins() {
    }

    /** Every provider of {@code service} that instantiates; a failing one is skipped with one warning. */
    static <S> List<S> load(Class<S> service, String what) {
        List<S> found = new ArrayList<>();
        var it = ServiceLoader.load(service, Plugins.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return found;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError broken) {
                LOG.log(System.Logger.Level.WARNING, "vinfer: ignoring a " + what + " that failed to load: " + broken.getMessage());
            }
        }
    }
}
