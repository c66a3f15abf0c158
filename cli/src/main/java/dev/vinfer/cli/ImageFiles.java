package dev.vinfer.cli;

import dev.vinfer.api.VinferException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Expands the image arguments of {@code classify}: files as given, directories walked for pictures. */
final class ImageFiles {
    static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    private ImageFiles() {
    }

    /**
     * Files named on the command line are all kept (an unreadable one is reported later, by the
     * decoder); directories contribute their files with a picture extension, in sorted order.
     */
    static List<Path> expand(List<Path> arguments) {
        List<Path> files = new ArrayList<>();
        for (Path path : arguments) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(ImageFiles::looksLikeImage).sorted().forEach(files::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw new VinferException(path + ": cannot list the directory: " + e.getMessage());
                }
            } else {
                files.add(path);
            }
        }
        return files;
    }

    static boolean looksLikeImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }
}
