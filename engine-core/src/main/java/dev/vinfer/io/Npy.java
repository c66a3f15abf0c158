package dev.vinfer.io;

import dev.vinfer.api.VinferException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files holding little-endian float32 (or float64, rounded to float32) arrays
 * in C order, and writes float32 ones
 * (format versions 1.0-3.0). Anything else is refused with a message naming the file and the
 * reason, never read as garbage.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy itself caps headers far below this; a bigger one is a corrupt or hostile file. */
    private static final int MAX_HEADER = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * Reads a float32 array; the message of any failure starts with the file name.
     *
     * @param file a {@code .npy} file
     * @return its shape and data
     * @throws dev.vinfer.api.VinferException when the file cannot be read or is not a float32 C-order array
     */
    public static NpyArray read(Path file) {
        if (!Files.isRegularFile(file)) {
            // A FIFO or a device would block or never end; a directory fails with an OS message.
            throw fail(file, !Files.exists(file) ? "no such file"
                    : Files.isDirectory(file) ? "is a directory, expected a .npy file" : "not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            long fileSize = Files.size(file);
            byte[] prefix = in.readNBytes(8);
            if (prefix.length < 8 || !startsWithMagic(prefix)) {
                throw fail(file, "not a .npy file (bad magic)");
            }
            int major = prefix[6] & 0xff;
            int headerLength;
            int prefixLength;
            if (major == 1) {
                byte[] len = in.readNBytes(2);
                if (len.length < 2) {
                    throw fail(file, "truncated header");
                }
                headerLength = (len[0] & 0xff) | (len[1] & 0xff) << 8;
                prefixLength = 10;
            } else if (major == 2 || major == 3) {
                byte[] len = in.readNBytes(4);
                if (len.length < 4) {
                    throw fail(file, "truncated header");
                }
                headerLength = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt();
                prefixLength = 12;
            } else {
                throw fail(file, "unsupported .npy format version " + major);
            }
            if (headerLength < 0 || headerLength > MAX_HEADER || prefixLength + (long) headerLength > fileSize) {
                throw fail(file, "header length " + Integer.toUnsignedString(headerLength) + " is impossible for a file of " + fileSize + " bytes");
            }
            String header = new String(in.readNBytes(headerLength), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            String descr = match(file, DESCR, header, "descr");
            // float64 is NumPy's default dtype, so it is read too and rounded to float32 as astype would.
            boolean doubles = descr.equals("<f8");
            if (!descr.equals("<f4") && !descr.equals("|f4") && !doubles) {
                String hint = descr.equals(">f4") ? " (big-endian float32)" : "";
                throw fail(file, "dtype " + UntrustedText.quote(descr) + hint + " is not supported; vinfer reads little-endian float32 ('<f4') or float64 ('<f8')");
            }
            int elementBytes = doubles ? 8 : 4;
            if (match(file, FORTRAN, header, "fortran_order").equals("True")) {
                throw fail(file, "Fortran-order arrays are not supported; save with np.ascontiguousarray(x)");
            }
            String shapeText = match(file, SHAPE, header, "shape");
            int[] shape = parseShape(file, shapeText);
            long count = 1;
            for (int d : shape) {
                count *= d;
                if (count > Integer.MAX_VALUE - 16) {
                    throw fail(file, "shape (" + UntrustedText.quote(shapeText) + ") is too large");
                }
            }
            long dataBytes = count * elementBytes;
            long expectedBytes = prefixLength + headerLength + dataBytes;
            if (fileSize != expectedBytes) {
                throw fail(file, "holds " + (fileSize - prefixLength - headerLength) + " data bytes but its shape needs " + dataBytes
                        + (fileSize < expectedBytes ? " (truncated)" : " (trailing bytes)"));
            }
            if (dataBytes > Integer.MAX_VALUE - 16) {
                throw fail(file, "shape (" + UntrustedText.quote(shapeText) + ") is too large");
            }
            byte[] bytes = in.readNBytes((int) dataBytes);
            if (bytes.length != dataBytes) {
                throw fail(file, "changed size while being read");
            }
            float[] data = new float[(int) count];
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (doubles) {
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) buffer.getDouble();
                }
            } else {
                buffer.asFloatBuffer().get(data);
            }
            return new NpyArray(shape, data);
        } catch (IOException e) {
            throw fail(file, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Writes a float32 array (format 1.0). Writes to a temporary file first and moves it into place,
     * so a failure never leaves a partial file behind.
     *
     * @param file  where to write
     * @param array what to write
     */
    public static void write(Path file, NpyArray array) {
        StringBuilder shape = new StringBuilder();
        for (int d : array.shape()) {
            shape.append(d).append(", ");
        }
        String dims = array.rank() == 1 ? shape.toString().trim() : shape.substring(0, Math.max(0, shape.length() - 2));
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        // Pad so that magic + length + header is a multiple of 64, and end with a newline, as NumPy does.
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer data = ByteBuffer.allocate(array.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(array.data());
        Path dir = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                out.write(MAGIC);
                out.write(new byte[] {1, 0, (byte) (header.length() & 0xff), (byte) (header.length() >> 8)});
                out.write(header.getBytes(StandardCharsets.ISO_8859_1));
                out.write(data.array());
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the original error is the one worth reporting
                }
            }
            throw new VinferException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static boolean startsWithMagic(byte[] prefix) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (prefix[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static String match(Path file, Pattern pattern, String header, String key) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw fail(file, "header has no valid '" + key + "' entry");
        }
        return m.group(1);
    }

    private static int[] parseShape(Path file, String text) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                int d = Integer.parseInt(t);
                if (d < 0) {
                    throw fail(file, "negative dimension in shape (" + UntrustedText.quote(text) + ")");
                }
                dims.add(d);
            } catch (NumberFormatException e) {
                throw fail(file, "bad shape (" + UntrustedText.quote(text) + ")");
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private static VinferException fail(Path file, String problem) {
        return new VinferException(file + ": " + problem);
    }
}
