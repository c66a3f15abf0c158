package dev.vinfer.onnx;

import dev.vinfer.graph.Graph;
import dev.vinfer.graph.ValueInfo;
import dev.vinfer.io.UntrustedText;
import dev.vinfer.onnx.proto.MalformedModelException;
import dev.vinfer.onnx.proto.ModelProto;
import dev.vinfer.spi.ModelLoadException;
import dev.vinfer.tensor.NdArray;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an ONNX model ({@code .onnx}, a serialized {@code ModelProto}) into the engine's
 * {@link Graph}: the CNN operators of {@link dev.vinfer.graph.Ops} at default-domain opsets 7 to 17
 * (older ones for operators unchanged since), float32 activations, weights as initializers or
 * Constant nodes. See the module README for what is read and refused.
 *
 * <p>Every problem, from a truncated file to an unsupported attribute value, is one
 * {@link ModelLoadException} line naming the file (and the node, operator and opset where there is
 * one); a model is never returned partly read.
 */
public final class OnnxImporter {
    /** Protobuf's own limit for one message; larger models keep their weights in external data, which is refused. */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE;
    /** Longest problem text of an error; names from the file could make it any length. */
    static final int MAX_MESSAGE = 600;

    private OnnxImporter() {
    }

    /**
     * Reads {@code file}, with labels, preprocessing and input size from a {@code config.json}
     * beside it when there is one (see {@link OnnxMetadata}).
     *
     * @param file a {@code .onnx} file; memory-mapped while it is read, not kept open
     * @return the model's graph, as the file has it (the engine's passes have not run)
     * @throws ModelLoadException naming the file, when it cannot be read, is not a valid ONNX model, or
     *                            uses what vinfer does not support
     */
    public static Graph read(Path file) throws ModelLoadException {
        ByteBuffer bytes = map(file);
        try {
            Graph graph = convert(bytes, stem(file));
            return graph.withMetadata(OnnxMetadata.read(file, graph));
        } catch (MalformedModelException | IllegalArgumentException e) {
            throw failure(file, e);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + UntrustedText.line(String.valueOf(e.getMessage()), MAX_MESSAGE));
        }
    }

    /**
     * Reads a model held in memory (tests, fuzzing, embedders with their own storage); errors name
     * {@code displayName} as the file. No {@code config.json} is looked for.
     *
     * @param bytes       a serialized {@code ModelProto}; only read, and not kept (weights are copied)
     * @param displayName the name errors give the model, and the graph's name when the model has none
     * @return the model's graph, as the bytes have it
     * @throws ModelLoadException naming {@code displayName}, when the bytes are not a valid ONNX model
     *                            or use what vinfer does not support
     */
    public static Graph read(byte[] bytes, String displayName) throws ModelLoadException {
        try {
            Graph graph = convert(ByteBuffer.wrap(bytes), displayName);
            return graph.withMetadata(OnnxMetadata.defaults(graph));
        } catch (MalformedModelException | IllegalArgumentException e) {
            throw failure(Path.of(displayName), e);
        }
    }

    private static Graph convert(ByteBuffer bytes, String name) {
        return GraphBuilder.build(ModelProto.parse(bytes), name);
    }

    /**
     * The graph with the named inputs turned into constants: how a model whose weights arrive as
     * graph inputs (the ONNX node tests feed a Conv's {@code W} this way) runs with them bound at load.
     *
     * @param graph  the graph whose inputs to bind
     * @param values tensors by graph input name; shared with the new graph, not copied
     * @return {@code graph} without those inputs, which are constants instead
     * @throws IllegalArgumentException when a name is not a graph input, or a value's shape contradicts
     *                                  the declared one
     */
    public static Graph bindInputsAsConstants(Graph graph, Map<String, NdArray> values) {
        List<ValueInfo> remaining = new ArrayList<>();
        Map<String, NdArray> constants = new LinkedHashMap<>(graph.constants());
        for (ValueInfo input : graph.inputs()) {
            NdArray value = values.get(input.name());
            if (value == null) {
                remaining.add(input);
                continue;
            }
            if (!shapeMatches(input, value)) {
                throw new IllegalArgumentException("input " + input + " cannot be bound to a tensor of shape " + value.shapeText());
            }
            constants.put(input.name(), value);
        }
        for (String name : values.keySet()) {
            if (graph.input(name) == null) {
                throw new IllegalArgumentException(name + " is not a graph input of " + graph.name());
            }
        }
        return new Graph(graph.name(), remaining, graph.outputs(), graph.nodes(), constants, graph.metadata());
    }

    /**
     * {@return whether a tensor fits a declared shape: same rank and equal known dimensions (an
     * undeclared shape fits anything)}
     *
     * @param declared a graph input or output as the file declares it
     * @param value    a tensor meant for it
     */
    public static boolean shapeMatches(ValueInfo declared, NdArray value) {
        if (!declared.hasShape()) {
            return true;
        }
        int[] dims = declared.dims();
        if (dims.length != value.rank()) {
            return false;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] != ValueInfo.UNKNOWN && dims[i] != value.dim(i)) {
                return false;
            }
        }
        return true;
    }

    /** The whole file, memory-mapped read-only: weights are copied out once into the graph's constants. */
    static ByteBuffer map(Path file) throws ModelLoadException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new ModelLoadException(file, Files.exists(file) ? "is not a regular file" : "does not exist");
            }
            long size = Files.size(file);
            if (size == 0) {
                throw new ModelLoadException(file, "is empty");
            }
            if (size > MAX_FILE_BYTES) {
                throw new ModelLoadException(file, "is " + size + " bytes; ONNX files above 2 GB (protobuf's own limit) are not read");
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            }
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + UntrustedText.line(String.valueOf(e.getMessage()), MAX_MESSAGE));
        }
    }

    static ModelLoadException failure(Path file, RuntimeException e) {
        return new ModelLoadException(file, UntrustedText.line(String.valueOf(e.getMessage()), MAX_MESSAGE));
    }

    private static String stem(Path file) {
        String name = file.getFileName() == null ? "model" : file.getFileName().toString();
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
    }
}
