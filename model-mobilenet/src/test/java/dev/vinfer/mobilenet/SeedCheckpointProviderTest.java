package dev.vinfer.mobilenet;

import dev.vinfer.api.Vinfer;
import dev.vinfer.api.VinferException;
import dev.vinfer.graph.NetworkDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedCheckpointProviderTest {

    @Test
    void infersWidthAndClassCountFromTheShapes() {
        NetworkDefinition def = TestDefinitions.read(SeedFixtureAgreementTest.fixture("seed_a050_c5_128_b1_f16.safetensors"));
        assertEquals(5, def.classCount());
        assertEquals(16, def.shapes().get(1).c()); // int(32 * 0.5)
        assertEquals(512, def.shapes().get(def.layers().size() - 2).c());
        assertEquals(224, def.inputShape().h());
        assertEquals(7, def.withInputSize(200, 224).shapes().get(27).h()); // 200 -> 100 -> 50 -> 25 -> 13 -> 7
    }

    @Test
    void blockPrefixesFollowTheSeedsModuleTree() {
        assertEquals("stage.0", SeedCheckpointProvider.blockPrefix(0));
        assertEquals("stage.5", SeedCheckpointProvider.blockPrefix(5));
        assertEquals("stage.6.0", SeedCheckpointProvider.blockPrefix(6));
        assertEquals("stage.6.4", SeedCheckpointProvider.blockPrefix(10));
        assertEquals("stage.7", SeedCheckpointProvider.blockPrefix(11));
        assertEquals("stage.8", SeedCheckpointProvider.blockPrefix(12));
    }

    @Test
    void aWrongShapeSaysExpectedAndFound(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("bad.safetensors");
        byte[] bytes = Files.readAllBytes(SeedFixtureAgreementTest.fixture("seed_a025_c3_96x128_b2_bf16.safetensors"));
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        // Rename one tensor: the file stays valid safetensors, but a required tensor is missing.
        String renamed = header.replace("\"stage.3.conv.1.conv.1.running_var\"", "\"stage.3.conv.1.conv.1.running_vaX\"");
        bytes = replaceHeader(bytes, headerLength, renamed);
        Files.write(copy, bytes);
        VinferException e = assertThrows(VinferException.class, () -> TestDefinitions.read(copy));
        assertTrue(e.getMessage().startsWith(copy.toString()) && e.getMessage().contains("missing tensor stage.3.conv.1.conv.1.running_var"), e.getMessage());

        // Transpose a shape: same byte count, wrong layout.
        String reshaped = header.replace("\"fc.1.weight\":{\"dtype\":\"BF16\",\"shape\":[3,256]", "\"fc.1.weight\":{\"dtype\":\"BF16\",\"shape\":[256,3]");
        Files.write(copy, replaceHeader(Files.readAllBytes(SeedFixtureAgreementTest.fixture("seed_a025_c3_96x128_b2_bf16.safetensors")), headerLength, reshaped));
        VinferException shape = assertThrows(VinferException.class, () -> TestDefinitions.read(copy));
        assertTrue(shape.getMessage().contains("fc.1.weight") && shape.getMessage().contains("expected"), shape.getMessage());
    }

    @Test
    void aSafetensorsFileOfAnotherModelIsNamedAsSuch(@TempDir Path dir) throws IOException {
        Path other = dir.resolve("bert.safetensors");
        byte[] header = "{\"embeddings.weight\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}".getBytes(StandardCharsets.UTF_8);
        Files.write(other, ByteBuffer.allocate(8 + header.length + 4).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).put(header).putFloat(1f).array());
        VinferException e = assertThrows(VinferException.class, () -> TestDefinitions.read(other));
        assertTrue(e.getMessage().contains("not a seed MobileNet V1 state_dict") && e.getMessage().contains("embeddings.weight"), e.getMessage());
    }

    private static byte[] replaceHeader(byte[] file, long oldLength, String header) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        if (h.length != oldLength) {
            throw new IllegalStateException("test edits must keep the header length (" + h.length + " vs " + oldLength + ")");
        }
        System.arraycopy(h, 0, file, 8, h.length);
        return file;
    }
}
