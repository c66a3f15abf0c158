package dev.vinfer.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vinfer.api.BackendInfo;
import dev.vinfer.cli.bench.BenchReport.ConfigResult;
import dev.vinfer.cli.bench.BenchReport.LayerInfo;
import dev.vinfer.cli.bench.BenchReport.LayerTime;

/**
 * The report as JSON, built as a Jackson tree (no reflection, so nothing needs opening to Jackson).
 * Times are milliseconds per image; shares are fractions (0..1).
 */
final class JsonReport {
    static final int FORMAT_VERSION = 1;

    private JsonReport() {
    }

    static String render(BenchReport report) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("format", "vinfer-bench");
        root.put("formatVersion", FORMAT_VERSION);
        root.put("date", report.date());
        root.put("command", report.command());

        ObjectNode machine = root.putObject("machine");
        machine.put("cpu", report.machine().cpu());
        machine.put("processors", report.machine().processors());
        machine.put("os", report.machine().os());
        machine.put("jdk", report.machine().jdk());
        machine.put("vm", report.machine().vm());
        machine.put("vectorApi", report.peak().vectorApi());
        machine.put("vectorBits", report.peak().vectorBits());

        ObjectNode peak = root.putObject("peak");
        peak.put("gflopsPerThread", report.peak().gflopsPerThread());
        peak.put("method", report.peak().method());
        peak.put("seconds", report.peak().seconds());
        peak.put("processors", report.peak().processors());
        peak.put("threadScaling", PeakFlops.Peak.SCALING);

        var m = report.model();
        ObjectNode model = root.putObject("model");
        model.put("name", m.name());
        model.putArray("inputHwc").add(m.height()).add(m.width()).add(m.channels());
        model.put("classes", m.classes());
        model.put("multiplyAddsPerImage", m.multiplyAdds());
        model.put("gflopPerImage", m.gflopPerImage());
        ArrayNode layers = model.putArray("layers");
        for (LayerInfo l : m.layers()) {
            layers.addObject().put("name", l.name()).put("op", l.op()).put("multiplyAdds", l.multiplyAdds());
        }

        ArrayNode backends = root.putArray("backends");
        for (BackendInfo b : report.backends()) {
            backends.addObject().put("name", b.name()).put("usable", b.usable()).put("priority", b.priority())
                    .put("detail", b.detail()).put("description", b.description());
        }

        root.put("profiled", report.profiled());
        ArrayNode results = root.putArray("results");
        for (ConfigResult r : report.results()) {
            ObjectNode o = results.addObject();
            o.put("backend", r.backend());
            o.put("threads", r.threads());
            o.put("batch", r.batch());
            o.put("warmupRuns", r.warmupRuns());
            o.put("runs", r.msPerImage().count());
            o.put("medianMsPerImage", r.msPerImage().median());
            o.put("p10MsPerImage", r.msPerImage().p10());
            o.put("p90MsPerImage", r.msPerImage().p90());
            o.put("minMsPerImage", r.msPerImage().min());
            o.put("maxMsPerImage", r.msPerImage().max());
            o.put("imagesPerSecond", r.imagesPerSecond());
            o.put("gflops", r.gflops());
            o.put("peakGflops", r.peakGflops());
            o.put("peakShare", r.peakShare());
            ArrayNode runsOn = o.putArray("layerBackends");
            r.layerBackends().forEach(runsOn::add);
            if (!r.profile().isEmpty()) {
                ArrayNode profile = o.putArray("profile");
                for (LayerTime l : r.profile()) {
                    profile.addObject().put("name", l.name()).put("op", l.op()).put("backend", l.backend())
                            .put("multiplyAdds", l.multiplyAdds()).put("medianMsPerImage", l.medianMs())
                            .put("gflops", l.gflops()).put("share", l.share());
                }
            }
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the JSON report", e);
        }
    }
}
