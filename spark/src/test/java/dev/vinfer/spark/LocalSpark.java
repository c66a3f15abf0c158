package dev.vinfer.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One {@code local[2]} Spark session for every test class of this JVM (starting Spark costs
 * seconds): no web UI, driver bound to 127.0.0.1, so tests touch nothing but localhost.
 */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("vinfer-spark-tests")
                    .master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }
}
