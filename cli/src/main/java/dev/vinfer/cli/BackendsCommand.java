package dev.vinfer.cli;

import dev.vinfer.api.BackendInfo;
import dev.vinfer.api.Vinfer;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code vinfer backends}: every backend found, whether it can run here, and which is the default. */
final class BackendsCommand implements Command {

    @Override
    public String name() {
        return "backends";
    }

    @Override
    public String summary() {
        return "list the backends found, whether each can run here, and why not";
    }

    @Override
    public String help() {
        return """
                Usage: vinfer backends

                Lists every backend found on the module path, highest priority first. The default
                (marked *) is the usable one with the highest priority; choose another with --backend
                or the system property vinfer.backend.
                """;
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of();
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        if (!args.positionals().isEmpty()) {
            throw new UsageException("backends takes no arguments");
        }
        List<BackendInfo> backends = Vinfer.backends();
        BackendInfo chosen = backends.stream().filter(BackendInfo::usable).findFirst().orElse(null);
        out.printf("  %-10s %-8s %8s  %s%n", "backend", "usable", "priority", "detail");
        for (BackendInfo b : backends) {
            String mark = b == chosen ? "*" : " ";
            out.printf("%s %-10s %-8s %8d  %s%n", mark, b.name(), b.usable() ? "yes" : "no", b.priority(), b.detail());
        }
        if (chosen != null) {
            out.println("* default: " + chosen.name() + " (" + chosen.description() + ")");
        }
        return 0;
    }
}
