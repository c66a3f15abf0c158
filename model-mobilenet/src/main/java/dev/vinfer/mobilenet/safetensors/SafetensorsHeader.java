package dev.vinfer.mobilenet.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.vinfer.io.UntrustedText;
import dev.vinfer.spi.ModelLoadException;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON header of a safetensors file, read with Jackson's streaming parser: tensor entries
 * ({@code {dtype, shape, data_offsets}}, checked one by one) and the free-form {@code __metadata__}.
 *
 * <p>Why streaming and not a tree: jackson-databind's {@code ObjectMapper} takes a few hundred
 * milliseconds to initialise in a cold JVM, most of a one-photo {@code vinfer classify}'s model load,
 * and this header is the only JSON a safetensors model needs. Two passes: the first checks the whole
 * text is JSON (syntax, nesting depth, duplicate keys), the second reads the entries, so a broken
 * text is reported as such before any entry's content is judged. Anything but whitespace after the
 * root object is refused (the tree reader this replaced ignored it; the format's reference
 * implementation refuses it too). Messages quote a value as written in the file, less whitespace.
 */
final class SafetensorsHeader {
    /** Duplicate keys would make a tensor's entry ambiguous: refused, not last-one-wins. */
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    final Map<String, TensorEntry> tensors = new LinkedHashMap<>();
    final Map<String, String> metadata = new LinkedHashMap<>();

    private final Path file;
    private final String text;
    private final long dataSize;

    private SafetensorsHeader(Path file, String text, long dataSize) {
        this.file = file;
        this.text = text;
        this.dataSize = dataSize;
    }

    /**
     * Reads {@code text}, the header of {@code file}, whose data section holds {@code dataSize} bytes.
     *
     * @throws ModelLoadException naming the file (and the tensor) when the header is not valid
     */
    static SafetensorsHeader parse(Path file, String text, long dataSize) {
        SafetensorsHeader header = new SafetensorsHeader(file, text, dataSize);
        try {
            try (JsonParser p = JSON.createParser(text)) {
                while (p.nextToken() != null) {
                    p.skipChildren();
                }
            }
            try (JsonParser p = JSON.createParser(text)) {
                header.read(p);
            }
        } catch (JsonProcessingException e) {
            throw new ModelLoadException(file, "safetensors header is not valid JSON: " + UntrustedText.excerpt(String.valueOf(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new ModelLoadException(file, "safetensors header is not valid JSON: " + UntrustedText.excerpt(String.valueOf(e.getMessage())));
        }
        return header;
    }

    private void read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new ModelLoadException(file, "safetensors header is not a JSON object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("__metadata__")) {
                readMetadata(p, value);
            } else {
                tensors.put(name, readEntry(p, name, value));
            }
        }
    }

    /** String values as they are, other scalars as their JSON text, nested values as "" (what a tree's asText gave). */
    private void readMetadata(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            metadata.put(key, v.isScalarValue() ? p.getText() : "");
            p.skipChildren();
        }
    }

    /** One tensor's entry; its fields may come in any order, unknown ones are ignored. */
    private TensorEntry readEntry(JsonParser p, String name, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            throw bad(name, "header entry is not an object");
        }
        Field dtype = null;
        Field shape = null;
        Field offsets = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "dtype" -> dtype = Field.read(p, text);
                case "shape" -> shape = Field.read(p, text);
                case "data_offsets" -> offsets = Field.read(p, text);
                default -> p.skipChildren();
            }
        }
        return check(name, dtype, shape, offsets);
    }

    private TensorEntry check(String name, Field dtypeField, Field shapeField, Field offsets) {
        DType dtype = dtypeField != null && dtypeField.string != null ? DType.parse(dtypeField.string) : null;
        if (dtype == null) {
            throw bad(name, "unknown dtype " + (dtypeField == null ? "null" : dtypeField.json()));
        }
        if (shapeField == null || shapeField.elements == null) {
            throw bad(name, "missing shape");
        }
        if (shapeField.elements.size() > SafetensorsFile.MAX_RANK) {
            throw bad(name, "shape has " + shapeField.elements.size() + " dimensions, more than " + SafetensorsFile.MAX_RANK);
        }
        long[] shape = new long[shapeField.elements.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            Long d = shapeField.elements.get(i);
            if (d == null || d < 0) {
                throw bad(name, "shape " + shapeField.json() + " has an invalid dimension");
            }
            shape[i] = d;
            try {
                elements = Math.multiplyExact(elements, shape[i]);
            } catch (ArithmeticException e) {
                throw bad(name, "shape " + shapeField.json() + " has more elements than fit in 64 bits");
            }
        }
        if (offsets == null || offsets.elements == null || offsets.elements.size() != 2
                || offsets.elements.get(0) == null || offsets.elements.get(1) == null) {
            throw bad(name, "data_offsets must be [begin, end]");
        }
        long begin = offsets.elements.get(0);
        long end = offsets.elements.get(1);
        if (begin < 0 || end < begin || end > dataSize) {
            throw bad(name, "data_offsets [" + begin + ", " + end + "] lie outside the data section of " + dataSize + " bytes");
        }
        long expectedBytes;
        try {
            expectedBytes = Math.multiplyExact(elements, dtype.bytes());
        } catch (ArithmeticException e) {
            throw bad(name, "shape " + shapeField.json() + " is too large");
        }
        if (end - begin != expectedBytes) {
            throw bad(name, "shape " + shapeField.json() + " x " + dtype + " needs " + expectedBytes + " bytes but data_offsets give " + (end - begin));
        }
        return new TensorEntry(name, dtype, shape, begin, end);
    }

    private ModelLoadException bad(String tensor, String problem) {
        return SafetensorsFile.bad(file, tensor, problem);
    }

    /**
     * A field's value as read: its JSON text (for messages), the string when it is one, and the
     * elements when it is an array (each a long, or null when it is not an integer that fits one).
     */
    private record Field(String rawJson, String string, List<Long> elements) {
        static Field read(JsonParser p, String text) throws IOException {
            long start = p.currentTokenLocation().getCharOffset();
            String string = null;
            List<Long> elements = null;
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                string = p.getText();
            } else if (p.currentToken() == JsonToken.START_ARRAY) {
                elements = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    elements.add(t == JsonToken.VALUE_NUMBER_INT ? asLong(p.getBigIntegerValue()) : null);
                    p.skipChildren();
                }
            } else {
                p.skipChildren();
            }
            long end = p.currentLocation().getCharOffset();
            return new Field(text.substring((int) start, (int) end), string, elements);
        }

        private static Long asLong(BigInteger value) {
            return value.bitLength() < 64 ? value.longValue() : null;
        }

        /** The value's JSON without the whitespace between tokens, escaped and bounded for a message. */
        String json() {
            StringBuilder b = new StringBuilder(rawJson.length());
            boolean inString = false;
            boolean escaped = false;
            for (int i = 0; i < rawJson.length(); i++) {
                char c = rawJson.charAt(i);
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (c == '\\') {
                        escaped = true;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (Character.isWhitespace(c)) {
                    continue;
                }
                b.append(c);
            }
            return UntrustedText.excerpt(b.toString());
        }
    }
}
