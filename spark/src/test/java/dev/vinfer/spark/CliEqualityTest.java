package dev.vinfer.spark;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vinfer.cli.InProcessCli;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The promise of the module: on the shared photos, every row's top-k equals what
 * {@code vinfer classify --json} prints for the same file (indices, labels, probabilities bit for
 * bit), although Spark runs batches on two tasks and the command one picture at a time. The photos
 * sit in a folder layout of nested directories, spaces and upper-case extensions, beside a
 * truncated JPEG that must become an error row without stopping the job.
 */
class CliEqualityTest {
    private static final int TOP = 5;

    @TempDir
    static Path dir;

    @BeforeAll
    static void layOutPhotos() throws IOException {
        Path nested = Files.createDirectories(dir.resolve("more photos/deeper"));
        try (Stream<Path> photos = Files.list(TestData.photos())) {
            List<Path> all = photos.sorted().toList();
            assertTrue(all.size() >= 10, "expected the 12 shared photos, found " + all);
            for (int i = 0; i < all.size(); i++) {
                String name = all.get(i).getFileName().toString();
                Path target = i % 3 == 0 ? nested.resolve(name.toUpperCase(java.util.Locale.ROOT).replace('_', ' ')) : dir.resolve(name);
                Files.copy(all.get(i), target);
            }
        }
        byte[] jpeg = Files.readAllBytes(TestData.photos().resolve("hot_dog.jpg"));
        Files.write(Files.createDirectories(dir.resolve("broken")).resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
    }

    @Test
    void everyRowEqualsTheCommandLineBitForBit() throws Exception {
        Path model = TestData.kerasMobileNet025();
        InProcessCli.Result cli = InProcessCli.run(List.of("classify", "--json", "--top", Integer.toString(TOP),
                "--model", model.toString(), dir.toString()));
        assertEquals(1, cli.exitCode(), "the truncated JPEG makes the command exit 1:\n" + cli.stderr());
        JsonNode expected = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(cli.stdout()).get("images");

        Dataset<Row> files = LocalSpark.session().read().format("binaryFile")
                .option("recursiveFileLookup", "true").load(dir.toString());
        // Batches of 5 over two tasks: full and partial batches, each unlike the command's batches of 1.
        List<Row> rows = VinferSpark.classify(files, VinferSparkOptions.of(model.toString()).withTopK(TOP).withBatchSize(5))
                .collectAsList();
        Map<Path, Row> byFile = new HashMap<>();
        for (Row row : rows) {
            assertNull(byFile.put(SparkPaths.toLocal(row.getString(0)), row), "path twice: " + row.getString(0));
        }

        assertEquals(expected.size(), rows.size(), "one row per file the command classified");
        int compared = 0;
        for (JsonNode image : expected) {
            Path file = Path.of(image.get("file").asText()).toAbsolutePath();
            Row row = byFile.get(file);
            assertNotNull(row, "no row for " + file + " among " + byFile.keySet());
            if (image.has("error")) {
                assertTrue(row.isNullAt(1), "an error row has no top: " + row);
                assertTrue(file.endsWith("broken/cut.jpg"), "only the truncated JPEG fails: " + image);
                assertTrue(row.getString(2).contains("cut.jpg") && row.getString(2).contains("damaged"), row.getString(2));
                continue;
            }
            assertNull(row.get(2), "unexpected error for " + file);
            List<Row> top = row.getList(1);
            JsonNode cliTop = image.get("top");
            assertEquals(cliTop.size(), top.size(), file.toString());
            for (int k = 0; k < top.size(); k++) {
                JsonNode want = cliTop.get(k);
                Row got = top.get(k);
                assertEquals(want.get("index").asInt(), got.getInt(0), file + " rank " + k);
                assertEquals(want.get("label").asText(), got.getString(1), file + " rank " + k);
                float wantP = Float.parseFloat(want.get("probability").decimalValue().toString());
                assertEquals(Float.floatToRawIntBits(wantP), Float.floatToRawIntBits(got.getFloat(2)),
                        file + " rank " + k + ": " + wantP + " vs " + got.getFloat(2));
            }
            compared++;
        }
        assertEquals(expected.size() - 1, compared, "every photo but the truncated one compared");
    }
}
