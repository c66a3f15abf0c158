package dev.vinfer.cli.bench;

import java.util.Arrays;

/**
 * Order statistics of a sample of timings. Percentiles interpolate linearly between the two nearest
 * ranks (NumPy's default): the p-th percentile of sorted {@code s[0..n-1]} is read at rank
 * {@code p * (n - 1)}.
 *
 * @param count  sample size
 * @param median the 50th percentile
 * @param p10    the 10th percentile (fast runs)
 * @param p90    the 90th percentile (slow runs)
 * @param min    the fastest
 * @param max    the slowest
 */
public record Stats(int count, double median, double p10, double p90, double min, double max) {

    public static Stats of(double[] sample) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        return new Stats(sorted.length, percentile(sorted, 0.5), percentile(sorted, 0.1), percentile(sorted, 0.9),
                sorted[0], sorted[sorted.length - 1]);
    }

    /** The {@code p}-quantile (0..1) of an ascending array. */
    static double percentile(double[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
