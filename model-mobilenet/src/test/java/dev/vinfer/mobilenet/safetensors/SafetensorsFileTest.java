package dev.vinfer.mobilenet.safetensors;

import dev.vinfer.spi.ModelLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsFileTest {
    @TempDir
    Path dir;

    /** Writes a safetensors file from a raw header text and data bytes. */
    Path file(String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h).put(data);
        Path f = Files.createTempFile(dir, "t", ".safetensors");
        Files.write(f, buf.array());
        return f;
    }

    static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void readsF32F16Bf16AndSkipsIntegerScalars() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(8 + 4 + 4 + 8).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(1.5f).putFloat(-2f);
        data.putShort(Float.floatToFloat16(0.5f)).putShort(Float.floatToFloat16(-3f));
        data.putShort((short) (Float.floatToIntBits(2f) >>> 16)).putShort((short) (Float.floatToIntBits(-0.25f) >>> 16));
        data.putLong(42);
        Path f = file("""
                {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},
                 "b":{"dtype":"F16","shape":[1,2],"data_offsets":[8,12]},
                 "c":{"dtype":"BF16","shape":[2],"data_offsets":[12,16]},
                 "n":{"dtype":"I64","shape":[],"data_offsets":[16,24]},
                 "__metadata__":{"format":"pt"}}""", data.array());
        SafetensorsFile st = SafetensorsFile.open(f);
        assertArrayEquals(new float[] {1.5f, -2f}, st.readFloats("a"));
        assertArrayEquals(new float[] {0.5f, -3f}, st.readFloats("b"));
        assertArrayEquals(new float[] {2f, -0.25f}, st.readFloats("c"));
        assertEquals("pt", st.metadata().get("format"));
        assertEquals(0, st.entry("n").shape().length);
        expect(() -> st.readFloats("n"), f, "tensor n", "dtype I64");
        expect(() -> st.readFloats("zzz"), f, "missing tensor zzz");
    }

    @Test
    void refusesBrokenHeadersNamingFileAndTensor() throws IOException {
        byte[] eight = floats(1, 2);
        expect(f("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]", eight), "not valid JSON");
        expect(f("[1,2]", eight), "not a JSON object");
        expect(f("{\"a\":{\"dtype\":\"Q7\",\"shape\":[2],\"data_offsets\":[0,8]}}", eight), "tensor a", "unknown dtype");
        expect(f("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}", eight), "tensor a", "outside the data section");
        expect(f("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", eight), "tensor a", "needs 12 bytes");
        expect(f("{\"a\":{\"dtype\":\"F32\",\"shape\":[2,-1],\"data_offsets\":[0,8]}}", eight), "tensor a", "invalid dimension");
        expect(f("{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]}}", eight), "tensor a", "64 bits");
        expect(f("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", eight),
                "overlaps");
        expect(f("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", eight), "gap of 4");
        expect(f("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", eight), "4 trailing bytes");
        expect(f("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", eight), "tensor a", "data_offsets");
    }

    /** Tensors larger than the read buffer arrive whole, every element in place, in each float type. */
    @Test
    void tensorsSpanningSeveralReadChunksArriveWhole() throws IOException {
        int chunk = SafetensorsFile.CHUNK_BYTES;
        int f32 = chunk / 4 * 2 + 5, f16 = chunk / 2 + 3, bf16 = chunk / 2 + 1, f64 = chunk / 8 * 3 + 7;
        ByteBuffer data = ByteBuffer.allocate(4 * f32 + 2 * f16 + 2 * bf16 + 8 * f64).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < f32; i++) {
            data.putFloat(i * 0.5f);
        }
        for (int i = 0; i < f16; i++) {
            data.putShort(Float.floatToFloat16(i % 2048));
        }
        for (int i = 0; i < bf16; i++) {
            data.putShort((short) (Float.floatToIntBits(i % 256 - 128) >>> 16));
        }
        for (int i = 0; i < f64; i++) {
            data.putDouble(i - 0.25);
        }
        long a = 4L * f32, b = a + 2L * f16, c = b + 2L * bf16, d = c + 8L * f64;
        Path f = file("{\"a\":{\"dtype\":\"F32\",\"shape\":[" + f32 + "],\"data_offsets\":[0," + a + "]},"
                + "\"b\":{\"dtype\":\"F16\",\"shape\":[" + f16 + "],\"data_offsets\":[" + a + "," + b + "]},"
                + "\"c\":{\"dtype\":\"BF16\",\"shape\":[" + bf16 + "],\"data_offsets\":[" + b + "," + c + "]},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[" + f64 + "],\"data_offsets\":[" + c + "," + d + "]}}", data.array());
        SafetensorsFile st = SafetensorsFile.open(f);
        float[] fa = st.readFloats("a");
        float[] fb = st.readFloats("b");
        float[] fc = st.readFloats("c");
        float[] fd = st.readFloats("d");
        assertEquals(f32, fa.length);
        for (int i = 0; i < f32; i++) {
            assertEquals(i * 0.5f, fa[i], "a[" + i + "]");
        }
        for (int i = 0; i < f16; i++) {
            assertEquals(i % 2048, fb[i], "b[" + i + "]");
        }
        for (int i = 0; i < bf16; i++) {
            assertEquals(i % 256 - 128, fc[i], "c[" + i + "]");
        }
        for (int i = 0; i < f64; i++) {
            assertEquals((float) (i - 0.25), fd[i], "d[" + i + "]");
        }
    }

    /** The header is read token by token: fields in any order, unknown ones ignored, metadata of any JSON type. */
    @Test
    void readsEntriesWhateverTheirFieldOrder() throws IOException {
        Path f = file("""
                { "__metadata__" : {"format": "pt", "step": 12, "ok": true, "nested": {"x": [1]}},
                  "a" : {"data_offsets": [0, 4], "comment": {"any": ["thing"]}, "shape": [ 1 ], "dtype": "F\\u0033\\u0032"},
                  "b" : {"shape": [], "dtype": "F32", "data_offsets": [4, 8]} }""", floats(7, 8));
        SafetensorsFile st = SafetensorsFile.open(f);
        assertEquals(java.util.List.of("a", "b"), java.util.List.copyOf(st.tensors().keySet()));
        assertArrayEquals(new float[] {7}, st.readFloats("a"));
        assertArrayEquals(new float[] {8}, st.readFloats("b"));
        assertEquals(java.util.Map.of("format", "pt", "step", "12", "ok", "true", "nested", ""), st.metadata());
    }

    /** Messages quote a value as compact JSON, whatever the spacing in the file; strings keep their spaces. */
    @Test
    void messagesQuoteValuesWithoutTheFilesSpacing() throws IOException {
        byte[] eight = floats(1, 2);
        expect(f("{\"a\": {\"dtype\": \"F32\", \"shape\": [ 3 ,\n 1 ], \"data_offsets\": [0, 8]}}", eight),
                "tensor a: shape [3,1] x F32 needs 12 bytes but data_offsets give 8");
        expect(f("{\"a\": {\"dtype\": \"F 32\", \"shape\": [2], \"data_offsets\": [0, 8]}}", eight), "unknown dtype \"F 32\"");
        expect(f("{\"a\": {\"dtype\": 32, \"shape\": [2], \"data_offsets\": [0, 8]}}", eight), "unknown dtype 32");
        expect(f("{\"a\": {\"shape\": [2], \"data_offsets\": [0, 8]}}", eight), "unknown dtype null");
        expect(f("{\"a\": [1, 2]}", eight), "tensor a: header entry is not an object");
        expect(f("{\"a\": {\"dtype\": \"F32\", \"shape\": [2.0], \"data_offsets\": [0, 8]}}", eight), "shape [2.0] has an invalid dimension");
        expect(f("{\"a\": {\"dtype\": \"F32\", \"shape\": [99999999999999999999], \"data_offsets\": [0, 8]}}", eight), "invalid dimension");
        expect(f("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, \"8\"]}}", eight), "data_offsets must be [begin, end]");
        expect(f("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}} trailing", eight), "not valid JSON");
        expect(f("{\"a\": {\"dtype\": \"Q7\", \"shape\": [2], \"data_offsets\": [0, 8]}, \"b\": }", eight), "not valid JSON");
    }

    @Test
    void refusesImpossibleHeaderLengths() throws IOException {
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        expect(() -> SafetensorsFile.open(tiny), tiny, "only 3 bytes");
        ByteBuffer lying = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).putLong(0);
        Path big = dir.resolve("big.safetensors");
        Files.write(big, lying.array());
        expect(() -> SafetensorsFile.open(big), big, "header length 1099511627776 is impossible");
    }

    private Path f(String header, byte[] data) throws IOException {
        return file(header, data);
    }

    private static void expect(Path file, String... fragments) {
        expect(() -> SafetensorsFile.open(file), file, fragments);
    }

    private static void expect(org.junit.jupiter.api.function.Executable action, Path file, String... fragments) {
        ModelLoadException e = assertThrows(ModelLoadException.class, action);
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
        }
    }
}
