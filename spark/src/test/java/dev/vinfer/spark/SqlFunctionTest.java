package dev.vinfer.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code vinfer_classify(content)} in SQL gives the same outcome as {@link VinferSpark#classify}. */
class SqlFunctionTest {

    @Test
    void sqlFunctionAgreesWithTheDatasetApi() {
        SparkSession spark = LocalSpark.session();
        VinferSparkOptions options = VinferSparkOptions.of(TestData.seedModel().toString()).withTopK(4);
        VinferSpark.registerFunction(spark, options);
        spark.read().format("binaryFile").load(TestData.photos().toString()).createOrReplaceTempView("photos");

        List<Row> viaSql = spark.sql("SELECT path, vinfer_classify(content) AS r FROM photos").collectAsList();
        Map<String, List<Row>> expected = new HashMap<>();
        for (Row row : VinferSpark.classify(spark.table("photos"), options).collectAsList()) {
            expected.put(row.getString(0), row.getList(1));
        }
        assertEquals(expected.size(), viaSql.size());
        assertTrue(viaSql.size() >= 10, "the shared photos: " + viaSql.size());
        for (Row row : viaSql) {
            Row outcome = row.getStruct(1);
            assertNull(outcome.get(1), row.getString(0));
            assertEquals(expected.get(row.getString(0)), outcome.getList(0), row.getString(0));
        }
    }

    @Test
    void sqlFunctionTurnsBadBytesIntoAnError() {
        SparkSession spark = LocalSpark.session();
        VinferSpark.registerFunction(spark, VinferSparkOptions.of(TestData.seedModel().toString()));
        Row outcome = spark.sql("SELECT vinfer_classify(CAST('not a picture' AS BINARY))").first().getStruct(0);
        assertNull(outcome.get(0));
        assertTrue(outcome.getString(1).startsWith("vinfer_classify(content): not an image format"), outcome.getString(1));
    }
}
