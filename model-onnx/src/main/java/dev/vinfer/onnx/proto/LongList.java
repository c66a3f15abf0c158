package dev.vinfer.onnx.proto;

import java.util.Arrays;

/** A growable list of longs or floats read from a repeated field (packed or not), with a cap. */
final class LongList {
    private long[] values = new long[4];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }

    /**
     * Reads one occurrence of a repeated integer field: a single varint, or a packed run of them.
     * {@code max} bounds the total, counted before anything is stored.
     */
    void readVarints(WireReader r, int tag, int max, String what) {
        if (WireReader.wireType(tag) == WireReader.VARINT) {
            Limits.checkCount(r, size, max, what);
            add(r.readVarint());
            return;
        }
        r.expect(tag, WireReader.LENGTH_DELIMITED);
        WireReader packed = r.readMessage(what);
        while (packed.hasMore()) {
            Limits.checkCount(r, size, max, what);
            add(packed.readVarint());
        }
    }

    /** As {@link #readVarints} for a repeated float field (fixed32), each float kept as its bits. */
    void readFloatBits(WireReader r, int tag, int max, String what) {
        if (WireReader.wireType(tag) == WireReader.FIXED32) {
            Limits.checkCount(r, size, max, what);
            add(r.readFixed32());
            return;
        }
        r.expect(tag, WireReader.LENGTH_DELIMITED);
        WireReader packed = r.readMessage(what);
        if (packed.remaining() % 4 != 0) {
            throw r.fail("packed " + what + " of " + packed.remaining() + " bytes, not a multiple of 4");
        }
        while (packed.hasMore()) {
            Limits.checkCount(r, size, max, what);
            add(packed.readFixed32());
        }
    }

    float[] toFloats() {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = Float.intBitsToFloat((int) values[i]);
        }
        return out;
    }
}
