/**
 * An example plugin: a third-party backend and model format. The engine finds both through the
 * {@code provides} clauses below; nothing in vinfer names them.
 */
module dev.vinfer.example.plugin {
    requires dev.vinfer.core;

    provides dev.vinfer.spi.Backend with dev.vinfer.example.plugin.CountingBackend;
    provides dev.vinfer.spi.ModelProvider with dev.vinfer.example.plugin.LinearTextModelProvider;
}
