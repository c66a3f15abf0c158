package dev.vinfer.onnx;

import dev.vinfer.graph.Graph;
import dev.vinfer.spi.ModelLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.vinfer.onnx.OnnxModelBuilder.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed ONNX files made from a valid small CNN ({@link TinyModels#cnn}), each read from disk as a
 * user's file would be: every one must give one {@link ModelLoadException} line starting with the
 * file's path, quickly, without an OutOfMemoryError or any other exception.
 */
@Timeout(60)
class HostileOnnxCorpusTest {
    @TempDir
    Path dir;

    private static final byte[] VALID = TinyModels.cnn(13).build();

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name + ".onnx"), bytes);
    }

    private static String expect(Path file, String... fragments) {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> OnnxImporter.read(file));
        String msg = e.getMessage();
        assertTrue(msg.startsWith(file + ": "), msg);
        assertFalse(msg.contains("\n") || msg.contains("\r"), msg);
        assertTrue(msg.length() < 1000, msg);
        for (String f : fragments) {
            assertTrue(msg.contains(f), "expected '" + f + "' in: " + msg);
        }
        return msg;
    }

    /** Either a graph or one ModelLoadException line naming the file; nothing else may escape. */
    private static void loadsOrFailsCleanly(Path file) {
        try {
            Graph g = OnnxImporter.read(file);
            assertFalse(g.outputs().isEmpty());
        } catch (ModelLoadException e) {
            assertTrue(e.getMessage().startsWith(file + ": ") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void theUnmutatedModelLoads() throws Exception {
        Path f = write("valid", VALID);
        assertEquals(8, OnnxImporter.read(f).nodes().size());
        assertTrue(new OnnxModelProvider().recognizes(f));
        assertEquals(8, new OnnxModelProvider().load(f).nodes().size());
    }

    @Test
    void truncatedAtEveryOffset() throws Exception {
        Path f = dir.resolve("truncated.onnx");
        for (int n = 0; n < VALID.length; n++) {
            Files.write(f, Arrays.copyOf(VALID, n));
            expect(f);
        }
    }

    @Test
    void garbageAndCorruptedBytes() throws Exception {
        Random random = new Random(42);
        Path f = dir.resolve("garbage.onnx");
        for (int k = 0; k < 200; k++) {
            byte[] garbage = new byte[1 + random.nextInt(2000)];
            random.nextBytes(garbage);
            Files.write(f, garbage);
            expect(f);
        }
        for (int k = 0; k < 500; k++) {
            byte[] corrupted = VALID.clone();
            for (int j = 0; j < 1 + random.nextInt(4); j++) {
                corrupted[random.nextInt(corrupted.length)] = (byte) random.nextInt(256);
            }
            Files.write(f, corrupted);
            loadsOrFailsCleanly(f);
        }
        expect(write("empty", new byte[0]), "is empty");
        expect(write("text", "{\"not\": \"onnx\"}".getBytes()), "malformed ModelProto");
    }

    @Test
    void hugeAndOverlongVarints() throws Exception {
        byte[] graph = TinyModels.cnn(13).graph().toByteArray();
        byte[] huge = new ProtoWriter().varint(1, 8).tag(7, 2).rawVarint(1L << 62).rawBytes(graph).toByteArray();
        expect(write("huge-length", huge), "field 7 claims 4611686018427387904 bytes, but only " + graph.length + " remain");
        byte[] all = new ProtoWriter().varint(1, 8).tag(7, 2).rawVarint(-1L).rawBytes(graph).toByteArray();
        expect(write("max-length", all), "claims 18446744073709551615 bytes");
        byte[] overlong = new byte[13];
        Arrays.fill(overlong, (byte) 0xff);
        overlong[0] = 0x08;
        expect(write("overlong", overlong), "varint");
    }

    @Test
    void absurdNegativeAndOversizedDims() throws Exception {
        ProtoWriter absurd = OnnxModelBuilder.tensorHeader("fc.b", 1, 1L << 40, 1L << 40).bytes(9, new byte[8]);
        expect(write("absurd", replaceInitializer("fc.b", absurd)), "tensor 'fc.b' has dimension 1099511627776 in [1099511627776, 1099511627776]");
        ProtoWriter large = OnnxModelBuilder.tensorHeader("fc.b", 1, 100_000, 100_000).bytes(9, new byte[8]);
        expect(write("large", replaceInitializer("fc.b", large)), "declare more elements than a Java array holds");
        ProtoWriter big = OnnxModelBuilder.tensorHeader("fc.b", 1, 20_000, 20_000).bytes(9, new byte[8]);
        expect(write("big", replaceInitializer("fc.b", big)), "dims [20000, 20000] need 1600000000 bytes of FLOAT, raw_data holds 8");
        ProtoWriter typed = OnnxModelBuilder.tensorHeader("fc.b", 1, 20_000, 20_000).packedFloats(4, 1, 2);
        expect(write("typed", replaceInitializer("fc.b", typed)), "need 400000000 values of FLOAT, the tensor holds 2");
        ProtoWriter negative = OnnxModelBuilder.tensorHeader("fc.b", 1, -1, 2).bytes(9, new byte[8]);
        expect(write("negative", replaceInitializer("fc.b", negative)), "tensor 'fc.b' has dimension -1");
        // an input dim_value of -5 (a 10-byte varint)
        OnnxModelBuilder m = new OnnxModelBuilder(13).output("y", 2).node("Relu", "r", List.of("x"), List.of("y"));
        ProtoWriter shape = new ProtoWriter().message(1, new ProtoWriter().varint(1, -5));
        ProtoWriter vi = new ProtoWriter().string(1, "x").message(2, new ProtoWriter().message(1, new ProtoWriter().varint(1, 1).message(2, shape)));
        byte[] bad = new ProtoWriter().varint(1, 8).message(7, new ProtoWriter().rawBytes(m.graph().toByteArray()).message(11, vi))
                .message(8, new ProtoWriter().varint(2, 13)).toByteArray();
        expect(write("negative-input", bad), "dim_value -5 is negative");
    }

    @Test
    void tensorLargerThanTheFile() throws Exception {
        // fc.w claims 4 MB of raw_data; the file ends after a few bytes of it.
        byte[] header = OnnxModelBuilder.tensorHeader("fc.w", 1, 1000, 1000).toByteArray();
        byte[] tensor = new ProtoWriter().rawBytes(header).tag(9, 2).rawVarint(4_000_000).rawBytes(new byte[16]).toByteArray();
        byte[] graph = new ProtoWriter().tag(5, 2).rawVarint(tensor.length + 3_999_984).rawBytes(tensor).toByteArray();
        byte[] file = new ProtoWriter().varint(1, 8).message(8, new ProtoWriter().varint(2, 13)).tag(7, 2).rawVarint(graph.length)
                .rawBytes(graph).toByteArray();
        expect(write("larger-than-file", file), "claims");
    }

    @Test
    void deepNesting() throws Exception {
        // 100,000 nested groups inside a node: refused at the depth limit, no stack overflow.
        ProtoWriter node = new ProtoWriter().string(1, "x").string(2, "y").string(4, "Relu");
        for (int k = 0; k < 100_000; k++) {
            node.tag(15, 3);
        }
        for (int k = 0; k < 100_000; k++) {
            node.tag(15, 4);
        }
        expect(write("groups", new OnnxModelBuilder(13).input("x", 4).output("y", 4).node(node).build()),
                "groups nested deeper than 64 levels");
        // 5,000 subgraphs nested in attributes: not descended into, refused as a subgraph.
        ProtoWriter inner = new ProtoWriter().string(2, "g");
        for (int k = 0; k < 5_000; k++) {
            ProtoWriter attr = new ProtoWriter().string(1, "body").message(6, inner).varint(20, 5);
            ProtoWriter n = new ProtoWriter().string(4, "Loop").message(5, attr);
            inner = new ProtoWriter().message(1, n);
        }
        ProtoWriter top = new ProtoWriter().string(1, "x").string(2, "y").string(3, "r").string(4, "Relu")
                .message(5, new ProtoWriter().string(1, "body").message(6, inner).varint(20, 5));
        expect(write("subgraphs", new OnnxModelBuilder(13).input("x", 4).output("y", 4).node(top).build()),
                "node r (Relu, opset 13): attribute 'body' holds a subgraph");
        // An unknown field holding deeply nested bytes is skipped by length, as protobuf says.
        ProtoWriter nested = new ProtoWriter();
        for (int k = 0; k < 2_000; k++) {
            nested = new ProtoWriter().message(1, nested);
        }
        byte[] withUnknown = new ProtoWriter().rawBytes(VALID).message(99, nested).toByteArray();
        assertEquals(8, OnnxImporter.read(write("unknown-field", withUnknown)).nodes().size());
    }

    @Test
    void graphProblems() throws Exception {
        OnnxModelBuilder cycle = new OnnxModelBuilder(13).input("x", 4).output("y", 4)
                .node("Add", "a", List.of("x", "c"), List.of("b"))
                .node("Relu", "b", List.of("b"), List.of("c"))
                .node("Relu", "out", List.of("c"), List.of("y"));
        expect(write("cycle", cycle.build()), "the graph has a cycle through node");
        expect(write("missing-initializer", dropInitializer("conv.b")),
                "node conv (Conv) reads 'conv.b', which no graph input, initializer or node defines");
        expect(write("unknown-op", TinyModels.cnn(13).node("FancyOp", "fancy", List.of("y"), List.of("z")).build()),
                "node fancy (FancyOp, opset 13): operator 'FancyOp' is not supported");
        expect(write("opset99", TinyModels.cnn(99).build()), "opset 99 of the default domain is not supported");
        ProtoWriter external = OnnxModelBuilder.tensorHeader("fc.b", 1, 2)
                .message(13, new ProtoWriter().string(1, "location").string(2, "/etc/passwd")).varint(14, 1);
        expect(write("external", replaceInitializer("fc.b", external)), "initializer 'fc.b' keeps its data in an external file");
        expect(write("bad-window", TinyModels.cnn(13).node("MaxPool", "mp", List.of("y"), List.of("z"), ints("kernel_shape", 2, 2),
                ints("pads", -1, 0, 0, 0)).build()), "node mp (MaxPool, opset 13): pads holds -1");
    }

    @Test
    void namesWithControlCharactersStayOnOneLine() throws Exception {
        String evil = "evil\nnode\r\u001b[31m";
        byte[] b = new OnnxModelBuilder(13).input("x", 4).output("y", 4).node("Nope" + evil, evil, List.of("x"), List.of("y")).build();
        String msg = expect(write("evil", b), "\\x0a");
        assertFalse(msg.contains("\u001b"), msg);
    }

    @Test
    void filesThatAreNotModels() throws Exception {
        expect(dir, "is not a regular file");
        expect(dir.resolve("absent.onnx"), "does not exist");
        Path huge = dir.resolve("huge.onnx");
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength((1L << 31) + 10); // sparse: no disk used
        }
        expect(huge, "above 2 GB");
        Files.delete(huge);
    }

    /** The valid model with one initializer's TensorProto replaced. */
    private static byte[] replaceInitializer(String name, ProtoWriter replacement) {
        return TinyModels.cnn(13).buildReplacing(name, replacement);
    }

    private static byte[] dropInitializer(String name) {
        return TinyModels.cnn(13).buildReplacing(name, null);
    }
}
