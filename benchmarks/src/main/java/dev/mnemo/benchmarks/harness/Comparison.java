package dev.mnemo.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * How the subject compares with the baseline on one operation type. Every ratio reads the same way: above 1 the
 * subject is better. Throughput: subject / baseline. Latency: baseline time / subject time.
 */
public record Comparison(double throughput, double[] latency, double max) {
    /** The percentiles every report shows, besides the maximum. */
    public static final List<Double> PERCENTILES = List.of(50.0, 90.0, 99.0, 99.9);

    public static Comparison of(OpStats subject, long subjectElapsedNanos, OpStats baseline,
                                long baselineElapsedNanos) {
        double[] latency = new double[PERCENTILES.size()];
        for (int i = 0; i < latency.length; i++) {
            latency[i] = ratio(baseline.percentile(PERCENTILES.get(i)), subject.percentile(PERCENTILES.get(i)));
        }
        return new Comparison(ratio(subject.throughput(subjectElapsedNanos), baseline.throughput(baselineElapsedNanos)),
                latency, ratio(baseline.max(), subject.max()));
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 || numerator == 0 ? Double.NaN : numerator / denominator;
    }

    /** Subject / baseline throughput of all operations, round by round (each pair ran back to back). */
    public static List<Double> roundThroughputRatios(TargetRun subject, TargetRun baseline) {
        List<Double> s = subject.roundThroughputs();
        List<Double> b = baseline.roundThroughputs();
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < Math.min(s.size(), b.size()); i++) {
            out.add(ratio(s.get(i), b.get(i)));
        }
        return out;
    }

    /** The median of {@code values} (the mean of the middle two for an even count); NaN if empty. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The label of a percentile: p50, p99.9. */
    public static String label(double percentile) {
        return percentile == Math.rint(percentile) ? "p" + (long) percentile : "p" + percentile;
    }
}
