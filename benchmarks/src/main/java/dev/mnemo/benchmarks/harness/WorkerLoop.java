package dev.mnemo.benchmarks.harness;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One worker thread's driver loop, closed-loop or at a fixed rate, with one operation at a time (blocking) or
 * up to a fixed number in flight (asynchronous clients, see {@link #inFlight}).
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

    /** The operations of asynchronous clients: choose the next one (untimed), then submit it without waiting. */
    interface AsyncOps {
        OpType prepare();

        /** Starts the operation prepared last; the stage completes when the target has answered it. */
        CompletionStage<?> submit();
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

    /** How a worker starts the operations it chose and records them: one at a time, or several in flight. */
    interface Clients {
        /**
         * Waits until a client is free to start another operation, recording the answers that arrive meanwhile.
         * False when the worker must stop (the target stopped answering).
         */
        boolean awaitFreeClient();

        OpType prepare();

        /**
         * Starts the operation prepared last on the client {@link #awaitFreeClient} found free, and records it once
         * it is answered; latency counts from {@code due} when paced, else from the operation's start.
         */
        void issue(OpType type, boolean measured, boolean paced, long due);

        /** Waits until every operation started has been answered or counted as an error. */
        void finish();
    }

    private final NanoClock clock;
    private final Clients clients;
    private final WorkerStats stats;
    private final Budget budget;
    private final long firstStartNanos;
    private final long measureStartNanos;
    private final long deadlineNanos;
    private final double intervalNanos;

    /** A blocking worker: one operation at a time. */
    WorkerLoop(NanoClock clock, Ops ops, WorkerStats stats, Budget budget, long firstStartNanos,
               long measureStartNanos, long deadlineNanos, double intervalNanos) {
        this(clock, blocking(clock, ops, stats), stats, budget, firstStartNanos, measureStartNanos, deadlineNanos,
                intervalNanos);
    }

    /**
     * @param intervalNanos time between this worker's operations at a fixed rate; 0 for closed loop
     * @param deadlineNanos no operation due at or after it starts; Long.MAX_VALUE if bounded by the budget only
     */
    WorkerLoop(NanoClock clock, Clients clients, WorkerStats stats, Budget budget, long firstStartNanos,
               long measureStartNanos, long deadlineNanos, double intervalNanos) {
        if (intervalNanos < 0 || measureStartNanos < firstStartNanos || deadlineNanos < measureStartNanos) {
            throw new IllegalArgumentException("need interval >= 0 and firstStart <= measureStart <= deadline");
        }
        this.clock = clock;
        this.clients = clients;
        this.stats = stats;
        this.budget = budget;
        this.firstStartNanos = firstStartNanos;
        this.measureStartNanos = measureStartNanos;
        this.deadlineNanos = deadlineNanos;
        this.intervalNanos = intervalNanos;
    }

    /** One client that runs each operation and waits for it, on the worker's thread. */
    static Clients blocking(NanoClock clock, Ops ops, WorkerStats stats) {
        return new Clients() {
            @Override
            public boolean awaitFreeClient() {
                return true;
            }

            @Override
            public OpType prepare() {
                return ops.prepare();
            }

            @Override
            public void issue(OpType type, boolean measured, boolean paced, long due) {
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

            @Override
            public void finish() {
            }
        };
    }

    /**
     * {@code inFlightMax} asynchronous clients on the worker's thread: it submits operations until that many are
     * unanswered, then waits for an answer. Answers arrive on whatever thread completes them and are recorded by
     * the worker, so that its stats keep their single writer. If no answer comes for {@code answerWaitNanos}, the
     * operations still unanswered are counted as errors and the worker stops. In a closed loop an operation is due
     * when a client is free for it, so that none starts after the deadline.
     */
    static Clients inFlight(NanoClock clock, AsyncOps ops, WorkerStats stats, int inFlightMax,
                            long answerWaitNanos) {
        return new InFlight(clock, ops, stats, inFlightMax, answerWaitNanos);
    }

    @Override
    public void run() {
        clock.sleepUntil(firstStartNanos);
        boolean paced = intervalNanos > 0;
        // A free client first: in a closed loop an operation is due when one is free, so that one still waiting at
        // the deadline does not start; at a rate, one still waiting when the time is up is backlog; and a worker
        // that gives up while waiting has claimed no share of the budget it could not use.
        for (long k = 0; clients.awaitFreeClient(); k++) {
            long due = paced ? firstStartNanos + Math.round(k * intervalNanos) : clock.nanoTime();
            if (due >= deadlineNanos) {
                break;
            }
            if (paced && clock.nanoTime() >= deadlineNanos) {
                stats.backlog((long) Math.ceil((deadlineNanos - due) / intervalNanos));
                break;
            }
            boolean measured = due >= measureStartNanos;
            if (measured && !budget.tryClaim()) {
                break;
            }
            OpType type = clients.prepare();
            if (paced) {
                clock.sleepUntil(due);
            }
            clients.issue(type, measured, paced, due);
        }
        clients.finish();
    }

    /** An operation's answer, as its completion hands it to the worker. */
    private record Answer(OpType type, boolean measured, long originNanos, long endNanos, Throwable failure) {
    }

    private static final class InFlight implements Clients {
        private final NanoClock clock;
        private final AsyncOps ops;
        private final WorkerStats stats;
        private final int inFlightMax;
        private final long answerWaitNanos;
        private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
        /** Measured operations submitted and not yet answered, by type: what a give-up counts as errors. */
        private final long[] unanswered = new long[OpType.values().length];
        private int inFlight;
        /** Set once the worker stopped waiting: from then on, answers that still arrive are not recorded. */
        private boolean gaveUp;

        InFlight(NanoClock clock, AsyncOps ops, WorkerStats stats, int inFlightMax, long answerWaitNanos) {
            if (inFlightMax < 1 || answerWaitNanos <= 0) {
                throw new IllegalArgumentException("need inFlightMax >= 1 and answerWaitNanos > 0");
            }
            this.clock = clock;
            this.ops = ops;
            this.stats = stats;
            this.inFlightMax = inFlightMax;
            this.answerWaitNanos = answerWaitNanos;
        }

        @Override
        public boolean awaitFreeClient() {
            return awaitFewerThan(inFlightMax);
        }

        @Override
        public OpType prepare() {
            return ops.prepare();
        }

        @Override
        public void issue(OpType type, boolean measured, boolean paced, long due) {
            if (gaveUp || inFlight >= inFlightMax) {
                throw new IllegalStateException("an operation issued without a free client: " + inFlight
                        + " of " + inFlightMax + " in flight" + (gaveUp ? ", after giving up" : ""));
            }
            long start = clock.nanoTime();
            long origin = paced ? due : start;
            inFlight++;
            unanswered[type.ordinal()] += measured ? 1 : 0;
            CompletionStage<?> stage;
            try {
                stage = ops.submit();
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((value, failure) ->
                    answers.add(new Answer(type, measured, origin, clock.nanoTime(), unwrap(failure))));
        }

        @Override
        public void finish() {
            awaitFewerThan(1);
        }

        /** Records answers until fewer than {@code limit} operations are in flight; false if it gave up. */
        private boolean awaitFewerThan(int limit) {
            if (gaveUp) {
                return false;
            }
            for (Answer a; (a = answers.poll()) != null; ) {
                record(a);
            }
            while (inFlight >= limit) {
                Answer a;
                try {
                    a = answers.poll(answerWaitNanos, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    a = null;
                }
                if (a == null) {
                    giveUp();
                    return false;
                }
                record(a);
            }
            return true;
        }

        private void record(Answer a) {
            inFlight--;
            unanswered[a.type().ordinal()] -= a.measured() ? 1 : 0;
            stats.record(a.type(), a.measured(), a.endNanos() - a.originNanos(), a.endNanos(), a.failure());
        }

        /**
         * Counts every measured operation still unanswered as an error; their late answers are ignored. They did
         * not end, so the round's measured time still ends with the last answer, not with the wait that ran out.
         */
        private void giveUp() {
            TimeoutException noAnswer = new TimeoutException("no answer within " + answerWaitNanos / 1_000_000
                    + " ms (" + inFlight + " operations in flight)");
            for (OpType type : OpType.values()) {
                for (long i = unanswered[type.ordinal()]; i > 0; i--) {
                    stats.unanswered(type, noAnswer);
                }
                unanswered[type.ordinal()] = 0;
            }
            inFlight = 0;
            gaveUp = true;
        }

        private static Throwable unwrap(Throwable failure) {
            Throwable t = failure;
            while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
                t = t.getCause();
            }
            return t;
        }
    }
}
