/** The {@code vinfer} command: predict, classify, info, backends, bench. */
module dev.vinfer.cli {
    requires dev.vinfer.core;
    requires java.logging;
    requires com.fasterxml.jackson.databind;

    uses dev.vinfer.spi.Backend;
    uses dev.vinfer.spi.ModelProvider;
}
