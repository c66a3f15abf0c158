package dev.vinfer.cli.bench;

import dev.vinfer.api.VinferException;
import dev.vinfer.cli.OutputFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a report goes and in which format (from the file name's extension), checked before any
 * measuring; written atomically (a temporary file in the same folder, then a move), so a reader never
 * sees half a report and a failed run leaves any old report in place.
 */
final class ReportFiles {
    enum Format { MARKDOWN, JSON, HTML }

    private ReportFiles() {
    }

    /** The format for a path, or a usage error naming the ones there are. */
    static Format formatOf(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".md")) {
            return Format.MARKDOWN;
        }
        if (name.endsWith(".json")) {
            return Format.JSON;
        }
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return Format.HTML;
        }
        throw new dev.vinfer.cli.UsageException("--report must end in .md, .json or .html, got '" + path + "'");
    }

    /** The chart written next to a Markdown report: {@code report.md} gives {@code report.svg}. */
    static Path svgBeside(Path markdown) {
        String name = markdown.getFileName().toString();
        return markdown.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".svg");
    }

    /** Every file a report at {@code path} writes; all must be writable before measuring starts. */
    static List<Path> outputs(Path path) {
        List<Path> files = new ArrayList<>(List.of(path));
        if (formatOf(path) == Format.MARKDOWN) {
            files.add(svgBeside(path));
        }
        return files;
    }

    static void checkWritable(Path path, Path model) {
        for (Path p : outputs(path)) {
            OutputFiles.checkWritable(p, model);
        }
    }

    /** Writes the report (and for Markdown with a profile, its chart); returns the files written. */
    static List<Path> write(Path path, BenchReport report) {
        List<Path> written = new ArrayList<>();
        switch (formatOf(path)) {
            case JSON -> written.add(atomicWrite(path, JsonReport.render(report)));
            case HTML -> written.add(atomicWrite(path, HtmlReport.render(report)));
            case MARKDOWN -> {
                String svgName = null;
                if (SvgChart.hasProfile(report)) {
                    Path svg = svgBeside(path);
                    written.add(atomicWrite(svg, SvgChart.render(report, true)));
                    svgName = svg.getFileName().toString();
                }
                written.add(0, atomicWrite(path, MarkdownReport.render(report, svgName)));
            }
        }
        return written;
    }

    static Path atomicWrite(Path path, String text) {
        Path target = path.toAbsolutePath().normalize();
        Path temp = null;
        try {
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return path;
        } catch (IOException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the write failure is what matters
                }
            }
            throw new VinferException(path + ": cannot write the report: " + e.getMessage());
        }
    }
}
