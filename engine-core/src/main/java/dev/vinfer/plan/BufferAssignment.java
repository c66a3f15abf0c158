package dev.vinfer.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Gives every computed value a buffer slot by liveness: a value holds its slot from the step that
 * writes it to the last step that reads it, then the slot is free for a later value. A residual that
 * an Add reads many steps later therefore keeps its slot until then, and nothing else is kept. Graph
 * inputs and outputs hold theirs for the whole run (the caller writes and reads them).
 */
final class BufferAssignment {
    private BufferAssignment() {
    }

    /** Assigns {@link PlannedValue#slot} and returns the size of each slot in floats. */
    static int[] assign(List<Step> steps, List<PlannedValue> inputs, List<PlannedValue> outputs) {
        for (int i = 0; i < steps.size(); i++) {
            for (PlannedValue v : steps.get(i).outputs()) {
                v.definedAt = i;
            }
            for (PlannedValue v : steps.get(i).inputs()) {
                v.lastUse = i;
            }
        }
        for (PlannedValue v : outputs) {
            v.lastUse = Integer.MAX_VALUE;
        }
        List<Integer> sizes = new ArrayList<>();
        List<Integer> free = new ArrayList<>();
        for (PlannedValue v : inputs) {
            v.lastUse = Integer.MAX_VALUE;
            take(v, sizes, free);
        }
        for (int i = 0; i < steps.size(); i++) {
            for (PlannedValue v : steps.get(i).outputs()) {
                if (v.slot < 0 && !v.isConstant()) {
                    take(v, sizes, free);
                }
            }
            for (PlannedValue v : steps.get(i).outputs()) {
                if (v.lastUse < 0 && !v.isConstant()) {
                    free.add(v.slot); // written but never read: dead after this step
                }
            }
            for (PlannedValue v : steps.get(i).inputs()) {
                if (v.lastUse == i && !v.isConstant() && !free.contains(v.slot)) {
                    free.add(v.slot);
                }
            }
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The smallest free slot that fits, else the largest free one grown, else a new slot. */
    private static void take(PlannedValue v, List<Integer> sizes, List<Integer> free) {
        int need = Math.max(v.size(), 1);
        int best = -1;
        for (int slot : free) {
            if (sizes.get(slot) >= need && (best < 0 || sizes.get(slot) < sizes.get(best))) {
                best = slot;
            }
        }
        if (best < 0) {
            for (int slot : free) {
                if (best < 0 || sizes.get(slot) > sizes.get(best)) {
                    best = slot;
                }
            }
        }
        if (best < 0) {
            sizes.add(need);
            v.slot = sizes.size() - 1;
            return;
        }
        free.remove(Integer.valueOf(best));
        sizes.set(best, Math.max(sizes.get(best), need));
        v.slot = best;
    }
}
