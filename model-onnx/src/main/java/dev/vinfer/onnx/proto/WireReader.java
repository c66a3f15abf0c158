package dev.vinfer.onnx.proto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over one protobuf message in a byte buffer: the wire format (varints, 32- and 64-bit
 * little-endian values, length-delimited fields, groups), nothing about any schema. Everything read
 * is checked against the bytes that remain, so a truncated or hostile file is a
 * {@link MalformedModelException}, never an exception from the buffer, an oversized allocation or a
 * loop: a varint has at most 10 bytes, a length must fit in the message, nested messages and groups
 * stop at {@link #MAX_DEPTH}.
 *
 * <p>Typical use: {@code while (r.hasMore()) { int tag = r.readTag(); switch (WireReader.field(tag)) ... } }.
 */
public final class WireReader {
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    public static final int START_GROUP = 3;
    public static final int END_GROUP = 4;
    public static final int FIXED32 = 5;

    /** Deepest nesting of messages and groups; ONNX's own messages need fewer than ten levels. */
    public static final int MAX_DEPTH = 64;

    private final ByteBuffer buffer; // absolute reads only, so slices share it safely
    private final String message;    // the message type, for errors
    private final int start;
    private final int end;
    private final int depth;
    private int pos;
    private int lastTag;

    private WireReader(ByteBuffer buffer, int start, int end, int depth, String message) {
        this.buffer = buffer;
        this.start = start;
        this.pos = start;
        this.end = end;
        this.depth = depth;
        this.message = message;
    }

    /** A reader over all of {@code bytes}' remaining content, the outermost message {@code message}. */
    public static WireReader of(ByteBuffer bytes, String message) {
        ByteBuffer b = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        return new WireReader(b, 0, b.limit(), 0, message);
    }

    public static int field(int tag) {
        return tag >>> 3;
    }

    public static int wireType(int tag) {
        return tag & 7;
    }

    public boolean hasMore() {
        return pos < end;
    }

    public String messageName() {
        return message;
    }

    /** The next field's tag (field number and wire type), checked to be a valid one. */
    public int readTag() {
        long tag = readVarint();
        int wireType = (int) (tag & 7);
        long field = tag >>> 3;
        if (field < 1 || field > (1 << 29) - 1 || wireType > FIXED32) {
            throw fail("invalid field tag " + tag + " at byte " + pos);
        }
        lastTag = (int) tag;
        return lastTag;
    }

    /** A base-128 varint of at most 10 bytes (the 10th may only hold the top bit of 64). */
    public long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw fail("truncated varint");
            }
            int b = buffer.get(pos++) & 0xff;
            if (shift == 63 && b > 1) {
                throw fail("varint longer than 64 bits");
            }
            result |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return result;
            }
        }
        throw fail("varint longer than 10 bytes");
    }

    public int readFixed32() {
        need(4);
        int v = buffer.getInt(pos);
        pos += 4;
        return v;
    }

    public long readFixed64() {
        need(8);
        long v = buffer.getLong(pos);
        pos += 8;
        return v;
    }

    /** The length prefix of a length-delimited field, checked against the bytes left in this message. */
    public int readLength() {
        long length = readVarint();
        if (length < 0 || length > end - pos) {
            throw fail("field " + field(lastTag) + " claims " + Long.toUnsignedString(length) + " bytes, but only "
                    + (end - pos) + " remain");
        }
        return (int) length;
    }

    /** The bytes of a length-delimited field, as a little-endian view sharing the file's buffer. */
    public ByteBuffer readBytes() {
        int length = readLength();
        ByteBuffer slice = buffer.slice(pos, length).order(ByteOrder.LITTLE_ENDIAN);
        pos += length;
        return slice;
    }

    /** A length-delimited field decoded as UTF-8, refused when longer than {@code maxBytes}. */
    public String readString(int maxBytes) {
        int length = readLength();
        if (length > maxBytes) {
            throw fail("field " + field(lastTag) + " is a string of " + length + " bytes (limit " + maxBytes + ")");
        }
        byte[] bytes = new byte[length];
        buffer.get(pos, bytes);
        pos += length;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A nested message: a reader over its bytes, one level deeper. */
    public WireReader readMessage(String type) {
        if (depth + 1 > MAX_DEPTH) {
            throw fail("messages nested deeper than " + MAX_DEPTH + " levels");
        }
        int length = readLength();
        WireReader sub = new WireReader(buffer, pos, pos + length, depth + 1, type);
        pos += length;
        return sub;
    }

    /** Checks that the field just read has {@code expected} wire type. */
    public void expect(int tag, int expected) {
        if (wireType(tag) != expected) {
            throw fail("field " + field(tag) + " has wire type " + wireType(tag) + ", expected " + expected);
        }
    }

    /** Skips the value of the field whose tag was just read, whatever its type (groups included). */
    public void skip(int tag) {
        int groups = 0;
        int wireType = wireType(tag);
        while (true) {
            switch (wireType) {
                case VARINT -> readVarint();
                case FIXED64 -> skipBytes(8);
                case LENGTH_DELIMITED -> skipBytes(readLength());
                case FIXED32 -> skipBytes(4);
                case START_GROUP -> {
                    if (depth + ++groups > MAX_DEPTH) {
                        throw fail("groups nested deeper than " + MAX_DEPTH + " levels");
                    }
                }
                case END_GROUP -> {
                    if (groups == 0) {
                        throw fail("end of a group that was never started");
                    }
                    groups--;
                }
                default -> throw fail("invalid wire type " + wireType);
            }
            if (groups == 0) {
                return;
            }
            if (!hasMore()) {
                throw fail("truncated group");
            }
            wireType = wireType(readTag());
        }
    }

    /** A new reader over this same message, from its first byte (for a second pass). */
    public WireReader rewound() {
        return new WireReader(buffer, start, end, depth, message);
    }

    /** Where the next read starts, relative to the outermost message (for errors and tests). */
    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    private void skipBytes(int n) {
        need(n);
        pos += n;
    }

    private void need(int n) {
        if (n > end - pos) {
            throw fail("truncated: needs " + n + " bytes, " + (end - pos) + " remain");
        }
    }

    /** An error about this message; callers add which field or item it was. */
    public MalformedModelException fail(String problem) {
        return new MalformedModelException("malformed " + message + ": " + problem);
    }
}
