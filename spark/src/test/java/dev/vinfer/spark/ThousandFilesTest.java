package dev.vinfer.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1,000 small pictures over many partitions: 1,000 rows, each path once, none failed, and the
 * model loaded once for the whole JVM (not per task) although dozens of tasks used it.
 */
class ThousandFilesTest {
    private static final int FILES = 1000;

    @TempDir
    Path dir;

    @Test
    void thousandFilesGiveThousandRowsAndOneModelLoad() throws IOException {
        List<byte[]> pictures = List.of(png(1), png(2), png(3), png(4));
        for (int i = 0; i < FILES; i++) {
            Files.write(dir.resolve(String.format("img-%04d.png", i)), pictures.get(i % pictures.size()));
        }
        // A copy of the seed model under a fresh path is a cache key no other test has loaded.
        Path model = Files.copy(TestData.seedModel(), Files.createDirectories(dir.resolve("model")).resolve("seed.safetensors"));
        int loadsBefore = ExecutorModels.loadCount();

        Dataset<Row> files = LocalSpark.session().read().format("binaryFile")
                .option("pathGlobFilter", "*.png").load(dir.toString());
        int partitions = files.rdd().getNumPartitions();
        assertTrue(partitions >= 4, "the test needs several tasks per executor, got " + partitions + " partitions");
        List<Row> rows = VinferSpark.classify(files, VinferSparkOptions.of(model.toString()).withTopK(3).withBatchSize(16))
                .collectAsList();

        assertEquals(FILES, rows.size());
        Set<String> paths = new HashSet<>();
        for (Row row : rows) {
            assertTrue(paths.add(row.getString(0)), "path twice: " + row.getString(0));
            assertNull(row.get(2), row.getString(0));
            assertEquals(3, row.getList(1).size());
        }
        assertEquals(1, ExecutorModels.loadCount() - loadsBefore,
                "the model must be loaded once per JVM, not once per task (" + partitions + " tasks)");
    }

    /** A small noise picture (48x48 PNG, a few kB), different per seed. */
    private static byte[] png(int seed) throws IOException {
        BufferedImage image = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(seed);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }
}
