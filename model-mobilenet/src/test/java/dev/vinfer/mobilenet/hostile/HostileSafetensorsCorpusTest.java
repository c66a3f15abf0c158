package dev.vinfer.mobilenet.hostile;

import dev.vinfer.mobilenet.TestDefinitions;
import dev.vinfer.api.Model;
import dev.vinfer.api.ModelOptions;
import dev.vinfer.api.Vinfer;
import dev.vinfer.api.VinferException;
import dev.vinfer.graph.NetworkDefinition;
import dev.vinfer.tensor.Tensor;
import dev.vinfer.tensor.TensorShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutations of a valid (width-1, two-class) seed checkpoint, each read through {@link Vinfer#read}
 * as a user's file would be, each with the one-line error it must give. Together with
 * SafetensorsFileTest and SeedCheckpointProviderTest this is issue 6's list for safetensors.
 */
@Timeout(60)
class HostileSafetensorsCorpusTest {
    @TempDir
    Path dir;

    private Path file(String name) {
        return dir.resolve(name + ".safetensors");
    }

    @Test
    void theUnmutatedSeedLoadsAndRuns() throws IOException {
        Path f = SafetensorsImage.tinySeed().write(file("valid"));
        NetworkDefinition def = TestDefinitions.read(f);
        assertEquals(2, def.classCount());
        try (Model model = Vinfer.compile(def.withInputSize(32, 32), ModelOptions.defaults().withBackend("scalar").withThreads(1))) {
            float[] p = model.predict(Tensor.zeros(TensorShape.image(32, 32, 3))).probabilities(0);
            assertEquals(1f, p[0] + p[1], 1e-6f);
        }
    }

    // --- the container: header length, JSON, dtypes, offsets, tiling, shapes ---

    @Test
    void headerLengthLargerThanTheFile() throws IOException {
        Path f = SafetensorsImage.tinySeed().write(file("long-header"));
        byte[] b = Files.readAllBytes(f);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, b.length);
        expect(Files.write(f, b), "header length " + b.length + " is impossible for a file of " + b.length + " bytes");
    }

    @Test
    void headerLengthAboveTheCap() throws IOException {
        Path f = SafetensorsImage.tinySeed().write(file("capped"));
        byte[] b = Files.readAllBytes(f);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 200L << 20);
        expect(Files.write(f, b), "(limit 104857600)");
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
        expect(Files.write(f, b), "header length 18446744073709551615 is impossible");
    }

    @Test
    void invalidJson() throws IOException {
        expect(SafetensorsImage.tinySeed().writeEditingHeader(file("json"), h -> h.replaceFirst("\\{", "[")), "not valid JSON");
        expect(SafetensorsImage.tinySeed().writeEditingHeader(file("json2"), h -> h.substring(0, h.length() - 1) + " "), "not valid JSON");
    }

    @Test
    void deeplyNestedHeaderIsRefusedWithoutAStackOverflow() throws IOException {
        expect(SafetensorsImage.tinySeed().writeEditingHeader(file("nested"),
                h -> h.replace("{\"format\":\"pt\"}", "{\"format\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")),
                "not valid JSON");
    }

    @Test
    void duplicateTensorNamesAreRefusedNotLastOneWins() throws IOException {
        expect(SafetensorsImage.tinySeed().writeEditingHeader(file("dup"),
                h -> h.replace("\"fc.1.bias\"", "\"fc.1.weight\"")), "not valid JSON", "Duplicate field 'fc.1.weight'");
    }

    @Test
    void unknownDtype() throws IOException {
        SafetensorsImage st = SafetensorsImage.tinySeed();
        st.tensor("fc.1.bias").dtype = "F33";
        expect(st.write(file("dtype")), "tensor fc.1.bias: unknown dtype \"F33\"");
    }

    @Test
    void integerWeights() throws IOException {
        SafetensorsImage st = SafetensorsImage.tinySeed();
        st.tensor("fc.1.bias").dtype = "I32";
        expect(st.write(file("int")), "tensor fc.1.bias: has dtype I32; weights must be F32, F16, BF16 or F64");
    }

    @Test
    void offsetsOutsideTheData() throws IOException {
        expect(SafetensorsImage.tinySeed().writeEditingHeader(file("outside"),
                h -> h.replaceFirst("(\"fc\\.1\\.bias\":\\{[^}]*\"data_offsets\":\\[)(\\d+),(\\d+)", "$1$2,99999")),
                "tensor fc.1.bias: data_offsets", "lie outside the data section");
        expect(SafetensorsImage.tinySeed().writeEditingHeader(file("negative"),
                h -> h.replaceFirst("(\"fc\\.1\\.bias\":\\{[^}]*\"data_offsets\":\\[)(\\d+)", "$1-4")),
                "tensor fc.1.bias: data_offsets [-4,");
    }

    @Test
    void overlappingTensors() throws IOException {
        // fc.1.bias pointed at the bytes of fc.1.weight (same length): aliasing.
        expect(SafetensorsImage.tinySeed().writeEditingHeader(file("overlap"), h -> {
            String weight = h.replaceFirst("(?s).*\"fc\\.1\\.weight\":\\{[^}]*\"data_offsets\":\\[(\\d+,\\d+)\\].*", "$1");
            return h.replaceFirst("(\"fc\\.1\\.bias\":\\{[^}]*\"data_offsets\":\\[)\\d+,\\d+", "$1" + weight);
        }), "overlaps tensor");
    }

    @Test
    void gapsAndTrailingBytes() throws IOException {
        SafetensorsImage st = SafetensorsImage.tinySeed();
        Path f = st.writeEditingHeader(file("gap"),
                h -> h.replaceFirst("(\"fc\\.1\\.bias\":\\{[^}]*\"data_offsets\":\\[)(\\d+),(\\d+)", "$1$3,$3"));
        // fc.1.bias now claims zero bytes at the end; with shape [2] the byte count disagrees first.
        expect(f, "tensor fc.1.bias: shape [2] x F32 needs 8 bytes but data_offsets give 0");
        st.add("padding", "U8", new long[] {0}, new byte[0]);
        byte[] b = Files.readAllBytes(st.write(file("trailing")));
        expect(Files.write(file("trailing"), Arrays.copyOf(b, b.length + 3)), "3 trailing bytes after the last tensor");
    }

    @Test
    void shapesWhoseElementCountOverflows() throws IOException {
        SafetensorsImage st = SafetensorsImage.tinySeed();
        st.tensor("fc.1.bias").shape = new long[] {1L << 32, 1L << 32};
        expect(st.write(file("long-overflow")), "tensor fc.1.bias: shape", "more elements than fit in 64 bits");
        st.tensor("fc.1.bias").shape = new long[] {1L << 31};
        expect(st.write(file("int-overflow")), "tensor fc.1.bias: shape [2147483648] x F32 needs 8589934592 bytes but data_offsets give 8");
        st.tensor("fc.1.bias").shape = new long[] {1L << 62};
        expect(st.write(file("bytes-overflow")), "tensor fc.1.bias: shape [4611686018427387904] is too large");
    }

    @Test
    void byteLengthThatDisagreesWithTheShape() throws IOException {
        SafetensorsImage st = SafetensorsImage.tinySeed();
        st.tensor("fc.1.bias").shape = new long[] {3};
        expect(st.write(file("bytes")), "tensor fc.1.bias: shape [3] x F32 needs 12 bytes but data_offsets give 8");
    }

    // --- the seed architecture: missing, extra, wrong shapes, absurd sizes ---

    @Test
    void missingTensor() throws IOException {
        SafetensorsImage st = SafetensorsImage.tinySeed();
        st.tensor("stage.4.conv.1.conv.1.running_mean").name = "stage.4.conv.1.conv.1.running_mea_";
        expect(st.write(file("missing")), "missing tensor stage.4.conv.1.conv.1.running_mean");
    }

    @Test
    void extraTensorMeansAnotherArchitecture() throws IOException {
        SafetensorsImage st = SafetensorsImage.tinySeed();
        st.add("stage.13.conv.0.conv.0.weight", "F32", new long[] {1, 1, 3, 3}, new byte[36]);
        expect(st.write(file("extra")), "tensor stage.13.conv.0.conv.0.weight is not part of the seed MobileNet V1",
                "another architecture");
        st.add("aux.head.weight", "F32", new long[] {1}, new byte[4]);
        expect(st.write(file("extra2")), "(nor are 1 more)");
    }

    @Test
    void extraTensorWithANewlineInItsNameStaysOneLine() throws IOException {
        SafetensorsImage st = SafetensorsImage.tinySeed();
        st.add("evil\nvinfer: everything is fine", "F32", new long[] {1}, new byte[4]);
        expect(st.write(file("newline")), "tensor 'evil\\x0avinfer: everything is fine' is not part of the seed");
    }

    @Test
    void wrongShapeSaysExpectedAndFound() throws IOException {
        SafetensorsImage st = SafetensorsImage.tinySeed();
        st.tensor("fc.1.bias").shape = new long[] {1, 2};
        expect(st.write(file("shape")), "tensor fc.1.bias has shape [1, 2], expected [2]");
        st = SafetensorsImage.tinySeed();
        st.tensor("stage.0.conv.0.conv.0.weight").shape = new long[] {1, 9};
        expect(st.write(file("rank")), "tensor stage.0.conv.0.conv.0.weight has shape [1, 9], expected [1, 1, 3, 3]");
    }

    @Test
    void nonRgbStemAndZeroOrAbsurdChannels() throws IOException {
        SafetensorsImage st = SafetensorsImage.tinySeed();
        st.tensor("conv1.conv.0.weight").shape = new long[] {1, 1, 3, 9};
        expect(st.write(file("grey")), "expected [1, 3, 3, 3]: the seed MobileNet V1 takes RGB input");
        st = SafetensorsImage.tinySeed();
        st.tensor("fc.1.weight").shape = new long[] {0, 1};
        st.tensor("fc.1.weight").bytes = new byte[0];
        expect(st.write(file("zero")), "tensor fc.1.weight has shape [0, 1]: dimension 0 must be between 1 and 65536");
        st = SafetensorsImage.tinySeed();
        st.tensor("fc.1.weight").shape = new long[] {1L << 33, 0};
        st.tensor("fc.1.weight").bytes = new byte[0];
        expect(st.write(file("huge")), "dimension 0 must be between 1 and 65536");
    }

    @Test
    void batchCounterMustBeAnIntegerScalar() throws IOException {
        SafetensorsImage st = SafetensorsImage.tinySeed();
        SafetensorsImage.Tensor counter = st.tensor("conv1.conv.1.num_batches_tracked");
        counter.dtype = "F64";
        expect(st.write(file("counter")), "tensor conv1.conv.1.num_batches_tracked has dtype F64 and shape [], expected an integer scalar");
    }

    // --- the values: NaN, infinities, impossible BatchNorm statistics ---

    @Test
    void nanWeightIsRefusedWithTheTensorName() throws IOException {
        SafetensorsImage st = SafetensorsImage.tinySeed();
        st.tensor("conv1.conv.0.weight").setFloat(5, Float.NaN);
        expect(st.write(file("nan")), "tensor conv1.conv.0.weight holds NaN at element 5 of 27; NaN and infinite weights are refused");
    }

    @Test
    void infiniteWeightIsRefusedWithTheTensorName() throws IOException {
        SafetensorsImage st = SafetensorsImage.tinySeed();
        st.tensor("fc.1.bias").setFloat(1, Float.NEGATIVE_INFINITY);
        expect(st.write(file("inf")), "tensor fc.1.bias holds -Infinity at element 1 of 2");
    }

    @Test
    void f16InfinityIsRefusedToo() throws IOException {
        SafetensorsImage st = SafetensorsImage.tinySeed();
        SafetensorsImage.Tensor bias = st.tensor("fc.1.bias");
        bias.dtype = "F16";
        bias.bytes = new byte[] {0, 0x7c, 0, 0}; // +Inf, 0
        expect(st.write(file("f16")), "tensor fc.1.bias holds Infinity at element 0 of 2");
    }

    @Test
    void negativeVarianceIsRefused() throws IOException {
        SafetensorsImage st = SafetensorsImage.tinySeed();
        st.tensor("stage.2.conv.0.conv.1.running_var").setFloat(0, -1f);
        expect(st.write(file("variance")), "tensor stage.2.conv.0.conv.1.running_var holds -1.0 at channel 0; a variance must not be negative");
    }

    @Test
    void foldingThatOverflowsFloat32IsRefused() throws IOException {
        SafetensorsImage st = SafetensorsImage.tinySeed();
        st.tensor("conv1.conv.1.weight").setFloat(0, 3e38f);
        st.tensor("conv1.conv.1.running_var").setFloat(0, 0f);
        expect(st.write(file("fold")), "folding the BatchNorm conv1.conv.1 into conv1.conv.0 overflows float32");
    }

    private static void expect(Path file, String... fragments) {
        VinferException e = assertThrows(VinferException.class, () -> TestDefinitions.read(file));
        String m = e.getMessage();
        assertTrue(m.startsWith(file + ": "), "names the file: " + m);
        assertTrue(!m.contains("\n") && !m.contains("\r"), "one line: " + m);
        for (String fragment : fragments) {
            assertTrue(m.contains(fragment), "expected '" + fragment + "' in: " + m);
        }
    }
}
