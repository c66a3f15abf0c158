package dev.vinfer.spark.launcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value}, {@code --name=value}, flags and positionals, parsed strictly (unknown or repeated options are errors). */
final class LauncherArgs {
    private final Map<String, String> values = new HashMap<>();
    private final List<String> confs = new ArrayList<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positionals = new ArrayList<>();

    static LauncherArgs parse(List<String> argv, Set<String> valued, Set<String> knownFlags) {
        LauncherArgs args = new LauncherArgs();
        boolean onlyPositionals = false;
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (onlyPositionals || !a.startsWith("--")) {
                args.positionals.add(a);
                continue;
            }
            if (a.equals("--")) {
                onlyPositionals = true;
                continue;
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (knownFlags.contains(name) && value == null) {
                args.flags.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.size()) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = argv.get(++i);
                }
                if (name.equals("conf")) {
                    args.confs.add(value); // repeatable, like spark-submit's
                } else if (args.values.put(name, value) != null) {
                    throw new UsageException("--" + name + " given twice");
                }
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return args;
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    int integer(String name, int fallback, int min, int max) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> confs() {
        return confs;
    }

    List<String> positionals() {
        return positionals;
    }
}
