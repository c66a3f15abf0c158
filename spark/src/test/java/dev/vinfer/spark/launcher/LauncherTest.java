package dev.vinfer.spark.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's command line: bad options fail in one line with exit 2 (usage) or 1 (a missing
 * model or input) before Spark starts, in process; a real run and a master that cannot start run
 * in a forked JVM, as {@code ./vinfer-spark} runs it, because a JVM holds one SparkContext.
 */
class LauncherTest {
    private static final Path SHARED = Path.of(System.getProperty("vinfer.shared.dir", "../../shared"));
    private static final String SEED = "../model-mobilenet/src/test/resources/fixtures/seed/seed_a025_c10_224_b2.safetensors";

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private static Run inProcess(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main().run(List.of(argv), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void assertFails(int code, String expected, String... argv) {
        Run run = inProcess(argv);
        assertEquals(code, run.code(), run.err());
        String first = run.err().lines().findFirst().orElse("");
        assertTrue(first.contains(expected), "expected '" + expected + "' in: " + run.err());
        assertTrue(run.err().lines().count() <= 2 && !run.err().contains("\tat "), "one line, no stack trace: " + run.err());
        assertEquals("", run.out());
        assertFalse(Files.exists(dir.resolve("out")), "no output on failure");
    }

    @Test
    void badOptionsFailInOneLineBeforeSparkStarts() throws IOException {
        String photo = SHARED.resolve("images/original/bird.png").toString();
        String out = dir.resolve("out").toString();
        assertFails(2, "--top must be a whole number, got 'five'", "classify", "--model", SEED, "--output", out, "--top", "five", photo);
        assertFails(2, "--batch must be between 1 and 4096, got 0", "classify", "--model", SEED, "--output", out, "--batch", "0", photo);
        assertFails(2, "--threads must be between 1 and 256, got -3", "classify", "--model", SEED, "--output", out, "--threads", "-3", photo);
        assertFails(2, "--master 'local[two]' is not a Spark master URL", "classify", "--master", "local[two]", "--model", SEED, "--output", out, photo);
        assertFails(2, "--format must be json or parquet, got 'xml'", "classify", "--format", "xml", "--model", SEED, "--output", out, photo);
        assertFails(2, "--model is required", "classify", "--output", out, photo);
        assertFails(2, "unknown option --modle", "classify", "--modle", SEED, "--output", out, photo);
        assertFails(2, "--top 11 is more than the model's 10 classes", "classify", "--top", "11", "--model", SEED, "--output", out, photo);
        assertFails(1, "nothing.safetensors", "classify", "--model", dir.resolve("nothing.safetensors").toString(), "--output", out, photo);
        assertFails(1, "missing.png: no such file or directory", "classify", "--model", SEED, "--output", out, dir.resolve("missing.png").toString());
        Path fifo = dir.resolve("pipe.png");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().onExit().join().exitValue() == 0) {
            assertFails(1, "pipe.png: not a regular file", "classify", "--model", SEED, "--output", out, fifo.toString());
        }
        Files.createDirectories(dir.resolve("empty"));
        assertFails(1, "no images found", "classify", "--model", SEED, "--output", out, dir.resolve("empty").toString());
        Path existing = Files.createDirectories(dir.resolve("existing"));
        assertEquals(1, inProcess("classify", "--model", SEED, "--output", existing.toString(), photo).code());
        assertEquals(2, inProcess().code());
        assertEquals(2, inProcess("label").code());
    }

    @Test
    void aRunWritesOneJsonRowPerFileAndSummarises() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos/sub dir"));
        List<String> expected = new ArrayList<>();
        for (String name : List.of("bird.png", "hot_dog.jpg", "cat_720p.jpg")) {
            expected.add(Files.copy(SHARED.resolve("images/original").resolve(name), photos.resolve(name)).toString());
        }
        // Names Spark's own directory listing would hide (leading _ or .), an upper-case extension,
        // a truncated JPEG (an error row) and a file that is no picture (not listed at all).
        expected.add(Files.copy(SHARED.resolve("images/original/bird.png"), photos.resolve("_DSC0001.PNG")).toString());
        expected.add(Files.copy(SHARED.resolve("images/original/bird.png"), photos.getParent().resolve(".hidden.png")).toString());
        byte[] jpeg = Files.readAllBytes(SHARED.resolve("images/original/hot_dog.jpg"));
        expected.add(Files.write(photos.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2)).toString());
        Files.writeString(photos.resolve("notes.txt"), "not a picture");
        // A symbolic link to a picture counts as the picture, as in vinfer classify.
        expected.add(Files.createSymbolicLink(photos.resolve("link.png"), photos.resolve("bird.png")).toString());
        Path out = dir.resolve("out");

        Run run = forked("classify", "--master", "local[2]", "--model", SEED, "--output", out.toString(),
                "--batch", "2", "--top", "3", photos.getParent().toString());
        assertEquals(1, run.code(), "one picture failed, so exit 1:\n" + run.err());
        assertTrue(run.out().startsWith("vinfer-spark: 7 files, 1 failures, "), run.out());
        assertEquals(1, run.out().lines().count(), run.out());

        Set<String> seen = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                for (String line : Files.readAllLines(part)) {
                    JsonNode row = json.readTree(line);
                    String path = Path.of(new org.apache.hadoop.fs.Path(row.get("path").asText()).toUri()).toString();
                    assertTrue(seen.add(path), "twice: " + path);
                    if (path.endsWith("cut.jpg")) {
                        assertTrue(row.get("top").isNull() && row.get("error").asText().contains("damaged"), line);
                    } else {
                        assertTrue(row.get("error").isNull(), line);
                        assertEquals(3, row.get("top").size(), line);
                        assertTrue(row.get("top").get(0).has("probability") && row.get("top").get(0).has("label"), line);
                    }
                }
            }
        }
        assertEquals(new HashSet<>(expected), seen);
    }

    @Test
    void aMasterThatCannotStartFailsInOneLine() throws Exception {
        Run run = forked("classify", "--master", "yarn", "--model", SEED, "--output", dir.resolve("out").toString(),
                SHARED.resolve("images/original/bird.png").toString());
        assertEquals(1, run.code(), run.err());
        List<String> ours = run.err().lines().filter(l -> l.startsWith("vinfer-spark")).toList();
        assertEquals(List.of("vinfer-spark: cannot start Spark with --master yarn: SparkException: Could not parse Master URL: 'yarn'"), ours);
        assertFalse(run.err().contains("\tat "), run.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void withoutTheVectorModuleTheExecutorSaysSoOnceAndRunsScalar() throws Exception {
        Path out = dir.resolve("out");
        Run run = forkedWithout("--add-modules", "classify", "--master", "local[2]", "--model", SEED, "--output", out.toString(),
                SHARED.resolve("images/original/bird.png").toString(), SHARED.resolve("images/original/cat.png").toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("vinfer-spark: 2 files, 0 failures"), run.out());
        List<String> lines = run.err().lines().filter(l -> l.contains("vinfer: backend ")).toList();
        assertEquals(1, lines.size(), "one line per executor JVM, however many tasks:\n" + run.err());
        assertTrue(lines.getFirst().contains("vinfer: backend scalar") && lines.getFirst().contains("--add-modules jdk.incubator.vector"),
                lines.getFirst());
    }

    private static Run forked(String... argv) throws Exception {
        return forkedWithout(null, argv);
    }

    /** Runs the launcher's main class in a new JVM with this JVM's class path and --add-* flags, less {@code dropFlag}. */
    private static Run forkedWithout(String dropFlag, String... argv) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            boolean dropped = dropFlag != null && flag.startsWith(dropFlag);
            if (!dropped && (flag.startsWith("--add-") || flag.startsWith("--enable-native-access") || flag.startsWith("--sun-misc"))) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(argv));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        process.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = Thread.ofVirtual().start(() -> {
            try {
                process.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("forked launcher hung");
        }
        drain.join();
        return new Run(process.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }

}
