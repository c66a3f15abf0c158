package dev.vinfer.onnx.proto;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire format on hand-written bytes: values, limits, and the errors of broken input. */
class WireReaderTest {

    private static WireReader reader(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return WireReader.of(ByteBuffer.wrap(b), "Test");
    }

    private static String error(Runnable r) {
        return assertThrows(MalformedModelException.class, r::run).getMessage();
    }

    @Test
    void varints() {
        assertEquals(1, reader(0x01).readVarint());
        assertEquals(300, reader(0xac, 0x02).readVarint());
        assertEquals(-1L, reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).readVarint());
        assertEquals(Long.MAX_VALUE, reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f).readVarint());
        assertTrue(error(() -> reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02).readVarint()).contains("longer than 64 bits"));
        assertTrue(error(() -> reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x81, 0x01).readVarint()).contains("longer than 64 bits"));
        assertTrue(error(() -> reader(0x80, 0x80).readVarint()).contains("truncated varint"));
    }

    @Test
    void fixedWidthValuesAreLittleEndian() {
        assertEquals(1.0f, Float.intBitsToFloat(reader(0x00, 0x00, 0x80, 0x3f).readFixed32()));
        assertEquals(0x0807060504030201L, reader(1, 2, 3, 4, 5, 6, 7, 8).readFixed64());
        assertTrue(error(() -> reader(1, 2, 3).readFixed32()).contains("needs 4 bytes, 3 remain"));
    }

    @Test
    void tagsAreChecked() {
        assertTrue(error(() -> reader(0x00).readTag()).contains("invalid field tag 0"));
        assertTrue(error(() -> reader(0x0e).readTag()).contains("invalid field tag 14")); // wire type 6
        WireReader r = reader(0x0a, 0x01, 0x41);
        int tag = r.readTag();
        assertEquals(1, WireReader.field(tag));
        assertEquals(WireReader.LENGTH_DELIMITED, WireReader.wireType(tag));
        assertTrue(error(() -> r.expect(tag, WireReader.VARINT)).contains("field 1 has wire type 2, expected 0"));
    }

    @Test
    void lengthsMustFitTheMessage() {
        WireReader r = reader(0x0a, 0x05, 0x41, 0x42);
        r.readTag();
        assertTrue(error(r::readBytes).contains("field 1 claims 5 bytes, but only 2 remain"));
        WireReader nested = reader(0x0a, 0x03, 0x08, 0x96, 0x01, 0x10, 0x02);
        nested.readTag();
        WireReader sub = nested.readMessage("Inner");
        assertEquals(1, WireReader.field(sub.readTag()));
        assertEquals(150, sub.readVarint());
        assertFalse(sub.hasMore(), "the inner reader stops at its own end");
        assertEquals(2, WireReader.field(nested.readTag()));
    }

    @Test
    void stringsHaveALimit() {
        WireReader r = reader(0x0a, 0x03, 0x61, 0x62, 0x63);
        r.readTag();
        assertTrue(error(() -> r.readString(2)).contains("string of 3 bytes (limit 2)"));
    }

    @Test
    void skippingEveryWireTypeAndNestedGroups() {
        // varint, fixed64, length-delimited, fixed32, then group 5 { group 6 { varint } }, then field 9 = 1
        WireReader r = reader(0x08, 0x96, 0x01, 0x11, 1, 2, 3, 4, 5, 6, 7, 8, 0x1a, 0x02, 0x61, 0x62, 0x25, 1, 2, 3, 4,
                0x2b, 0x33, 0x38, 0x01, 0x34, 0x2c, 0x48, 0x01);
        for (int k = 0; k < 5; k++) {
            r.skip(r.readTag());
        }
        assertEquals(9, WireReader.field(r.readTag()));
        assertEquals(1, r.readVarint());
        assertTrue(error(() -> reader(0x2c).skip(reader(0x2c).readTag())).contains("end of a group that was never started"));
        assertTrue(error(() -> {
            WireReader t = reader(0x2b, 0x08, 0x01);
            t.skip(t.readTag());
        }).contains("truncated group"));
    }

    @Test
    void nestingIsLimited() {
        int depth = WireReader.MAX_DEPTH + 1;
        int[] groups = new int[depth * 2];
        for (int i = 0; i < depth; i++) {
            groups[i] = 0x2b;
            groups[depth + i] = 0x2c;
        }
        WireReader g = reader(groups);
        assertTrue(error(() -> g.skip(g.readTag())).contains("groups nested deeper than 64 levels"));
        WireReader deep = nestedReaders(WireReader.MAX_DEPTH);
        deep.readTag();
        assertTrue(error(() -> deep.readMessage("TooDeep")).contains("nested deeper than 64 levels"));
    }

    /** A reader {@code levels} messages deep, positioned before one more nested field. */
    private static WireReader nestedReaders(int levels) {
        java.io.ByteArrayOutputStream inner = new java.io.ByteArrayOutputStream();
        inner.write(0x0a);
        inner.write(0x00); // the innermost: field 1, empty
        for (int i = 0; i < levels; i++) {
            byte[] content = inner.toByteArray();
            java.io.ByteArrayOutputStream outer = new java.io.ByteArrayOutputStream();
            outer.write(0x0a);
            for (long v = content.length; ; v >>>= 7) { // the length as a varint
                if (v < 0x80) {
                    outer.write((int) v);
                    break;
                }
                outer.write((int) (v & 0x7f) | 0x80);
            }
            outer.writeBytes(content);
            inner = outer;
        }
        WireReader r = WireReader.of(ByteBuffer.wrap(inner.toByteArray()), "Level0");
        for (int i = 0; i < levels; i++) {
            r.readTag();
            r = r.readMessage("Level" + (i + 1));
        }
        return r;
    }
}
