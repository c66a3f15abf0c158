package dev.vinfer.scalar.ops;

/**
 * ONNX Reshape's shape (opsets 5-17): the target's 0 copies the input dim at the same index (or is
 * a literal 0 when {@code allowZero}, opset 14), one -1 is inferred from the element count. The
 * data is unchanged in row-major order, so the planner copies or aliases it.
 */
public final class Reshape {
    private Reshape() {
    }

    public static int[] outputShape(int[] inputShape, int[] target, boolean allowZero) {
        int size = Shapes.size(inputShape);
        if (target == null) {
            throw new IllegalArgumentException("Reshape: the target shape is missing");
        }
        int[] out = new int[target.length];
        int inferred = -1;
        boolean hasZero = false;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            int d = target[i];
            if (d == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException("Reshape: target " + Shapes.format(target) + " has more than one -1");
                }
                inferred = i;
                continue;
            }
            if (d < -1) {
                throw new IllegalArgumentException("Reshape: target " + Shapes.format(target) + " has the invalid dim " + d);
            }
            if (d == 0 && !allowZero) {
                if (i >= inputShape.length) {
                    throw new IllegalArgumentException("Reshape: target " + Shapes.format(target) + " copies dim " + i
                            + " (0) but the input " + Shapes.format(inputShape) + " has rank " + inputShape.length);
                }
                d = inputShape[i];
            }
            hasZero |= target[i] == 0;
            out[i] = d;
            known = Math.min(known * d, 1L << 40); // saturates: any count above 2^31 is a mismatch anyway
        }
        if (allowZero && hasZero && inferred >= 0) {
            throw new IllegalArgumentException("Reshape: with allowzero=1 the target " + Shapes.format(target)
                    + " may not have both 0 and -1");
        }
        if (inferred >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("Reshape: cannot infer the -1 of " + Shapes.format(target)
                        + " for input " + Shapes.format(inputShape) + " (" + size + " elements)");
            }
            out[inferred] = (int) (size / known);
        } else if (known != size) {
            throw new IllegalArgumentException("Reshape: target " + Shapes.format(target) + " has " + known
                    + " elements, the input " + Shapes.format(inputShape) + " has " + size);
        }
        return out;
    }
}
