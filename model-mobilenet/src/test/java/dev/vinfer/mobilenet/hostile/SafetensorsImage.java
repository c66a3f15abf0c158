package dev.vinfer.mobilenet.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A safetensors file held as editable tensors, for tests that mutate a valid checkpoint: {@link #write}
 * lays the tensors out again (offsets recomputed), and {@link #writeEditingHeader} lets a test break
 * the header text itself.
 */
final class SafetensorsImage {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tensor: dtype name, shape, raw little-endian bytes. */
    static final class Tensor {
        String name;
        String dtype;
        long[] shape;
        byte[] bytes;

        Tensor(String name, String dtype, long[] shape, byte[] bytes) {
            this.name = name;
            this.dtype = dtype;
            this.shape = shape;
            this.bytes = bytes;
        }

        /** Overwrites element {@code index} of an F32 tensor. */
        Tensor setFloat(int index, float value) {
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(index * 4, value);
            return this;
        }
    }

    final List<Tensor> tensors = new ArrayList<>();

    /** The width-1 seed checkpoint used as the safetensors fuzz seed (all F32). */
    static SafetensorsImage tinySeed() {
        try (InputStream in = SafetensorsImage.class.getResourceAsStream(
                "/dev/vinfer/mobilenet/safetensors/SafetensorsFuzzTestInputs/seedCheckpoint/tiny_seed_f32")) {
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SafetensorsImage parse(byte[] file) throws IOException {
        long headerLength = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonNode header = JSON.readTree(new String(file, 8, (int) headerLength, StandardCharsets.UTF_8));
        SafetensorsImage image = new SafetensorsImage();
        int dataStart = 8 + (int) headerLength;
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode e = f.getValue();
            long[] shape = new long[e.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = e.get("shape").get(i).asLong();
            }
            int begin = e.get("data_offsets").get(0).asInt();
            int end = e.get("data_offsets").get(1).asInt();
            image.tensors.add(new Tensor(f.getKey(), e.get("dtype").asText(), shape,
                    Arrays.copyOfRange(file, dataStart + begin, dataStart + end)));
        }
        return image;
    }

    Tensor tensor(String name) {
        return tensors.stream().filter(t -> t.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tensor " + name));
    }

    SafetensorsImage add(String name, String dtype, long[] shape, byte[] bytes) {
        tensors.add(new Tensor(name, dtype, shape, bytes));
        return this;
    }

    Path write(Path file) throws IOException {
        return writeEditingHeader(file, UnaryOperator.identity());
    }

    /** Writes the file with offsets laid out in order, after {@code edit} has changed the header text. */
    Path writeEditingHeader(Path file, UnaryOperator<String> edit) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Tensor t : tensors) {
            ObjectNode e = header.putObject(t.name);
            e.put("dtype", t.dtype);
            ArrayNode shape = e.putArray("shape");
            for (long d : t.shape) {
                shape.add(d);
            }
            e.putArray("data_offsets").add(data.size()).add(data.size() + t.bytes.length);
            data.writeBytes(t.bytes);
        }
        byte[] text = edit.apply(JSON.writeValueAsString(header)).getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + text.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(text.length).put(text).put(data.toByteArray());
        return Files.write(file, out.array());
    }
}
