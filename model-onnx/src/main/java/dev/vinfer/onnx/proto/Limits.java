package dev.vinfer.onnx.proto;

/**
 * Bounds on what one ONNX file may declare, far above any real CNN yet small enough that a hostile
 * file cannot make the reader allocate much more than the file's own size.
 */
final class Limits {
    /** Graph nodes, inputs, outputs or initializers (ResNet-152 has about 500 nodes). */
    static final int MAX_ITEMS = 1 << 20;
    /** Inputs or outputs of one node, attributes of one node, entries of one ints/floats/strings attribute. */
    static final int MAX_LIST = 1 << 16;
    /** Dimensions of one tensor or value; the engine handles rank 5 at most, the rest is for the error. */
    static final int MAX_DIMS = 64;
    /** A name (value, node, operator, domain, attribute). */
    static final int MAX_NAME_BYTES = 64 << 10;
    /** A string attribute. */
    static final int MAX_STRING_BYTES = 1 << 20;

    private Limits() {
    }

    static void checkCount(WireReader r, int count, int max, String what) {
        if (count >= max) {
            throw r.fail("more than " + max + " " + what);
        }
    }
}
