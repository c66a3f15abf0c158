package dev.vinfer.mobilenet.safetensors;

import dev.vinfer.io.UntrustedText;
import dev.vinfer.spi.ModelLoadException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A validated safetensors file: an 8-byte little-endian header length, a JSON header mapping tensor
 * names to {@code {dtype, shape, data_offsets}}, then the tensors' bytes. Everything in the header
 * is checked before any tensor is read: offsets inside the file, tensors tiling the data section
 * with no overlap and no gap, and shape x dtype size equal to each tensor's byte length. Every
 * error names the file (and the tensor).
 */
public final class SafetensorsFile {
    /** A header larger than this is not a model but an attack or a corrupt file. */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    /** A tensor with more dimensions than this is not a weight tensor. */
    public static final int MAX_RANK = 16;
    /** Bytes read per step: a multiple of every element size. */
    static final int CHUNK_BYTES = 1 << 20;

    private final Path file;
    private final long dataStart;
    private final Map<String, TensorEntry> tensors;
    private final Map<String, String> metadata;
    /** The read buffer of {@link #readFloats}, made on first use and kept for the next tensor. */
    private ByteBuffer chunk;

    private SafetensorsFile(Path file, long dataStart, Map<String, TensorEntry> tensors, Map<String, String> metadata) {
        this.file = file;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /**
     * Reads and validates the header; tensor data is read on demand by {@link #readFloats}.
     *
     * @param file a safetensors file
     * @return the file with its validated header
     * @throws IOException when the file cannot be read
     */
    public static SafetensorsFile open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new ModelLoadException(file, "not a safetensors file: only " + size + " bytes");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLength = lenBuf.flip().getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
                throw new ModelLoadException(file, "safetensors header length " + Long.toUnsignedString(headerLength)
                        + " is impossible for a file of " + size + " bytes (limit " + MAX_HEADER_BYTES + ")");
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLength);
            readFully(ch, headerBuf, 8);
            String headerText = new String(headerBuf.array(), StandardCharsets.UTF_8);
            long dataStart = 8 + headerLength;
            return parseHeader(file, headerText, dataStart, size - dataStart);
        }
    }

    private static SafetensorsFile parseHeader(Path file, String text, long dataStart, long dataSize) {
        SafetensorsHeader header = SafetensorsHeader.parse(file, text, dataSize);
        checkTiling(file, header.tensors.values(), dataSize);
        return new SafetensorsFile(file, dataStart, Collections.unmodifiableMap(header.tensors), Collections.unmodifiableMap(header.metadata));
    }

    /** Tensors must cover the data section exactly: no overlaps (aliasing) and no unexplained gaps. */
    private static void checkTiling(Path file, Iterable<TensorEntry> entries, long dataSize) {
        List<TensorEntry> sorted = new ArrayList<>();
        entries.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        long position = 0;
        TensorEntry previous = null;
        for (TensorEntry e : sorted) {
            if (e.begin() < position) {
                throw bad(file, e.name(), "overlaps tensor " + UntrustedText.name(previous.name()) + " (bytes " + e.begin() + ".." + position + ")");
            }
            if (e.begin() > position) {
                throw new ModelLoadException(file, "gap of " + (e.begin() - position) + " unexplained bytes before tensor " + UntrustedText.name(e.name()));
            }
            position = e.end();
            previous = e;
        }
        if (position != dataSize) {
            throw new ModelLoadException(file, (dataSize - position) + " trailing bytes after the last tensor");
        }
    }

    /** {@return the file} */
    public Path file() {
        return file;
    }

    /** {@return the tensor entries by name, in header order} */
    public Map<String, TensorEntry> tensors() {
        return tensors;
    }

    /** {@return the free-form {@code __metadata__} of the header} */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * {@return the entry of tensor {@code name}}
     *
     * @param name a tensor name
     * @throws ModelLoadException when there is no such tensor
     */
    public TensorEntry entry(String name) {
        TensorEntry e = tensors.get(name);
        if (e == null) {
            throw new ModelLoadException(file, "missing tensor " + UntrustedText.name(name));
        }
        return e;
    }

    /**
     * Reads a float tensor (F32, or F16/BF16/F64 converted) as float32.
     *
     * <p>The bytes pass through one reused {@value #CHUNK_BYTES}-byte direct buffer, chunk by chunk,
     * straight into the result: a heap copy of each tensor's bytes (17 MB of garbage for a
     * MobileNet 1.0 checkpoint) cost a cold load young collections that copied the weights already
     * read, and the channel copied every heap read through a temporary direct buffer anyway.
     *
     * @param name a tensor name
     * @return its elements
     * @throws IOException when the file cannot be read
     */
    public synchronized float[] readFloats(String name) throws IOException {
        TensorEntry e = entry(name);
        if (!e.dtype().isFloat()) {
            throw bad(file, name, "has dtype " + e.dtype() + "; weights must be F32, F16, BF16 or F64");
        }
        long count = e.elementCount();
        if (count > Integer.MAX_VALUE - 16 || e.end() - e.begin() > Integer.MAX_VALUE - 16) {
            throw bad(file, name, "has " + count + " elements (" + (e.end() - e.begin()) + " bytes), more than vinfer can hold in one array");
        }
        float[] out = new float[(int) count];
        if (chunk == null) {
            chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        }
        int elementBytes = e.dtype().bytes();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int done = 0;
            long position = dataStart + e.begin();
            while (done < out.length) {
                int elements = Math.min(out.length - done, CHUNK_BYTES / elementBytes);
                chunk.clear().limit(elements * elementBytes);
                readFully(ch, chunk, position);
                chunk.flip();
                convert(e.dtype(), chunk, out, done, elements);
                done += elements;
                position += (long) elements * elementBytes;
            }
        }
        return out;
    }

    /** {@code count} elements of {@code type} from {@code bytes} into {@code out[from...]} as float32. */
    private static void convert(DType type, ByteBuffer bytes, float[] out, int from, int count) {
        switch (type) {
            case F32 -> bytes.asFloatBuffer().get(out, from, count);
            case F16 -> {
                for (int i = from, end = from + count; i < end; i++) {
                    out[i] = Float.float16ToFloat(bytes.getShort());
                }
            }
            case BF16 -> {
                for (int i = from, end = from + count; i < end; i++) {
                    out[i] = Float.intBitsToFloat((bytes.getShort() & 0xffff) << 16);
                }
            }
            case F64 -> {
                for (int i = from, end = from + count; i < end; i++) {
                    out[i] = (float) bytes.getDouble();
                }
            }
            default -> throw new AssertionError(type);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    /** A problem with one tensor of {@code file}: the message names both. */
    static ModelLoadException bad(Path file, String tensor, String problem) {
        return new ModelLoadException(file, "tensor " + UntrustedText.name(tensor) + ": " + problem);
    }
}
