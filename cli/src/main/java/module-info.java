/** The {@code vinfer} command: predict, classify, info, backends, bench. */
module dev.vinfer.cli {
    requires dev.vinfer.core;
    requires dev.vinfer.image;
    requires java.logging;
    requires com.fasterxml.jackson.databind;
    requires info.picocli;
    // Optional: 'vinfer bench' calibrates the FMA peak with the Vector API only when the module is in
    // the boot layer (checked at run time), and falls back to a scalar loop otherwise.
    requires static jdk.incubator.vector;

    // picocli fills the commands' annotated fields and creates the commands and converters reflectively.
    opens dev.vinfer.cli to info.picocli;
    opens dev.vinfer.cli.bench to info.picocli;

    uses dev.vinfer.spi.Backend;
    uses dev.vinfer.spi.ModelProvider;
}
