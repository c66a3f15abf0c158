package dev.vinfer.cli;

import dev.vinfer.cli.CliTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.vinfer.cli.CliTest.MODEL;
import static dev.vinfer.cli.CliTest.vinfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The command-line front end: suggestions for slips, help with defaults, --version, shell completion. */
class UsageTest {
    static final List<String> COMMANDS = List.of("classify", "predict", "info", "backends", "run", "bench", "completion");

    @TempDir
    Path dir;

    @Test
    void aMisspeltOptionIsAUsageErrorThatSuggestsTheRightOne() {
        Run r = vinfer("classify", "--modle", "x");
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("vinfer classify: unknown option --modle; did you mean --model?", "Try 'vinfer classify --help'."),
                r.err().lines().toList());
        assertEquals("", r.out());
        // Swapped letters, which picocli's own two-letter prefix match misses.
        assertUsageLine(vinfer("classify", "--model", MODEL, "--mdoel", "x.png"), "vinfer classify: unknown option --mdoel; did you mean --model?");
        assertUsageLine(vinfer("predict", "--model", MODEL, "--ouptut", "y.npy"), "vinfer predict: unknown option --ouptut; did you mean --output?");
        assertUsageLine(vinfer("bench", "--thread=2"), "vinfer bench: unknown option --thread; did you mean --threads?");
        // Nothing close: no guess.
        assertUsageLine(vinfer("classify", "--model", MODEL, "--frobnicate", "x.png"), "vinfer classify: unknown option --frobnicate");
    }

    @Test
    void aMisspeltCommandGetsASuggestionAndNonsenseTheList() {
        Run r = vinfer("clasify", "--model", MODEL);
        assertEquals(2, r.code());
        assertEquals(List.of("vinfer: unknown command 'clasify'; did you mean classify?"), r.err().lines().toList());
        r = vinfer("teleport");
        assertEquals(2, r.code());
        assertEquals(List.of("vinfer: unknown command 'teleport'; commands: " + String.join(", ", COMMANDS) + ", help"),
                r.err().lines().toList());
    }

    @Test
    void parseErrorsAreOneLineEach() {
        assertUsageLine(vinfer("classify", "--model", MODEL, "--top", "1", "--top", "2", "x.png"), "vinfer classify: option --top given twice");
        assertUsageLine(vinfer("classify", "x.png", "--model"), "vinfer classify: option --model needs a value");
        assertUsageLine(vinfer("classify", "x.png"), "vinfer classify: missing required option --model");
        assertUsageLine(vinfer("backends", "extra"), "vinfer backends: no positional arguments expected, got 'extra'");
        assertUsageLine(vinfer("completion", "fish"), "vinfer completion: SHELL must be one of bash, zsh, got 'fish'");
        assertUsageLine(vinfer("completion"), "vinfer completion: missing SHELL");
        assertUsageLine(vinfer("predict", "--model", MODEL, "--output", "y.npy", "--threads", "99999999999"),
                "vinfer predict: --threads must be between 1 and 256, got 99999999999");
        // A value that would forge a second line is escaped.
        assertUsageLine(vinfer("classify", "--model", MODEL, "--top", "1\nvinfer: forged", "x.png"),
                "vinfer classify: --top must be a whole number, got '1\\x0avinfer: forged'");
        assertUsageLine(vinfer("classify", "--model", MODEL, "--json=yes\nvinfer: forged", "x.png"),
                "vinfer classify: --json 'yes\\x0avinfer: forged' is not a boolean");
        assertEquals(List.of("vinfer: unknown command 'tele\\x0aport'; commands: " + String.join(", ", COMMANDS) + ", help"),
                vinfer("tele\nport").err().lines().toList());
    }

    @Test
    void versionIsTheMavenProjectVersion() {
        String expected = System.getProperty("vinfer.project.version");
        assertTrue(expected != null && !expected.isBlank(), "surefire passes vinfer.project.version (cli/pom.xml)");
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"-V"}, new String[] {"classify", "--version"})) {
            Run r = vinfer(args);
            assertEquals(0, r.code(), r.err());
            assertEquals("vinfer " + expected + " (Java " + Runtime.version() + ")", r.out().strip());
        }
    }

    @Test
    void helpListsTheCommandsAndEachCommandsDefaults() {
        Run overview = vinfer("--help");
        assertEquals(0, overview.code());
        for (String command : COMMANDS) {
            assertTrue(overview.out().lines().anyMatch(l -> l.startsWith("  " + command + " ")), command + " in:\n" + overview.out());
        }
        assertEquals(overview.out(), vinfer("help").out());
        Run bare = vinfer();
        assertEquals(2, bare.code(), "no command is a usage error");
        assertTrue(bare.err().contains("Commands:") && bare.out().isEmpty(), bare.err());

        assertOptionDefault(vinfer("classify", "--help"), "--top=K", "Default: 5");
        assertOptionDefault(vinfer("help", "classify"), "--top=K", "Default: 5");
        assertOptionDefault(vinfer("predict", "--help"), "--layout=L", "Default: nhwc");
        assertOptionDefault(vinfer("bench", "--help"), "--width=A", "Default: 1.0");
        assertOptionDefault(vinfer("bench", "--help"), "--batch=1,8", "Default: 1");
        Run classify = vinfer("classify", "--help");
        assertTrue(classify.out().replaceAll("\\s+", " ").contains("--threads=N intra-op threads, 1..256; default: one per available processor"),
                classify.out());
    }

    @Test
    void completionBashIsAScriptThatCompletesCommandsOptionsAndChoices() throws Exception {
        Run r = vinfer("completion", "bash");
        assertEquals(0, r.code(), r.err());
        String script = r.out();
        assertTrue(script.startsWith("#!/usr/bin/env bash"), script.lines().findFirst().orElse(""));
        assertTrue(script.contains("complete -F _complete_vinfer") || script.contains("_complete_vinfer vinfer"), "registers the completion");
        for (String command : COMMANDS) {
            assertTrue(script.contains(command), command);
        }
        for (String option : List.of("--model", "--top", "--json", "--layout", "--iterations", "--verbose")) {
            assertTrue(script.contains(option), option);
        }
        // Run it in bash where bash exists: the script must parse and complete as a user would see it.
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "bash is not installed: the script was checked as text only");
        Path file = Files.writeString(dir.resolve("vinfer.bash"), script);
        String probe = """
                source "$1"
                t() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
                      _complete_vinfer 2>/dev/null; echo "${COMPREPLY[*]}"; }
                t vinfer cl
                t vinfer classify --mo
                t vinfer predict --layout ""
                t vinfer completion ""
                """;
        assertEquals(List.of("classify", "--model", "nhwc nchw", "bash zsh"), runBash(bash, probe, file));
    }

    @Test
    void completionZshLoadsBashcompinitThenTheBashScript() {
        Run zsh = vinfer("completion", "zsh");
        assertEquals(0, zsh.code(), zsh.err());
        assertTrue(zsh.out().startsWith(CompletionCommand.ZSH_PREAMBLE), zsh.out());
        assertTrue(zsh.out().contains("autoload -U +X bashcompinit && bashcompinit"));
        assertTrue(zsh.out().endsWith(vinfer("completion", "bash").out()), "the bash script follows the preamble");
    }

    @Test
    void anAtSignIsAFileNameNotAnArgumentFile() throws IOException {
        Path options = Files.writeString(dir.resolve("options.txt"), "--top\n1\n");
        // Expanded as an argument file this would be "--top 1" with no picture: a usage error (2).
        Run r = vinfer("classify", "--model", MODEL, "@" + options);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("@" + options), r.err());
    }

    @Test
    void suggestionsAreCloseNamesOnly() {
        List<String> names = List.of("--model", "--labels", "--layout", "--top", "--threads");
        assertEquals(List.of("--model"), Suggestions.closest("--modle", names));
        assertEquals(List.of("--layout"), Suggestions.closest("--lyaout", names));
        assertEquals(List.of("--top"), Suggestions.closest("--tpo", names));
        assertEquals(List.of(), Suggestions.closest("--frobnicate", names));
        assertEquals(List.of(), Suggestions.closest("--" + "m".repeat(10_000), names));
        assertEquals(1, Suggestions.distance("abcd", "abdc"));
        assertEquals(3, Suggestions.distance("", "abc"));
    }

    private static void assertUsageLine(Run r, String line) {
        assertEquals(2, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertEquals(line, lines.getFirst());
        assertTrue(lines.get(1).startsWith("Try 'vinfer "), r.err());
    }

    /** The help line of {@code option} and the line after it (picocli puts the default on its own line). */
    private static void assertOptionDefault(Run help, String option, String defaultText) {
        assertEquals(0, help.code(), help.err());
        List<String> lines = help.out().lines().toList();
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(option + " ")) {
                at = i;
            }
        }
        assertTrue(at >= 0, option + " in:\n" + help.out());
        String block = lines.get(at) + " " + (at + 1 < lines.size() ? lines.get(at + 1) : "");
        assertTrue(block.contains(defaultText), "'" + defaultText + "' for " + option + " in:\n" + help.out());
    }

    private static List<String> runBash(Path bash, String probe, Path script) throws Exception {
        Process p = new ProcessBuilder(bash.toString(), "-c", probe, "probe", script.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash finished");
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }
}
