package dev.vinfer.benchmarks.peers;

import dev.vinfer.plan.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Pairs vinfer's plan steps with the nodes ONNX Runtime ran for the same model, for a per-layer
 * table. Both engines fuse, differently: ONNX Runtime folds BatchNorm, activations, a residual Add
 * and a Pad into its (NCHWc) convolutions and pools and adds layout reorders; vinfer folds
 * BatchNorm and activations, fuses a depthwise convolution with the following pointwise one (one
 * step named {@code a+b}), and splits what a kernel cannot fuse into extra steps named
 * {@code node#suffix} (a residual Add, an activation after it).
 *
 * <p>So the tables compare <em>computing units</em>: on vinfer's side a step plus the extra steps of
 * its node, on ONNX Runtime's side one node; a fused {@code a+b} unit covers two ONNX Runtime nodes.
 * Units are paired in order. Steps and nodes that only move data (layout conversions, Flatten,
 * Pad, ONNX Runtime's reorders) are summed apart on each side. Each pair is checked by kind (a
 * convolution against a Conv, a pool against a pool...); a mismatch is reported, never hidden.
 */
final class StepMatching {
    /** ONNX Runtime operators that only move data. */
    private static final Set<String> ORT_MOVEMENT = Set.of("ReorderInput", "ReorderOutput", "Flatten", "Reshape",
            "Transpose", "Identity", "Pad", "Squeeze", "Unsqueeze");

    /** One node ONNX Runtime ran: its profiler's name and its operator. */
    record OrtNode(String name, String op) {
        boolean movesData() {
            return ORT_MOVEMENT.contains(op);
        }
    }

    /**
     * One row: the vinfer steps and ONNX Runtime nodes that compute the same thing.
     *
     * @param label       a short name for the row
     * @param description what vinfer computes, with the backend of steps that fall back from SIMD
     * @param steps       indexes into vinfer's steps
     * @param nodes       indexes into ONNX Runtime's nodes
     * @param ortOps      ONNX Runtime's operators for them, {@code +}-joined
     * @param multiplyAdds vinfer's multiply-adds for the row
     * @param kindMatches whether the two sides compute the same kind of operation
     */
    record Row(String label, String description, List<Integer> steps, List<Integer> nodes, String ortOps,
               long multiplyAdds, boolean kindMatches) {
    }

    private StepMatching() {
    }

    /** Whether a vinfer step only moves data (ONNX Runtime folds a Pad into its consumer). */
    static boolean movesData(Step step) {
        return step.backend().equals(Step.ENGINE) || step.description().startsWith("pad ");
    }

    /** The graph node a step belongs to: its name without the {@code #suffix} of a split epilogue. */
    static String nodeOf(Step step) {
        int hash = step.name().indexOf('#');
        return hash < 0 ? step.name() : step.name().substring(0, hash);
    }

    /**
     * Pairs computing units in order. The rows cover every computing step and node; the last rows
     * hold the data movement of each side (and, if the counts differ, whatever was left unpaired).
     *
     * @param simdBackend the backend name whose steps need no mark (others show it, e.g. {@code [scalar]})
     */
    static List<Row> match(List<Step> steps, List<OrtNode> nodes, String simdBackend) {
        List<Integer> ortUnits = new ArrayList<>();
        List<Integer> ortMovement = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            (nodes.get(n).movesData() ? ortMovement : ortUnits).add(n);
        }
        List<Row> rows = new ArrayList<>();
        List<Integer> vinferMovement = new ArrayList<>();
        int nextOrt = 0;
        int s = 0;
        while (s < steps.size()) {
            Step first = steps.get(s);
            if (movesData(first)) {
                vinferMovement.add(s++);
                continue;
            }
            String node = nodeOf(first);
            List<Integer> unit = new ArrayList<>();
            List<String> descriptions = new ArrayList<>();
            long macs = 0;
            while (s < steps.size() && !movesData(steps.get(s)) && nodeOf(steps.get(s)).equals(node)) {
                Step step = steps.get(s);
                unit.add(s++);
                macs += step.multiplyAdds();
                descriptions.add(step.description() + (step.backend().equals(simdBackend) ? "" : " [" + step.backend() + "]"));
            }
            int covers = node.split("\\+").length;
            List<Integer> matched = new ArrayList<>();
            List<String> ops = new ArrayList<>();
            for (int k = 0; k < covers && nextOrt < ortUnits.size(); k++) {
                int n = ortUnits.get(nextOrt++);
                matched.add(n);
                ops.add(nodes.get(n).op());
            }
            String description = String.join(", ", descriptions);
            rows.add(new Row(label(node), description, unit, matched, String.join("+", ops), macs,
                    matched.size() == covers && sameKind(description, ops)));
        }
        if (!vinferMovement.isEmpty() || !ortMovement.isEmpty()) {
            List<String> ops = ortMovement.stream().map(n -> nodes.get(n).op()).toList();
            rows.add(new Row("(data movement)", vinferMovement.stream().map(i -> steps.get(i).description()).toList().toString(),
                    vinferMovement, ortMovement, String.join("+", ops), 0, true));
        }
        if (nextOrt < ortUnits.size()) {
            List<Integer> left = ortUnits.subList(nextOrt, ortUnits.size());
            rows.add(new Row("(ONNX Runtime nodes left unpaired)", "", List.of(), List.copyOf(left),
                    String.join("+", left.stream().map(n -> nodes.get(n).op()).toList()), 0, false));
        }
        return rows;
    }

    /** Whether vinfer's description and ONNX Runtime's operators name the same kind of work. */
    private static boolean sameKind(String description, List<String> ortOps) {
        String kind = description.toLowerCase(Locale.ROOT);
        for (String op : ortOps) {
            boolean ok = switch (op) {
                case "Conv", "FusedConv" -> kind.startsWith("conv");
                case "MaxPool" -> kind.startsWith("max pool");
                case "AveragePool", "GlobalAveragePool" -> kind.contains("avg pool") || kind.contains("average pool");
                case "Gemm", "FusedGemm", "MatMul" -> kind.startsWith("dense") || kind.startsWith("matmul") || kind.startsWith("gemm");
                case "Softmax" -> kind.startsWith("softmax");
                case "Add", "Sum" -> kind.startsWith("add");
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return !ortOps.isEmpty();
    }

    /**
     * A short name for a graph node: {@code /layer1/layer1.0/conv2/Conv} becomes {@code layer1.0/conv2}
     * (the operator segment dropped, and a segment dropped where the next one extends it); the parts of a
     * fused {@code a+b} are shortened each and joined with {@code " + "}.
     */
    static String label(String node) {
        List<String> parts = new ArrayList<>();
        for (String part : node.split("\\+")) {
            String[] segments = part.replaceFirst("^/", "").split("/");
            List<String> kept = new ArrayList<>();
            int last = segments.length > 1 ? segments.length - 1 : segments.length;
            for (int i = 0; i < last; i++) {
                if (i + 1 < last && segments[i + 1].startsWith(segments[i] + ".")) {
                    continue;
                }
                kept.add(segments[i]);
            }
            parts.add(kept.isEmpty() ? part : String.join("/", kept));
        }
        return String.join(" + ", parts);
    }
}
