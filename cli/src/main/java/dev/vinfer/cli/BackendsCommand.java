package dev.vinfer.cli;

import dev.vinfer.api.BackendInfo;
import dev.vinfer.api.Vinfer;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.List;

/** {@code vinfer backends}: every backend found, whether it can run here, and which is the default. */
@Command(name = "backends",
        description = {"list the backends found, whether each can run here, and why not",
                "",
                "Lists every backend found on the module path, highest priority first. The default (marked *) is "
                        + "the usable one with the highest priority; choose another with --backend or the system "
                        + "property vinfer.backend.",
                ""})
final class BackendsCommand extends Subcommand {

    @Override
    protected int run(PrintStream out, PrintStream err) {
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
