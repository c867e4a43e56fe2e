package dev.mnemo.benchmarks.harness;

import java.util.concurrent.locks.LockSupport;

/**
 * The time source of the load generator's workers: passed in, so that the pacing and the latency accounting
 * can be tested on a simulated clock (see {@code WorkerLoopTest}).
 */
public interface NanoClock {
    /** The current time in nanoseconds, on an arbitrary origin (as {@link System#nanoTime()}). */
    long nanoTime();

    /** Returns at {@code deadlineNanos} or soon after; returns at once if it has passed. */
    void sleepUntil(long deadlineNanos);

    /** The real clock. Parks while far from the deadline, then yields: parking alone overshoots by ~50-100 µs. */
    NanoClock SYSTEM = new NanoClock() {
        private static final long PARK_MARGIN_NANOS = 120_000;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadlineNanos) {
            long remaining;
            while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
                if (remaining > PARK_MARGIN_NANOS) {
                    LockSupport.parkNanos(remaining - PARK_MARGIN_NANOS);
                } else {
                    // Yield rather than spin: on a machine with few cores, a spinning worker steals the CPU
                    // that the database under test needs.
                    Thread.yield();
                }
            }
        }
    };
}
