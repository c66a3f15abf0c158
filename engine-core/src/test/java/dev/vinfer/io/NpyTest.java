package dev.vinfer.io;

import dev.vinfer.api.VinferException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsShapeAndValues() {
        float[] data = {1f, -2.5f, Float.MIN_VALUE, 3e30f, 0f, 7f};
        Path file = dir.resolve("a.npy");
        Npy.write(file, new NpyArray(new int[] {2, 3}, data));
        NpyArray back = Npy.read(file);
        assertArrayEquals(new int[] {2, 3}, back.shape());
        assertArrayEquals(data, back.data());
        Npy.write(file, new NpyArray(new int[] {6}, data));
        assertArrayEquals(new int[] {6}, Npy.read(file).shape());
    }

    @Test
    void writesTheHeaderNumPyWrites() throws IOException {
        Path file = dir.resolve("h.npy");
        Npy.write(file, new NpyArray(new int[] {2, 3}, new float[6]));
        byte[] bytes = Files.readAllBytes(file);
        String header = new String(bytes, 10, (bytes[8] & 0xff), StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
        assertTrue((10 + header.length()) % 64 == 0);
    }

    @Test
    void readsFloat64RoundedToFloat32() throws IOException {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }";
        Path file = raw(dict, 0);
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(0.1).putDouble(-3.0);
        Files.write(file, data.array(), java.nio.file.StandardOpenOption.APPEND);
        NpyArray array = Npy.read(file);
        assertEquals(0.1f, array.data()[0]);
        assertEquals(-3f, array.data()[1]);
    }

    @Test
    void refusesWhatItCannotReadWithTheFileAndTheReason() throws IOException {
        expectError(raw("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", 4), "big-endian");
        expectError(raw("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", 8), "needs 16");
        expectError(raw("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", 8), "'<i8'");
        expectError(raw("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", 16), "Fortran");
        expectError(raw("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", 12), "truncated");
        expectError(raw("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", 20), "trailing");
        expectError(raw("{'descr': '<f4', 'fortran_order': False, }", 4), "'shape'");
        expectError(raw("{'descr': '<f4', 'fortran_order': False, 'shape': (a, 2), }", 4), "bad shape");
        Path notNpy = dir.resolve("text.npy");
        Files.writeString(notNpy, "hello, world");
        expectError(notNpy, "bad magic");
        Path empty = dir.resolve("empty.npy");
        Files.write(empty, new byte[0]);
        expectError(empty, "bad magic");
        byte[] hugeHeader = Files.readAllBytes(raw("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 4));
        hugeHeader[8] = (byte) 0xff;
        hugeHeader[9] = (byte) 0x7f;
        Path lying = dir.resolve("lying.npy");
        Files.write(lying, hugeHeader);
        expectError(lying, "header length");
    }

    private Path raw(String dict, int dataBytes) throws IOException {
        byte[] header = dict.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buf.putShort((short) header.length);
        buf.put(header);
        Path file = Files.createTempFile(dir, "case", ".npy");
        Files.write(file, Arrays.copyOf(buf.array(), buf.capacity()));
        return file;
    }

    private static void expectError(Path file, String fragment) {
        VinferException e = assertThrows(VinferException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
