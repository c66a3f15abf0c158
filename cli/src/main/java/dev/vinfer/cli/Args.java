package dev.vinfer.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed command-line options of one command: {@code --name value}, {@code --name=value}, boolean
 * {@code --flag}s, and positional arguments. Every option a command does not declare is a usage
 * error, so a typo never passes silently.
 */
public final class Args {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    /**
     * @param valued options that take a value (without the leading dashes)
     * @param flags  options that take none
     */
    static Args parse(List<String> argv, Set<String> valued, Set<String> flags) {
        Args args = new Args();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--")) {
                args.positionals.addAll(argv.subList(i + 1, argv.size()));
                break;
            }
            if (!a.startsWith("--") || a.length() == 2) {
                args.positionals.add(a);
                continue;
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                args.values.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.size()) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = argv.get(++i);
                }
                if (args.values.containsKey(name)) {
                    throw new UsageException("option --" + name + " given twice");
                }
                args.values.put(name, value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return args;
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    public String string(String name) {
        return values.get(name);
    }

    public String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new UsageException("missing required option --" + name);
        }
        return v;
    }

    public Path path(String name) {
        String v = values.get(name);
        return v == null ? null : toPath(name, v);
    }

    public Path requiredPath(String name) {
        return toPath(name, required(name));
    }

    /** A path from the command line; one the OS cannot name (a NUL byte, an empty string) is a usage error. */
    static Path toPath(String option, String value) {
        if (value.isEmpty()) {
            throw new UsageException("--" + option + " needs a file name, got an empty string");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException("--" + option + " '" + dev.vinfer.io.UntrustedText.excerpt(value) + "' is not a valid path: " + e.getReason());
        }
    }

    /** An integer option within [min, max], or {@code fallback} when absent. */
    public int integer(String name, int fallback, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + v + "'");
        }
    }

    /** One of the allowed words, or {@code fallback} when absent. */
    public String choice(String name, String fallback, List<String> allowed) {
        String v = values.getOrDefault(name, fallback);
        if (!allowed.contains(v)) {
            throw new UsageException("--" + name + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
        }
        return v;
    }

    public List<String> positionals() {
        return positionals;
    }
}
