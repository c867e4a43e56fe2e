package dev.mnemo.benchmarks.harness;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one worker thread measured, per operation type: latencies of successful operations in nanoseconds
 * (HdrHistogram, 3 significant digits), and counts of conflicts and errors. The worker is the only writer; the
 * collector thread takes interval histograms while it runs, without stopping it.
 */
final class WorkerStats {
    static final int SIGNIFICANT_DIGITS = 3;

    private final SingleWriterRecorder[] latency = new SingleWriterRecorder[OpType.values().length];
    private final AtomicLongArray errors = new AtomicLongArray(OpType.values().length);
    private final AtomicLongArray conflicts = new AtomicLongArray(OpType.values().length);
    private final AtomicLong issued = new AtomicLong();
    private final ErrorSamples samples;
    private final Histogram[] recycled = new Histogram[OpType.values().length];
    private volatile long lastEndNanos = Long.MIN_VALUE;
    private volatile long backlog;

    WorkerStats(ErrorSamples samples) {
        this.samples = samples;
        for (int i = 0; i < latency.length; i++) {
            latency[i] = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
        }
    }

    /** Records one finished operation; only measured ones (not warm-up) reach the histograms and counters. */
    void record(OpType type, boolean measured, long latencyNanos, long endNanos, Throwable failure) {
        issued.lazySet(issued.get() + 1);
        if (!measured) {
            return;
        }
        // Asynchronous answers may be recorded slightly out of the order in which they completed.
        lastEndNanos = Math.max(lastEndNanos, endNanos);
        int i = type.ordinal();
        if (failure == null) {
            latency[i].recordValue(Math.max(0, latencyNanos));
        } else if (Failures.classify(failure) == Failures.Kind.CONFLICT) {
            conflicts.lazySet(i, conflicts.get(i) + 1);
        } else {
            error(type, failure);
        }
    }

    /**
     * Records a measured operation given up on, unanswered: an error that did not end, so that it does not move
     * {@link #lastEndNanos} and stretch the round's measured time to when the worker stopped waiting.
     */
    void unanswered(OpType type, Throwable noAnswer) {
        issued.lazySet(issued.get() + 1);
        error(type, noAnswer);
    }

    private void error(OpType type, Throwable failure) {
        int i = type.ordinal();
        errors.lazySet(i, errors.get(i) + 1);
        samples.add(type, failure);
    }

    /** Scheduled operations (fixed rate) that had not started when the time was up. */
    void backlog(long operations) {
        backlog = operations;
    }

    long backlog() {
        return backlog;
    }

    /** Operations finished so far, warm-up included, successful or not, and those given up on unanswered. */
    long issued() {
        return issued.get();
    }

    /** When the last measured operation ended (answered); Long.MIN_VALUE if none did. */
    long lastEndNanos() {
        return lastEndNanos;
    }

    long errors(OpType type) {
        return errors.get(type.ordinal());
    }

    long conflicts(OpType type) {
        return conflicts.get(type.ordinal());
    }

    /** Adds the latencies recorded since the previous call to {@code into}. Collector thread only. */
    void drainInto(OpType type, Histogram into) {
        int i = type.ordinal();
        recycled[i] = latency[i].getIntervalHistogram(recycled[i]);
        into.add(recycled[i]);
    }
}
