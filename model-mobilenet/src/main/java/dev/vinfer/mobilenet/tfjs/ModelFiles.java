package dev.vinfer.mobilenet.tfjs;

import dev.vinfer.io.UntrustedText;
import dev.vinfer.spi.ModelLoadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a TF.js model's files are, and the one gate every file name taken from them goes through:
 * {@link #resolve} only hands out regular files that really lie inside the model directory, so a
 * hostile manifest cannot make us read {@code /etc/passwd}, {@code ../secret} or a symlink leading out.
 *
 * @param modelJson the {@code model.json}, named in every error
 * @param directory the directory holding it, as a real path (symlinks resolved)
 */
record ModelFiles(Path modelJson, Path directory) {
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*");
    /** Longest problem text of an error; names and fragments from the file could make it any length. */
    static final int MAX_MESSAGE = 600;
    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

    /** For a directory holding {@code model.json}, or a path to the JSON itself. */
    static ModelFiles locate(Path path) throws IOException {
        Path json = Files.isDirectory(path) ? path.resolve("model.json") : path;
        if (!Files.isRegularFile(json)) {
            throw new ModelLoadException(json, "no model.json here");
        }
        Path parent = json.toAbsolutePath().getParent();
        return new ModelFiles(json, parent.toRealPath());
    }

    /** A file beside {@code model.json} that may be absent, e.g. {@code metadata.json}; not checked. */
    Path sibling(String name) {
        return directory.resolve(name);
    }

    /**
     * Resolves a relative name found in the model's files ({@code what} says which, for errors).
     *
     * @throws ModelLoadException for absolute paths, URLs, {@code ..}, missing files, non-files and
     *                            anything whose real path lies outside the model directory
     */
    Path resolve(String name, String what) throws IOException {
        String shown = UntrustedText.quote(name);
        if (name.isEmpty()) {
            throw fail(what + " has an empty path");
        }
        if (URL.matcher(name).matches()) {
            throw fail(what + " " + shown + " is a URL; only files inside the model directory are read");
        }
        if (name.startsWith("/") || name.startsWith("\\") || WINDOWS_DRIVE.matcher(name).matches()) {
            throw fail(what + " " + shown + " is an absolute path; only files inside the model directory are read");
        }
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw fail(what + " " + shown + " contains '..'; only files inside the model directory are read");
            }
        }
        Path candidate;
        try {
            candidate = directory.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw fail(what + " " + shown + " is not a valid file name");
        }
        if (!Files.exists(candidate)) {
            throw fail(what + " " + shown + " not found (looked for " + candidate + ")");
        }
        Path real = candidate.toRealPath();
        if (!real.startsWith(directory)) {
            throw fail(what + " " + shown + " resolves to " + real + ", outside the model directory " + directory);
        }
        if (!Files.isRegularFile(real)) {
            throw fail(what + " " + shown + " is not a regular file");
        }
        return real;
    }

    /** Every TF.js load error goes through here: file content in {@code problem} is made one bounded line. */
    ModelLoadException fail(String problem) {
        return new ModelLoadException(modelJson, UntrustedText.line(problem, MAX_MESSAGE));
    }
}
