package dev.vinfer.mobilenet.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vinfer.io.UntrustedText;
import dev.vinfer.mobilenet.WeightChecks;

import java.io.IOException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tensors of a TF.js {@code weightsManifest}, by name. Each manifest group lists shard files
 * and tensors; the shards, concatenated in order, hold exactly the tensors' little-endian float32
 * values, concatenated in list order, with no header. Groups are sorted by tensor name, not by layer,
 * so tensors are only ever looked up by name.
 *
 * <p>Checked here: every shard lies inside the model directory ({@link ModelFiles#resolve}), a
 * group's shards hold exactly as many bytes as its tensors need, every dtype is float32 (quantized
 * weights are refused), every shape is sane and no name appears twice.
 */
final class WeightStore {
    /** A named tensor with TF.js's shape (for a Conv2D kernel: HWIO). */
    record Weight(String name, int[] shape, float[] values) {
        String shapeText() {
            return Arrays.toString(shape);
        }
    }

    private final ModelFiles files;
    private final Map<String, Weight> byName;

    private WeightStore(ModelFiles files, Map<String, Weight> byName) {
        this.files = files;
        this.byName = byName;
    }

    static WeightStore read(ModelFiles files, JsonNode manifest) throws IOException {
        if (manifest == null || !manifest.isArray()) {
            throw files.fail("no weightsManifest array");
        }
        Map<String, Weight> byName = new HashMap<>();
        Set<Path> shardsSeen = new HashSet<>();
        int groupNumber = 0;
        for (JsonNode group : manifest) {
            groupNumber++;
            for (Weight w : readGroup(files, group, groupNumber, shardsSeen)) {
                if (byName.put(w.name(), w) != null) {
                    throw files.fail("weightsManifest names tensor '" + w.name() + "' twice");
                }
            }
        }
        return new WeightStore(files, byName);
    }

    /**
     * The tensor {@code name}, which must have exactly {@code expectedShape}.
     *
     * @param layer the Keras layer that needs it, for the error message
     */
    Weight require(String name, String layer, int... expectedShape) {
        Weight w = byName.get(name);
        if (w == null) {
            throw files.fail("layer " + layer + ": tensor '" + name + "' is not in the weightsManifest");
        }
        if (!Arrays.equals(w.shape(), expectedShape)) {
            throw files.fail("layer " + layer + ": tensor '" + name + "' has shape " + w.shapeText()
                    + ", the layer's config needs " + Arrays.toString(expectedShape));
        }
        int bad = WeightChecks.firstNonFinite(w.values());
        if (bad >= 0) {
            throw files.fail("layer " + layer + ": tensor '" + name + "' " + WeightChecks.describe(w.values(), bad));
        }
        return w;
    }

    private static List<Weight> readGroup(ModelFiles files, JsonNode group, int number, Set<Path> shardsSeen) throws IOException {
        String where = "weightsManifest group " + number;
        JsonNode paths = group.get("paths");
        JsonNode weights = group.get("weights");
        if (paths == null || !paths.isArray() || paths.isEmpty() || weights == null || !weights.isArray()) {
            throw files.fail(where + " needs a non-empty 'paths' array and a 'weights' array");
        }
        List<String> names = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        long needed = 0;
        for (JsonNode entry : weights) {
            String name = entry.path("name").asText("");
            if (name.isEmpty()) {
                throw files.fail(where + " has a tensor without a name");
            }
            if (entry.has("quantization")) {
                throw files.fail("tensor '" + name + "' is quantized; only float32 weights are supported");
            }
            String dtype = entry.path("dtype").asText("");
            if (!dtype.equals("float32")) {
                throw files.fail("tensor '" + name + "' has dtype '" + dtype + "'; only float32 is supported");
            }
            int[] shape = shape(files, entry.get("shape"), name);
            names.add(name);
            shapes.add(shape);
            needed += 4L * elements(shape);
        }
        List<Path> shards = new ArrayList<>();
        long available = 0;
        for (JsonNode p : paths) {
            Path shard = files.resolve(p.asText(""), "weight shard");
            // One file listed many times would be read (and held) many times: memory out of all
            // proportion to the model's real size. The converter never reuses a shard.
            if (!shardsSeen.add(shard)) {
                throw files.fail("weight shard " + UntrustedText.quote(p.asText("")) + " is listed more than once in the weightsManifest");
            }
            shards.add(shard);
            available += Files.size(shard);
        }
        if (available != needed) {
            throw files.fail("weight shard " + shardNames(paths) + " holds " + available + " bytes, but its tensors "
                    + names + " need " + needed + " bytes");
        }
        if (needed > Integer.MAX_VALUE - 16) {
            throw files.fail(where + " holds " + needed + " bytes, more than one group may (2 GB)");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) needed).order(ByteOrder.LITTLE_ENDIAN);
        try {
            for (Path shard : shards) {
                bytes.put(Files.readAllBytes(shard));
            }
        } catch (BufferOverflowException grew) {
            throw files.fail("weight shard " + shardNames(paths) + " changed size while being read");
        }
        // The size was checked above, but a file may change under us: never read short data as zeros.
        if (bytes.hasRemaining()) {
            throw files.fail("weight shard " + shardNames(paths) + " changed size while being read");
        }
        bytes.flip();
        List<Weight> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            float[] values = new float[Math.toIntExact(elements(shapes.get(i)))];
            bytes.asFloatBuffer().get(values);
            bytes.position(bytes.position() + values.length * 4);
            out.add(new Weight(names.get(i), shapes.get(i), values));
        }
        return out;
    }

    private static int[] shape(ModelFiles files, JsonNode node, String name) {
        if (node == null || !node.isArray()) {
            throw files.fail("tensor '" + name + "' has no shape");
        }
        int[] shape = new int[node.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = node.get(i);
            if (!d.canConvertToInt() || !d.isIntegralNumber() || d.asInt() < 1) {
                throw files.fail("tensor '" + name + "' has an invalid shape " + node);
            }
            shape[i] = d.asInt();
        }
        long n = elements(shape);
        if (n > Integer.MAX_VALUE - 16) {
            throw files.fail("tensor '" + name + "' of shape " + node + " is too large");
        }
        return shape;
    }

    private static long elements(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                return Long.MAX_VALUE / 8; // caught as "too large" by the caller, without overflowing sums
            }
        }
        return n;
    }

    private static String shardNames(JsonNode paths) {
        List<String> names = new ArrayList<>();
        paths.forEach(p -> names.add(p.asText()));
        return String.join(" + ", names);
    }
}
