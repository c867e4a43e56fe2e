package dev.mnemo.benchmarks.harness;

import org.HdrHistogram.Histogram;

/**
 * One operation type's measurements over a measured interval: latencies of successful operations (nanoseconds),
 * conflicts and errors. {@code op} is null for the row that sums every type.
 */
public record OpStats(OpType op, Histogram latencyNanos, long errors, long conflicts) {
    /** Successful operations. */
    public long count() {
        return latencyNanos.getTotalCount();
    }

    public String label() {
        return op == null ? "all" : op.label();
    }

    /** Successful operations per second over {@code elapsedNanos}. */
    public double throughput(long elapsedNanos) {
        return elapsedNanos <= 0 ? 0 : count() * 1e9 / elapsedNanos;
    }

    /** The latency at a percentile in nanoseconds; 0 if nothing succeeded. */
    public long percentile(double percentile) {
        return latencyNanos.getTotalCount() == 0 ? 0 : latencyNanos.getValueAtPercentile(percentile);
    }

    public long max() {
        return latencyNanos.getTotalCount() == 0 ? 0 : latencyNanos.getMaxValue();
    }

    /** An empty accumulator. */
    static OpStats empty(OpType op) {
        return new OpStats(op, newHistogram(), 0, 0);
    }

    static Histogram newHistogram() {
        return new Histogram(WorkerStats.SIGNIFICANT_DIGITS);
    }

    /** This plus {@code other}: histograms merged, counts added. */
    OpStats plus(OpStats other) {
        Histogram merged = latencyNanos.copy();
        merged.add(other.latencyNanos);
        return new OpStats(op, merged, errors + other.errors, conflicts + other.conflicts);
    }
}
