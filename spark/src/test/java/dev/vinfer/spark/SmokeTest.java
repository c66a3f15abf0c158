package dev.vinfer.spark;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

class SmokeTest {
    @Test
    void runs() {
        var files = LocalSpark.session().read().format("binaryFile").load(System.getProperty("vinfer.shared.dir") + "/images/original");
        List<Row> rows = VinferSpark.classify(files, VinferSparkOptions.of("../model-mobilenet/src/test/resources/fixtures/seed/seed_a025_c10_224_b2.safetensors")).collectAsList();
        rows.forEach(System.out::println);
    }
}
