package dev.vinfer.plan;

import dev.vinfer.graph.Node;
import dev.vinfer.scalar.ScalarBackend;
import dev.vinfer.scalar.ops.Pad;
import dev.vinfer.spi.BoundLayer;
import dev.vinfer.tensor.NdArray;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Pad in plain layout (a zero Pad before a Conv was already folded into its padding by a pass). */
final class PadLowering {
    private PadLowering() {
    }

    static void lower(PlanBuilder plan, Node node) {
        PlannedValue x = plan.plain(plan.input(node, 0));
        NdArray padsTensor = plan.constant(node, 1, "pads");
        int[] pads = new int[padsTensor.size()];
        for (int i = 0; i < pads.length; i++) {
            pads[i] = (int) padsTensor.data()[i];
        }
        if (pads.length != 2 * x.rank()) {
            throw new PlanException(node, "pads " + Arrays.toString(pads) + " must have 2 x rank (" + 2 * x.rank() + ") values");
        }
        float value = 0f;
        if (node.hasInput(2)) {
            NdArray v = plan.constant(node, 2, "constant_value");
            if (v.size() != 1) {
                throw new PlanException(node, "constant_value must be one value, got " + v.shapeText());
            }
            value = v.data()[0];
        }
        String modeName = node.attributes().getString("mode", "constant");
        Pad.Mode mode = switch (modeName) {
            case "constant" -> Pad.Mode.CONSTANT;
            case "reflect" -> Pad.Mode.REFLECT;
            case "edge" -> Pad.Mode.EDGE;
            default -> throw new PlanException(node, "Pad mode '" + modeName + "' is not constant, reflect or edge");
        };
        Pad pad = Pad.of(x.logical(), pads, mode, value);
        PlannedValue out = plan.newValue(node.output(), Pad.outputShape(x.logical(), pads, mode), Layout.PLAIN);
        plan.addStep(new Step(node.name(), "pad " + modeName.toLowerCase(Locale.ROOT), ScalarBackend.NAME, 0, List.of(x), List.of(out),
                (inputs, outputs, workers) -> BoundLayer.of(pad.taskCount(), 16, (from, to, w) -> pad.run(inputs[0], outputs[0], from, to))));
    }
}
