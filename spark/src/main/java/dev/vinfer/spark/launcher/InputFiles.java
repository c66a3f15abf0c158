package dev.vinfer.spark.launcher;

import dev.vinfer.api.VinferException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The launcher's inputs, split into local pictures (listed here, on the driver, exactly as
 * {@code vinfer classify} lists them: named files as given, directories walked for picture
 * extensions in any case, sorted) and remote locations ({@code hdfs://}, {@code s3a://}, ...) that
 * Spark lists itself. Unreadable files inside a directory are set aside (reported, counted as
 * failures) rather than left to fail a Spark task.
 */
record InputFiles(List<Path> localFiles, List<String> remote, List<Path> unreadable) {
    static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");
    /** The extensions as a Hadoop glob, any letter case: {@code *.{[jJ][pP][gG],...}}. */
    static final String REMOTE_GLOB = "*.{" + String.join(",", EXTENSIONS.stream().sorted().map(InputFiles::anyCase).toList()) + "}";
    private static final Pattern URI_SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://.*");

    /**
     * @throws VinferException naming the input when a local one is missing, not a file or directory,
     *                         or unreadable, or when nothing at all is found
     */
    static InputFiles expand(List<String> arguments) {
        List<Path> local = new ArrayList<>();
        List<String> remote = new ArrayList<>();
        List<Path> unreadable = new ArrayList<>();
        for (String argument : arguments) {
            if (URI_SCHEME.matcher(argument).matches() && !argument.startsWith("file://")) {
                remote.add(argument);
                continue;
            }
            Path path = argument.startsWith("file://") ? Path.of(java.net.URI.create(argument)) : Path.of(argument);
            if (Files.isDirectory(path)) {
                for (Path file : walk(path)) {
                    (Files.isReadable(file) ? local : unreadable).add(file);
                }
            } else if (!Files.exists(path)) {
                throw new VinferException(argument + ": no such file or directory");
            } else if (!Files.isRegularFile(path)) {
                throw new VinferException(argument + ": not a regular file or directory");
            } else if (!Files.isReadable(path)) {
                throw new VinferException(argument + ": not readable");
            } else {
                local.add(path.toAbsolutePath().normalize());
            }
        }
        if (local.isEmpty() && remote.isEmpty() && unreadable.isEmpty()) {
            throw new VinferException(String.join(", ", arguments) + ": no images found (looked for "
                    + String.join(", ", EXTENSIONS.stream().sorted().toList()) + ")");
        }
        return new InputFiles(List.copyOf(local), List.copyOf(remote), List.copyOf(unreadable));
    }

    private static List<Path> walk(Path directory) {
        if (!Files.isReadable(directory)) {
            throw new VinferException(directory + ": directory not readable");
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).filter(InputFiles::looksLikeImage)
                    .map(p -> p.toAbsolutePath().normalize()).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new VinferException(directory + ": cannot list the directory: " + e.getMessage());
        }
    }

    static boolean looksLikeImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }

    private static String anyCase(String extension) {
        StringBuilder glob = new StringBuilder();
        for (char c : extension.toCharArray()) {
            glob.append('[').append(c).append(Character.toUpperCase(c)).append(']');
        }
        return glob.toString();
    }
}
