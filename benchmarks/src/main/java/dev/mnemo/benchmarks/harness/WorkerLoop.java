package dev.mnemo.benchmarks.harness;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One worker thread's driver loop, closed-loop or at a fixed rate.
 *
 * <p>Closed loop (no rate): the next operation starts when the previous one ends and its latency is its service
 * time. At a fixed rate, operation k is due at {@code firstStart + k × interval}; if the target falls behind, the
 * worker does not skip or wait: it issues the late operations back to back, and each latency is counted from when
 * the operation was due, not from when it could start. That is the correction for coordinated omission: a stall
 * of S at interval I shows up as ~S/I slow operations (S, S−I, S−2I, ...), as a real client population would see
 * it, not as one slow sample. Operations due before the time is up but not yet started then are the backlog,
 * reported separately.
 *
 * <p>Operations due before {@code measureStart} are the warm-up: they run but are not recorded.
 */
final class WorkerLoop implements Runnable {
    /** The operations a worker issues: choose the next one (untimed), then run it (timed). */
    interface Ops {
        OpType prepare();

        void execute() throws Exception;
    }

    /** The number of measured operations left when the run is bounded by a count; shared by the workers. */
    static final class Budget {
        private final AtomicLong remaining;

        Budget(long operations) {
            remaining = new AtomicLong(operations);
        }

        static Budget unlimited() {
            return new Budget(Long.MAX_VALUE);
        }

        boolean tryClaim() {
            return remaining.getAndDecrement() > 0;
        }
    }

    private final NanoClock clock;
    private final Ops ops;
    private final WorkerStats stats;
    private final Budget budget;
    private final long firstStartNanos;
    private final long measureStartNanos;
    private final long deadlineNanos;
    private final double intervalNanos;

    /**
     * @param intervalNanos time between this worker's operations at a fixed rate; 0 for closed loop
     * @param deadlineNanos no operation due at or after it starts; Long.MAX_VALUE if bounded by the budget only
     */
    WorkerLoop(NanoClock clock, Ops ops, WorkerStats stats, Budget budget, long firstStartNanos,
               long measureStartNanos, long deadlineNanos, double intervalNanos) {
        if (intervalNanos < 0 || measureStartNanos < firstStartNanos || deadlineNanos < measureStartNanos) {
            throw new IllegalArgumentException("need interval >= 0 and firstStart <= measureStart <= deadline");
        }
        this.clock = clock;
        this.ops = ops;
        this.stats = stats;
        this.budget = budget;
        this.firstStartNanos = firstStartNanos;
        this.measureStartNanos = measureStartNanos;
        this.deadlineNanos = deadlineNanos;
        this.intervalNanos = intervalNanos;
    }

    @Override
    public void run() {
        clock.sleepUntil(firstStartNanos);
        boolean paced = intervalNanos > 0;
        for (long k = 0; ; k++) {
            long due = paced ? firstStartNanos + Math.round(k * intervalNanos) : clock.nanoTime();
            if (due >= deadlineNanos) {
                return;
            }
            if (paced && clock.nanoTime() >= deadlineNanos) {
                stats.backlog((long) Math.ceil((deadlineNanos - due) / intervalNanos));
                return;
            }
            boolean measured = due >= measureStartNanos;
            if (measured && !budget.tryClaim()) {
                return;
            }
            OpType type = ops.prepare();
            if (paced) {
                clock.sleepUntil(due);
            }
            long start = clock.nanoTime();
            Throwable failure = null;
            try {
                ops.execute();
            } catch (Exception e) {
                failure = e;
            }
            long end = clock.nanoTime();
            stats.record(type, measured, end - (paced ? due : start), end, failure);
        }
    }
}
