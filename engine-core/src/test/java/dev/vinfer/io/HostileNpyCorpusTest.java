package dev.vinfer.io;

import dev.vinfer.api.VinferException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutations of one valid {@code .npy} file written by {@link Npy#write}, each with the error it must
 * give: one line, starting with the file name. NpyTest covers the dtype, Fortran, truncation and
 * trailing-byte cases on hand-made headers; these start from a real file.
 */
@Timeout(30)
class HostileNpyCorpusTest {
    @TempDir
    Path dir;
    private byte[] valid;
    private int headerLength;

    @BeforeEach
    void writeValid() throws IOException {
        Path file = dir.resolve("valid.npy");
        Npy.write(file, new NpyArray(new int[] {1, 2, 2, 3}, new float[12]));
        valid = Files.readAllBytes(file);
        headerLength = (valid[8] & 0xff) | (valid[9] & 0xff) << 8;
        assertEquals(12, Npy.read(file).data().length);
    }

    @Test
    void badMagic() throws IOException {
        expect(b -> set(b, 1, (byte) 'X'), "bad magic");
        expect(b -> set(b, 0, (byte) 0x92), "bad magic");
    }

    @Test
    void unknownFormatVersion() throws IOException {
        expect(b -> set(b, 6, (byte) 4), "unsupported .npy format version 4");
        expect(b -> set(b, 6, (byte) 0), "unsupported .npy format version 0");
    }

    @Test
    void headerLengthBeyondTheFileIsRefusedBeforeReading() throws IOException {
        expect(b -> set(set(b, 8, (byte) 0xff), 9, (byte) 0xff), "header length 65535 is impossible for a file of");
    }

    @Test
    void version2HeaderLengthOfGigabytesIsRefused() throws IOException {
        // Version 2 has a 4-byte header length; 0x7fffffff must not be allocated.
        byte[] v2 = new byte[valid.length + 2];
        System.arraycopy(valid, 0, v2, 0, 8);
        v2[6] = 2;
        ByteBuffer.wrap(v2).order(ByteOrder.LITTLE_ENDIAN).putInt(8, Integer.MAX_VALUE);
        System.arraycopy(valid, 10, v2, 12, valid.length - 10);
        expectFile(write("v2.npy", v2), "header length 2147483647 is impossible");
    }

    @Test
    void headerWithoutItsKeys() throws IOException {
        expect(b -> header(b, h -> h.replace("'descr'", "'desc' ")), "no valid 'descr'");
        expect(b -> header(b, h -> h.replace("'fortran_order': False", "'fortran_order': Maybe")), "no valid 'fortran_order'");
        expect(b -> header(b, h -> h.replace("'shape'", "'shap' ")), "no valid 'shape'");
    }

    @Test
    void wrongDtypesAndByteOrder() throws IOException {
        expect(b -> header(b, h -> h.replace("'<f4'", "'>f4'")), "big-endian");
        expect(b -> header(b, h -> h.replace("'<f4'", "'<i4'")), "dtype '<i4' is not supported");
        expect(b -> header(b, h -> h.replace("'<f4'", "'<f2'")), "dtype '<f2' is not supported");
        expect(b -> header(b, h -> h.replace("'<f4'", "'O\n'")), "dtype 'O\\x0a' is not supported");
    }

    @Test
    void fortranOrder() throws IOException {
        expect(b -> header(b, h -> h.replace("False", "True ")), "Fortran-order");
    }

    @Test
    void shapesThatLie() throws IOException {
        expect(b -> header(b, h -> h.replace("(1, 2, 2, 3)", "(1, 2, 2, 4)")), "truncated");
        expect(b -> header(b, h -> h.replace("(1, 2, 2, 3)", "(1, 2, 2, 2)")), "trailing bytes");
        expect(b -> header(b, h -> h.replace("(1, 2, 2, 3)", "(1, 2, -2, 3)")), "negative dimension");
        expect(b -> header(b, h -> h.replace("(1, 2, 2, 3)", "(1, 2, 2, x)")), "bad shape");
        // 2^31 elements overflow an int; 65536^2 x 16 bytes would be 256 GB: refused from the header alone.
        expect(b -> header(b, h -> h.replace("(1, 2, 2, 3)", "(65536, 65536)")), "too large");
        expect(b -> header(b, h -> h.replace("(1, 2, 2, 3)", "(99999999999)")), "bad shape");
    }

    @Test
    void truncatedAnywhere() throws IOException {
        for (int length : new int[] {0, 5, 8, 9, 10, 40, valid.length - 1}) {
            Path cut = write("cut" + length + ".npy", Arrays.copyOf(valid, length));
            VinferException e = assertThrows(VinferException.class, () -> Npy.read(cut), "length " + length);
            assertOneLine(cut, e);
        }
    }

    @Test
    void aDirectoryAMissingFileOrAFifo() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder.npy"));
        expectFile(folder, "is a directory, expected a .npy file");
        expectFile(dir.resolve("missing.npy"), "no such file");
        Path fifo = dir.resolve("fifo.npy");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            expectFile(fifo, "not a regular file"); // refused at once instead of blocking on open
        }
    }

    private void expect(UnaryOperator<byte[]> mutation, String fragment) throws IOException {
        expectFile(write("case.npy", mutation.apply(valid.clone())), fragment);
    }

    private static void expectFile(Path file, String fragment) {
        VinferException e = assertThrows(VinferException.class, () -> Npy.read(file));
        assertOneLine(file, e);
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    private static void assertOneLine(Path file, VinferException e) {
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n") && !e.getMessage().contains("\r"), "one line: " + e.getMessage());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] set(byte[] b, int index, byte value) {
        b[index] = value;
        return b;
    }

    /** Rewrites the header text keeping its length (mutations pad with spaces). */
    private byte[] header(byte[] b, UnaryOperator<String> edit) {
        String old = new String(b, 10, headerLength, StandardCharsets.ISO_8859_1);
        String text = edit.apply(old.stripTrailing());
        if (text.length() > headerLength - 1) {
            throw new IllegalStateException("test edit too long");
        }
        byte[] padded = (text + " ".repeat(headerLength - 1 - text.length()) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(padded, 0, b, 10, headerLength);
        return b;
    }
}
