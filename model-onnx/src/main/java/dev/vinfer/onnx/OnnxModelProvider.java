package dev.vinfer.onnx;

import dev.vinfer.graph.Graph;
import dev.vinfer.spi.ModelLoadException;
import dev.vinfer.spi.ModelProvider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The model provider for ONNX files: recognises {@code *.onnx}, and files of another name that
 * begin like a serialized {@code ModelProto}; loads them with {@link OnnxImporter}.
 */
public final class OnnxModelProvider implements ModelProvider {
    /** For {@link java.util.ServiceLoader}; holds no state. */
    public OnnxModelProvider() {
    }

    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public String formatDescription() {
        return "an ONNX model (.onnx): CNN operators of opsets 7 to 17, float32, weights inside the file";
    }

    /** A regular file named {@code *.onnx}, or one whose first bytes parse as the start of a ModelProto. Never throws. */
    @Override
    public boolean recognizes(Path path) {
        try {
            if (!Files.isRegularFile(path)) {
                return false;
            }
            if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
                return true;
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(path)) {
                head = in.readNBytes(16);
            }
            return looksLikeModelProto(head);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * ONNX writers start a model with {@code ir_version} (field 1, a varint 1 to 20) and follow it
     * with a producer name, domain, doc string, graph or opset import (fields 2 to 8). Safetensors,
     * JSON, images and .npy files do not begin this way.
     */
    static boolean looksLikeModelProto(byte[] head) {
        if (head.length < 3 || head[0] != 0x08 || head[1] < 1 || head[1] > 20) {
            return false;
        }
        int next = head[2] & 0xff;
        int field = next >>> 3;
        int wireType = next & 7;
        return field >= 2 && field <= 8 && (field == 5 ? wireType == 0 : wireType == 2);
    }

    @Override
    public Graph load(Path path) throws ModelLoadException {
        return OnnxImporter.read(path);
    }
}
