package dev.vinfer.cli;

import dev.vinfer.cli.bench.BenchCommand;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which subcommands the parser is built with for a command line (see VinferCommand#commandLine). */
class SubcommandRegistrationTest {
    @Test
    void aNamedCommandIsRegisteredAlone() {
        assertEquals(List.of(ClassifyCommand.class), VinferCommand.subcommandsFor(List.of("classify", "--model", "m", "a.jpg")));
        assertEquals(List.of(BenchCommand.class), VinferCommand.subcommandsFor(List.of("--verbose", "bench", "--threads", "1")));
        assertEquals(List.of(BackendsCommand.class), VinferCommand.subcommandsFor(List.of("backends")));
    }

    @Test
    void helpCompletionNoCommandAndMisspeltOnesGetThemAll() {
        for (List<String> argv : List.of(List.<String>of(), List.of("--help"), List.of("--version"), List.of("help", "classify"),
                List.of("completion"), List.of("clasify", "a.jpg"), List.of("--verbose"))) {
            assertEquals(VinferCommand.SUBCOMMANDS, VinferCommand.subcommandsFor(argv), argv.toString());
        }
    }

    @Test
    void theOverviewStillListsEveryCommand() {
        CliTest.Run r = CliTest.vinfer("--help");
        for (String name : List.of("classify", "predict", "info", "backends", "run", "bench", "completion", "help")) {
            assertTrue(r.out().contains("  " + name), name + " missing from:\n" + r.out());
        }
    }
}
