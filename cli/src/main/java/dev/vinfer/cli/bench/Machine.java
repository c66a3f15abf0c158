package dev.vinfer.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a report records of the machine it ran on.
 *
 * @param cpu        /proc/cpuinfo's "model name", else the architecture
 * @param processors processors available to the JVM
 * @param os         operating system name, version and architecture
 * @param jdk        the Java runtime version
 * @param vm         the JVM's name
 */
public record Machine(String cpu, int processors, String os, String jdk, String vm) {

    public static Machine detect() {
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.version().toString(), System.getProperty("java.vm.name", "?"));
    }

    static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                var model = lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                        .filter(s -> !s.isEmpty()).findFirst();
                if (model.isPresent()) {
                    return model.get();
                }
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // fall back to the architecture
            }
        }
        return "unknown CPU (" + System.getProperty("os.arch") + ")";
    }
}
