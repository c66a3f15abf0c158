/** The {@code vinfer} command: predict, classify, info, backends, bench. */
module dev.vinfer.cli {
    requires dev.vinfer.core;
    requires java.logging;

    uses dev.vinfer.spi.Backend;
    uses dev.vinfer.spi.ModelProvider;
}
