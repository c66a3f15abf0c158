package dev.vinfer.mobilenet.safetensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
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
    /** Duplicate keys would make a tensor's entry ambiguous: refused, not last-one-wins. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Path file;
    private final long dataStart;
    private final Map<String, TensorEntry> tensors;
    private final Map<String, String> metadata;

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
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ModelLoadException(file, "safetensors header is not valid JSON: " + UntrustedText.excerpt(String.valueOf(e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new ModelLoadException(file, "safetensors header is not a JSON object");
        }
        Map<String, TensorEntry> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode node = field.getValue();
            if (name.equals("__metadata__")) {
                if (node.isObject()) {
                    node.fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                }
                continue;
            }
            tensors.put(name, parseEntry(file, name, node, dataSize));
        }
        checkTiling(file, tensors.values(), dataSize);
        return new SafetensorsFile(file, dataStart, Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static TensorEntry parseEntry(Path file, String name, JsonNode node, long dataSize) {
        if (!node.isObject()) {
            throw bad(file, name, "header entry is not an object");
        }
        JsonNode dtypeNode = node.get("dtype");
        DType dtype = dtypeNode != null && dtypeNode.isTextual() ? DType.parse(dtypeNode.asText()) : null;
        if (dtype == null) {
            throw bad(file, name, "unknown dtype " + json(dtypeNode));
        }
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw bad(file, name, "missing shape");
        }
        if (shapeNode.size() > MAX_RANK) {
            throw bad(file, name, "shape has " + shapeNode.size() + " dimensions, more than " + MAX_RANK);
        }
        long[] shape = new long[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0) {
                throw bad(file, name, "shape " + json(shapeNode) + " has an invalid dimension");
            }
            shape[i] = d.asLong();
            try {
                elements = Math.multiplyExact(elements, shape[i]);
            } catch (ArithmeticException e) {
                throw bad(file, name, "shape " + json(shapeNode) + " has more elements than fit in 64 bits");
            }
        }
        JsonNode offsets = node.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2
                || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()
                || !offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
            throw bad(file, name, "data_offsets must be [begin, end]");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin || end > dataSize) {
            throw bad(file, name, "data_offsets [" + begin + ", " + end + "] lie outside the data section of " + dataSize + " bytes");
        }
        long expectedBytes;
        try {
            expectedBytes = Math.multiplyExact(elements, dtype.bytes());
        } catch (ArithmeticException e) {
            throw bad(file, name, "shape " + json(shapeNode) + " is too large");
        }
        if (end - begin != expectedBytes) {
            throw bad(file, name, "shape " + json(shapeNode) + " x " + dtype + " needs " + expectedBytes + " bytes but data_offsets give " + (end - begin));
        }
        return new TensorEntry(name, dtype, shape, begin, end);
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
     * @param name a tensor name
     * @return its elements
     * @throws IOException when the file cannot be read
     */
    public float[] readFloats(String name) throws IOException {
        TensorEntry e = entry(name);
        if (!e.dtype().isFloat()) {
            throw bad(file, name, "has dtype " + e.dtype() + "; weights must be F32, F16, BF16 or F64");
        }
        long count = e.elementCount();
        if (count > Integer.MAX_VALUE - 16 || e.end() - e.begin() > Integer.MAX_VALUE - 16) {
            throw bad(file, name, "has " + count + " elements (" + (e.end() - e.begin()) + " bytes), more than vinfer can hold in one array");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) (e.end() - e.begin())).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            readFully(ch, bytes, dataStart + e.begin());
        }
        bytes.flip();
        float[] out = new float[(int) count];
        switch (e.dtype()) {
            case F32 -> bytes.asFloatBuffer().get(out);
            case F16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.float16ToFloat(bytes.getShort());
                }
            }
            case BF16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.intBitsToFloat((bytes.getShort() & 0xffff) << 16);
                }
            }
            case F64 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) bytes.getDouble();
                }
            }
            default -> throw new AssertionError(e.dtype());
        }
        return out;
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

    private static ModelLoadException bad(Path file, String tensor, String problem) {
        return new ModelLoadException(file, "tensor " + UntrustedText.name(tensor) + ": " + problem);
    }

    /** A JSON value from the header, escaped and bounded for a message. */
    private static String json(JsonNode node) {
        return UntrustedText.excerpt(String.valueOf(node));
    }
}
