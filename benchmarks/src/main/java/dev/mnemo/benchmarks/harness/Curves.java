package dev.mnemo.benchmarks.harness;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Latency-by-percentile curves, as HdrHistogram's own plots draw them: the x axis is 1 / (1 − percentile/100) on
 * a log scale (0%, 90%, 99%, 99.9%, ... equally spaced), so that the tail gets as much room as the median.
 */
public final class Curves {
    /** The deepest percentile drawn; beyond it a curve is a handful of samples. */
    public static final double PERCENTILE_MAX = 99.999;
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private Curves() {
    }

    /** A point of a curve: percentile (0..100) and latency in nanoseconds. */
    public record Point(double percentile, long nanos) {
        /** The x coordinate: log10 of 1 / (1 − p), 0 at the median's left end, 3 at p99.9. */
        public double x() {
            return Math.log10(1 / (1 - Math.min(percentile, PERCENTILE_MAX) / 100));
        }
    }

    /** Points from the minimum up to {@value #PERCENTILE_MAX} (or the maximum if fewer samples); empty if none. */
    public static List<Point> of(Histogram h) {
        List<Point> out = new ArrayList<>();
        if (h.getTotalCount() == 0) {
            return out;
        }
        for (HistogramIterationValue v : h.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double p = v.getPercentileLevelIteratedTo();
            long value = h.highestEquivalentValue(v.getValueIteratedTo());
            if (p > PERCENTILE_MAX) {
                out.add(new Point(Math.min(p, PERCENTILE_MAX), value));
                break;
            }
            out.add(new Point(p, value));
        }
        return out;
    }
}
