package dev.vinfer.spark.launcher;

import java.util.regex.Pattern;

/** Checks the form of {@code --master} before Spark starts, so a typo is a usage error rather than a stack trace. */
final class Masters {
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?\\])?");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[[1-9][0-9]*,[1-9][0-9]*,[1-9][0-9]*\\]");
    private static final Pattern CLUSTER = Pattern.compile("(spark://|k8s://)\\S+|yarn");

    private Masters() {
    }

    static void check(String master) {
        if (!(LOCAL.matcher(master).matches() || LOCAL_CLUSTER.matcher(master).matches() || CLUSTER.matcher(master).matches())) {
            throw new UsageException("--master '" + master + "' is not a Spark master URL (local, local[N], local[*], "
                    + "spark://HOST:PORT, yarn, k8s://URL)");
        }
    }

    static boolean isLocal(String master) {
        return master.startsWith("local");
    }
}
