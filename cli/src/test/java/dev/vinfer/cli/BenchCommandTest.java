package dev.vinfer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vinfer.api.Vinfer;
import dev.vinfer.cli.CliTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.vinfer.cli.CliTest.assertFailure;
import static dev.vinfer.cli.CliTest.assertUsage;
import static dev.vinfer.cli.CliTest.vinfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code vinfer bench} end to end on a tiny synthetic MobileNet (0.25 at 64x64), one or two runs per configuration. */
class BenchCommandTest {
    /**
     * The scalar plan of MobileNet V1: a stem convolution, 13 depthwise + pointwise pairs, the pool, the
     * pooled map's conversion from NHWC and the flatten (the engine's data movement), the classifier.
     */
    static final int PROFILE_ROWS = 1 + 26 + 1 + 2 + 1;
    static final String[] TINY = {"bench", "--width", "0.25", "--input-size", "64", "--backend", "scalar", "--warmup", "1", "--iterations", "2"};

    @TempDir
    Path dir;

    static Run tiny(String... more) {
        String[] args = new String[TINY.length + more.length];
        System.arraycopy(TINY, 0, args, 0, TINY.length);
        System.arraycopy(more, 0, args, TINY.length, more.length);
        return vinfer(args);
    }

    @Test
    void absurdOptionsAreUsageErrors() {
        assertUsage(vinfer("bench", "--threads", "0"), "--threads values must be between 1 and 256");
        assertUsage(vinfer("bench", "--threads", "1,,2"), "comma-separated list of whole numbers");
        assertUsage(vinfer("bench", "--batch", "100000"), "--batch values must be between 1 and 512");
        assertUsage(vinfer("bench", "--iterations", "0"), "--iterations must be between 1");
        assertUsage(vinfer("bench", "--warmup", "-1"), "--warmup must be between 0");
        assertUsage(vinfer("bench", "--width", "9"), "--width must be between");
        assertUsage(vinfer("bench", "--width", "wide"), "--width must be a number");
        assertUsage(vinfer("bench", "--input-size", "3"), "--input-size must be between 16");
        assertUsage(vinfer("bench", "--model", CliTest.MODEL, "--width", "0.5"), "--width applies to the built-in");
        assertUsage(vinfer("bench", "--report", dir.resolve("r.txt").toString()), "--report must end in .md, .json or .html");
        assertUsage(vinfer("bench", "--backend", "scalar,"), "--backend must be a comma-separated list");
        assertUsage(vinfer("bench", "extra"), "no positional arguments");
        assertUsage(vinfer("bench", "--frobnicate"), "unknown option --frobnicate");
    }

    @Test
    void unknownBackendsAndUnwritableReportsFailBeforeMeasuring() {
        Run r = vinfer("bench", "--backend", "scalar,quantum");
        assertFailure(r, "unknown backend 'quantum'; available: ");
        assertTrue(r.err().contains("scalar"), r.err());
        assertFailure(vinfer("bench", "--report", dir.resolve("no/such/dir/r.json").toString()), "does not exist");
        assertEquals(List.of(), list(dir));
    }

    @Test
    void helpDocumentsTheDefaults() {
        Run help = vinfer("bench", "--help");
        assertEquals(0, help.code());
        String text = help.out().replaceAll("\\s+", " "); // picocli wraps descriptions at the terminal's width
        assertTrue(text.contains("MobileNet V1 1.0-224") && text.contains("default: every usable one")
                && text.contains("1 and the processor count"), help.out());
        assertTrue(vinfer("--help").out().contains("bench"));
    }

    @Test
    void consoleResultsAndProfileHaveOneRowPerConfigurationAndLayer() {
        Run r = tiny("--threads", "1,2", "--batch", "1,2", "--profile");
        assertEquals(0, r.code(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.startsWith("scalar ")).toList();
        assertEquals(4, rows.size(), r.out());
        assertTrue(r.out().contains("peak:") && r.out().contains("GFLOP/s per thread"), r.out());
        String firstProfile = r.out().substring(r.out().indexOf("per-layer profile: scalar, 1 thread, batch 1"));
        firstProfile = firstProfile.substring(0, firstProfile.indexOf(" sum "));
        long layerRows = firstProfile.lines().filter(l -> l.matches("\\s*\\d+\\s+\\S+.*")).count();
        assertEquals(PROFILE_ROWS, layerRows, firstProfile);
        assertEquals(4, r.out().split("per-layer profile: ", -1).length - 1, r.out());
        // The progress bar: on stderr, redrawn with carriage returns, finished with a newline.
        assertTrue(r.err().contains("\r") && r.err().contains("4 configurations measured"), r.err());
    }

    /** The SIMD backend fuses each depthwise + pointwise pair: one profile row (and one bar) per pair, with its GFLOP/s. */
    @Test
    void fusedStepsAreOneProfileRowEach() throws Exception {
        assumeTrue(Vinfer.backends().stream().anyMatch(b -> b.name().equals("simd") && b.usable()),
                "the simd backend is not usable in this test JVM (no jdk.incubator.vector)");
        Path report = dir.resolve("bench.md");
        Run r = vinfer("bench", "--width", "0.25", "--input-size", "64", "--backend", "simd,scalar", "--threads", "1",
                "--warmup", "1", "--iterations", "2", "--profile", "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        String simd = r.out().substring(r.out().indexOf("per-layer profile: simd"), r.out().indexOf("per-layer profile: scalar"));
        int fusedRows = 1 + 13 + 1 + 1 + 1;
        assertEquals(fusedRows, simd.lines().filter(l -> l.matches("\\s*\\d+\\s+\\S+.*")).count(), simd);
        String pair = simd.lines().filter(l -> l.contains("conv_dw_13+conv_pw_13")).findFirst().orElseThrow(() -> new AssertionError(simd));
        assertTrue(pair.contains("conv 3x3/1 dw relu6 + conv 1x1/1 relu6") && pair.matches(".*simd\\s+\\d+\\.\\d+\\s+\\d+(\\.\\d+)?\\s+\\d.*"), pair);
        String md = Files.readString(report);
        assertTrue(md.contains("| conv_dw_1+conv_pw_1 | conv 3x3/1 dw relu6 + conv 1x1/1 relu6 | simd |"), md);
        Document svg = parseXml(dir.resolve("bench.svg"));
        int bars = 0;
        var rects = svg.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            if (rects.item(i).getChildNodes().getLength() > 0) {
                bars++;
            }
        }
        assertEquals(PROFILE_ROWS + fusedRows, bars);
    }

    @Test
    void jsonReportParsesAndHasTheFields() throws Exception {
        Path report = dir.resolve("bench.json");
        Run r = tiny("--threads", "1", "--profile", "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(report.toFile());
        assertEquals("vinfer-bench", root.path("format").asText());
        assertTrue(root.path("command").asText().contains("--report"));
        assertFalse(root.path("date").asText().isEmpty());
        assertFalse(root.path("machine").path("cpu").asText().isEmpty());
        assertTrue(root.path("machine").path("processors").asInt() >= 1);
        assertTrue(root.path("machine").path("jdk").asText().startsWith("25"));
        assertTrue(root.path("peak").path("gflopsPerThread").asDouble() > 0);
        assertEquals(64, root.path("model").path("inputHwc").get(0).asInt());
        assertTrue(root.path("model").path("gflopPerImage").asDouble() > 0);
        JsonNode result = root.path("results").get(0);
        assertEquals("scalar", result.path("backend").asText());
        assertEquals(1, result.path("threads").asInt());
        assertEquals(2, result.path("runs").asInt());
        for (String field : List.of("medianMsPerImage", "p10MsPerImage", "p90MsPerImage", "imagesPerSecond", "gflops", "peakGflops", "peakShare")) {
            assertTrue(result.path(field).asDouble() > 0, field + " in " + result);
        }
        assertTrue(result.path("p10MsPerImage").asDouble() <= result.path("medianMsPerImage").asDouble());
        assertEquals(PROFILE_ROWS, result.path("profile").size());
        assertEquals(PROFILE_ROWS - 1, result.path("layerBackends").size());
        assertEquals(List.of("bench.json"), list(dir), "no temporary files left");
    }

    @Test
    void markdownReportHasTheTableAndAWellFormedSvgBesideIt() throws Exception {
        Path report = dir.resolve("bench.md");
        Run r = tiny("--threads", "1", "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        String md = Files.readString(report);
        assertTrue(md.contains("| backend | threads | batch | runs | median ms/image | p10 ms | p90 ms | images/s | GFLOP/s | % of peak |"), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| scalar | 1 | 1 | 2 |")), md);
        assertTrue(md.contains("![Per-layer time per image, per backend](bench.svg)"), md);
        assertTrue(md.contains("**CPU:**") && md.contains("**JDK:**") && md.contains("**Vector width:**") && md.contains("**Command:**"), md);
        Document svg = parseXml(dir.resolve("bench.svg"));
        assertEquals("svg", svg.getDocumentElement().getTagName());
        // One bar per layer for the single configuration, plus the legend swatch and the row shading.
        int bars = 0;
        var rects = svg.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            if (rects.item(i).getChildNodes().getLength() > 0) {
                bars++; // bars carry a <title> tooltip
            }
        }
        assertEquals(PROFILE_ROWS, bars);
        assertEquals(List.of("bench.md", "bench.svg"), list(dir));
    }

    @Test
    void htmlReportEmbedsTheChart() throws Exception {
        Path report = dir.resolve("bench.html");
        Run r = vinfer("bench", "--width", "0.25", "--input-size", "64", "--warmup", "0", "--iterations", "1", "--threads", "1",
                "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(report);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<svg") && html.contains("conv_pw_13") && html.contains("</html>"), html);
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + 6);
        Path svgFile = dir.resolve("inline.svg");
        Files.writeString(svgFile, svg);
        assertEquals("svg", parseXml(svgFile).getDocumentElement().getTagName());
    }

    private static Document parseXml(Path file) throws Exception {
        // The cli module does not read java.xml (only this test needs it): add the edge at run time.
        ModuleLayer.boot().findModule("java.xml").ifPresent(BenchCommandTest.class.getModule()::addReads);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static List<String> list(Path dir) {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
