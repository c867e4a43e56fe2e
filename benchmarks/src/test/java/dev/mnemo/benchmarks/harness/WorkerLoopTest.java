package dev.mnemo.benchmarks.harness;

import dev.mnemo.engine.TransactionConflictException;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver loop on a simulated clock: what it records, from when, and what it leaves out. Every operation
 * takes exactly the simulated time it is given, so the expected histograms are exact.
 */
class WorkerLoopTest {
    private static final long MS = 1_000_000;

    /** Time stands still until someone sleeps or an operation runs. */
    static final class FakeClock implements NanoClock {
        /** Volatile: a {@link ServiceThread} moves it while the worker waits for an answer. */
        volatile long now = 1_000 * MS;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepUntil(long deadlineNanos) {
            now = Math.max(now, deadlineNanos);
        }
    }

    /** Reads whose service time is fixed, except for the operations told to stall or fail. */
    static final class ScriptedOps implements WorkerLoop.Ops {
        final FakeClock clock;
        final long serviceNanos;
        final Deque<Object> script = new ArrayDeque<>();
        int executed;

        ScriptedOps(FakeClock clock, long serviceNanos) {
            this.clock = clock;
            this.serviceNanos = serviceNanos;
        }

        @Override
        public OpType prepare() {
            return OpType.READ;
        }

        @Override
        public void execute() throws Exception {
            Object next = executed++ < skip || script.isEmpty() ? null : script.poll();
            if (next instanceof Exception) {
                clock.now += serviceNanos;
                throw (Exception) next;
            }
            clock.now += next == null ? serviceNanos : (Long) next;
        }

        int skip;
    }

    private static Histogram run(FakeClock clock, WorkerLoop.Ops ops, WorkerStats stats, long warmupNanos,
                                 long durationNanos, long opsMax, double intervalNanos) {
        long start = clock.now;
        WorkerLoop.Budget budget = opsMax > 0 ? new WorkerLoop.Budget(opsMax) : WorkerLoop.Budget.unlimited();
        long deadline = durationNanos > 0 ? start + warmupNanos + durationNanos : Long.MAX_VALUE;
        new WorkerLoop(clock, ops, stats, budget, start, start + warmupNanos, deadline, intervalNanos).run();
        Histogram h = OpStats.newHistogram();
        stats.drainInto(OpType.READ, h);
        return h;
    }

    @Test
    void atAFixedRateAStallIsChargedToEveryOperationItDelayed() {
        FakeClock clock = new FakeClock();
        ScriptedOps ops = new ScriptedOps(clock, 0);
        ops.skip = 100;
        ops.script.add(100 * MS);
        Histogram corrected = run(clock, ops, new WorkerStats(new ErrorSamples()), 0, 1_000 * MS, 0, MS);

        // 1000 operations due in the second, each recorded once.
        assertThat(corrected.getTotalCount()).isEqualTo(1_000);
        // The stalled one took 100 ms; the 99 due during the stall waited 99, 98, ..., 1 ms.
        for (long waited = 1; waited <= 100; waited++) {
            assertThat(corrected.getCountBetweenValues(waited * MS, waited * MS)).as("%d ms", waited).isEqualTo(1);
        }
        assertThat(corrected.getCountBetweenValues(1, MS * 9 / 10)).isZero();
        assertThat(corrected.getCountAtValue(0)).isEqualTo(900);

        // That is exactly what HdrHistogram's own correction adds to the service times of the same operations.
        Histogram serviceTimes = OpStats.newHistogram();
        serviceTimes.recordValue(100 * MS);
        serviceTimes.recordValueWithCount(0, 999);
        Histogram hdrCorrected = serviceTimes.copyCorrectedForCoordinatedOmission(MS);
        assertThat(hdrCorrected.getTotalCount() - serviceTimes.getTotalCount()).isEqualTo(99);
        assertThat(corrected.getCountBetweenValues(MS, 100 * MS))
                .isEqualTo(hdrCorrected.getCountBetweenValues(MS, 100 * MS)).isEqualTo(100);
        assertThat(corrected.getMaxValue()).isEqualTo(hdrCorrected.getMaxValue());
    }

    @Test
    void inAClosedLoopAStallIsOneSlowSample() {
        FakeClock clock = new FakeClock();
        ScriptedOps ops = new ScriptedOps(clock, MS);
        ops.skip = 100;
        ops.script.add(100 * MS);
        Histogram h = run(clock, ops, new WorkerStats(new ErrorSamples()), 0, 1_000 * MS, 0, 0);

        assertThat(h.getTotalCount()).isEqualTo(901);
        assertThat(h.getCountBetweenValues(2 * MS, Long.MAX_VALUE / 2)).isEqualTo(1);
        assertThat(h.getValueAtPercentile(99.8)).isEqualTo(h.highestEquivalentValue(MS));
    }

    @Test
    void warmUpOperationsRunButAreNotRecorded() {
        FakeClock clock = new FakeClock();
        ScriptedOps ops = new ScriptedOps(clock, 0);
        WorkerStats stats = new WorkerStats(new ErrorSamples());
        Histogram h = run(clock, ops, stats, 200 * MS, 1_000 * MS, 0, MS);

        assertThat(ops.executed).isEqualTo(1_200);
        assertThat(stats.issued()).isEqualTo(1_200);
        assertThat(h.getTotalCount()).isEqualTo(1_000);
    }

    @Test
    void anOperationCountBoundsTheMeasuredOperationsOnly() {
        FakeClock clock = new FakeClock();
        ScriptedOps ops = new ScriptedOps(clock, MS);
        Histogram h = run(clock, ops, new WorkerStats(new ErrorSamples()), 50 * MS, 0, 75, 0);

        assertThat(h.getTotalCount()).isEqualTo(75);
        assertThat(ops.executed).isEqualTo(50 + 75);
    }

    @Test
    void conflictsAndErrorsAreCountedApartAndKeptOutOfTheLatencies() {
        FakeClock clock = new FakeClock();
        ScriptedOps ops = new ScriptedOps(clock, MS);
        ops.script.add(new SQLException("could not serialize", "40001"));
        ops.script.add(new TransactionConflictException("retries exhausted"));
        ops.script.add(new SQLException("lock timeout", "HYT00"));
        ops.script.add(new IllegalStateException("no row under key user1"));
        ErrorSamples samples = new ErrorSamples();
        WorkerStats stats = new WorkerStats(samples);
        Histogram h = run(clock, ops, stats, 0, 10 * MS, 0, 0);

        assertThat(stats.conflicts(OpType.READ)).isEqualTo(2);
        assertThat(stats.errors(OpType.READ)).isEqualTo(2);
        assertThat(h.getTotalCount()).isEqualTo(10 - 4);
        assertThat(samples.lines()).hasSize(2).anyMatch(l -> l.contains("HYT00") && l.startsWith("1 × read"));
    }

    @Test
    void operationsStillDueWhenTheTimeIsUpAreTheBacklog() {
        FakeClock clock = new FakeClock();
        ScriptedOps ops = new ScriptedOps(clock, 2 * MS);
        WorkerStats stats = new WorkerStats(new ErrorSamples());
        Histogram h = run(clock, ops, stats, 0, 1_000 * MS, 0, MS);

        // Asked for 1000/s of a 500/s service: half of it runs, the other half is left waiting.
        assertThat(h.getTotalCount()).isEqualTo(500);
        assertThat(stats.backlog()).isEqualTo(500);
        // The last operation that ran was due at 499 ms and ended at 1000 ms.
        assertThat(h.getMaxValue()).isEqualTo(h.highestEquivalentValue(501 * MS));
    }

    /**
     * An asynchronous service that answers nothing until {@code batch} operations wait, then takes
     * {@code serviceNanos} of simulated time and answers them all; scripted failures answer their operation so.
     */
    static final class BatchingService implements WorkerLoop.AsyncOps {
        final FakeClock clock;
        final int batch;
        final long serviceNanos;
        final Deque<Object> script = new ArrayDeque<>();
        final List<CompletableFuture<Object>> waiting = new ArrayList<>();
        int submitted;
        int mostWaiting;

        BatchingService(FakeClock clock, int batch, long serviceNanos) {
            this.clock = clock;
            this.batch = batch;
            this.serviceNanos = serviceNanos;
        }

        @Override
        public OpType prepare() {
            return OpType.READ;
        }

        @Override
        public CompletionStage<?> submit() {
            submitted++;
            Object next = script.poll();
            if (next instanceof RuntimeException && ((RuntimeException) next).getMessage().startsWith("at once")) {
                throw (RuntimeException) next;
            }
            CompletableFuture<Object> f = new CompletableFuture<>();
            waiting.add(f);
            mostWaiting = Math.max(mostWaiting, waiting.size());
            if (waiting.size() == batch) {
                clock.now += serviceNanos;
                for (CompletableFuture<Object> w : waiting) {
                    w.complete(true);
                }
                waiting.clear();
            }
            if (next instanceof Exception) {
                // Completed exceptionally as a chained stage reports it: wrapped in a CompletionException.
                f.obtrudeException(new CompletionException((Exception) next));
            }
            return f;
        }
    }

    /**
     * An asynchronous service that answers on a thread of its own, and only while the worker waits for an answer
     * (blocked, as nothing else blocks it on the simulated clock): each time, it lets {@code serviceNanos} of
     * simulated time pass and answers every operation waiting. After {@code answersMax} such answers it falls
     * silent: the next time the worker waits, the simulated time runs on by {@code silenceNanos}, as the worker's
     * real wait for an answer runs out, and nothing is answered from then on.
     */
    static final class ServiceThread implements WorkerLoop.AsyncOps, AutoCloseable {
        final FakeClock clock;
        final long serviceNanos;
        final int answersMax;
        final long silenceNanos;
        /** The simulated time of each submit. */
        final List<Long> submitted = new ArrayList<>();
        private final List<CompletableFuture<Object>> waiting = new ArrayList<>();
        private final Thread server = new Thread(this::serve, "simulated-service");
        private volatile Thread worker;
        private volatile boolean closed;

        ServiceThread(FakeClock clock, long serviceNanos, int answersMax, long silenceNanos) {
            this.clock = clock;
            this.serviceNanos = serviceNanos;
            this.answersMax = answersMax;
            this.silenceNanos = silenceNanos;
            server.setDaemon(true);
            server.start();
        }

        @Override
        public OpType prepare() {
            return OpType.READ;
        }

        @Override
        public synchronized CompletionStage<?> submit() {
            worker = Thread.currentThread();
            submitted.add(clock.now);
            CompletableFuture<Object> f = new CompletableFuture<>();
            waiting.add(f);
            return f;
        }

        synchronized List<Long> submitted() {
            return List.copyOf(submitted);
        }

        private void serve() {
            int answers = 0;
            while (!closed && answers <= answersMax) {
                if (answerIfTheWorkerWaits(answers < answersMax)) {
                    answers++;
                } else {
                    LockSupport.parkNanos(100_000);
                }
            }
        }

        /** Under the lock, so that the worker, woken by an answer, cannot submit before the batch is answered. */
        private synchronized boolean answerIfTheWorkerWaits(boolean answer) {
            Thread w = worker;
            if (w == null || w.getState() != Thread.State.TIMED_WAITING || waiting.isEmpty()) {
                return false;
            }
            clock.now += answer ? serviceNanos : silenceNanos;
            if (answer) {
                waiting.forEach(f -> f.complete(true));
            }
            waiting.clear();
            return true;
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            server.join();
        }
    }

    private static Histogram runAsync(FakeClock clock, WorkerLoop.AsyncOps ops, WorkerStats stats, int inFlight,
                                      long warmupNanos, long durationNanos, long answerWaitNanos) {
        return runAsync(clock, ops, stats, inFlight, WorkerLoop.Budget.unlimited(), warmupNanos,
                clock.now + warmupNanos + durationNanos, 0, answerWaitNanos);
    }

    private static Histogram runAsync(FakeClock clock, WorkerLoop.AsyncOps ops, WorkerStats stats, int inFlight,
                                      WorkerLoop.Budget budget, long warmupNanos, long deadlineNanos,
                                      double intervalNanos, long answerWaitNanos) {
        long start = clock.now;
        WorkerLoop.Clients clients = WorkerLoop.inFlight(clock, ops, stats, inFlight, answerWaitNanos);
        new WorkerLoop(clock, clients, stats, budget, start, start + warmupNanos, deadlineNanos, intervalNanos).run();
        Histogram h = OpStats.newHistogram();
        stats.drainInto(OpType.READ, h);
        return h;
    }

    @Test
    void asynchronousClientsKeepTheirOperationsInFlightAndTimeEachFromSubmitToAnswer() {
        FakeClock clock = new FakeClock();
        BatchingService service = new BatchingService(clock, 4, MS);
        WorkerStats stats = new WorkerStats(new ErrorSamples());
        Histogram h = runAsync(clock, service, stats, 4, 10 * MS, 1_000 * MS, 1_000 * MS);

        // Four operations submitted at once each millisecond, all four answered a millisecond later.
        assertThat(service.mostWaiting).isEqualTo(4);
        assertThat(stats.issued()).isEqualTo(service.submitted).isEqualTo(4 * 1_010);
        assertThat(h.getTotalCount()).isEqualTo(4_000);
        assertThat(h.getMinValue()).isEqualTo(h.lowestEquivalentValue(MS));
        assertThat(h.getMaxValue()).isEqualTo(h.highestEquivalentValue(MS));
        assertThat(stats.lastEndNanos()).as("the last batch, submitted in time, answered at the deadline")
                .isEqualTo(clock.now);
    }

    @Test
    void aWorkerNeverHasMoreThanItsClientsInFlightAndCountsWhatIsNeverAnsweredAsErrors() {
        FakeClock clock = new FakeClock();
        BatchingService silent = new BatchingService(clock, Integer.MAX_VALUE, MS);
        ErrorSamples samples = new ErrorSamples();
        WorkerStats stats = new WorkerStats(samples);
        Histogram h = runAsync(clock, silent, stats, 3, 0, 1_000 * MS, 50 * MS);

        assertThat(silent.submitted).isEqualTo(3);
        assertThat(stats.errors(OpType.READ)).isEqualTo(3);
        assertThat(h.getTotalCount()).isZero();
        assertThat(samples.lines()).containsExactly("3 × read: TimeoutException: no answer within 50 ms (3 operations "
                + "in flight)");
    }

    @Test
    void asynchronousFailuresAreCountedAsConflictsOrErrorsByTheirCause() {
        FakeClock clock = new FakeClock();
        BatchingService service = new BatchingService(clock, 2, MS);
        service.script.add(new TransactionConflictException("retries exhausted"));
        service.script.add(new IllegalStateException("no row under key user7, which was loaded"));
        service.script.add(new IllegalStateException("at once: the database is closed"));
        ErrorSamples samples = new ErrorSamples();
        WorkerStats stats = new WorkerStats(samples);
        Histogram h = runAsync(clock, service, stats, 2, 0, 10 * MS, 1_000 * MS);

        assertThat(stats.conflicts(OpType.READ)).isEqualTo(1);
        assertThat(stats.errors(OpType.READ)).isEqualTo(2);
        assertThat(h.getTotalCount() + 3).isEqualTo(stats.issued()).isEqualTo(service.submitted);
        assertThat(samples.lines()).containsExactlyInAnyOrder(
                "1 × read: IllegalStateException: no row under key user7, which was loaded",
                "1 × read: IllegalStateException: at once: the database is closed");
    }

    @Test
    void anOperationNeverAnsweredIsAnErrorThatDoesNotLengthenTheRound() throws Exception {
        FakeClock clock = new FakeClock();
        long start = clock.now;
        ErrorSamples samples = new ErrorSamples();
        WorkerStats stats = new WorkerStats(samples);
        Histogram h;
        try (ServiceThread service = new ServiceThread(clock, MS, 3, 1_000 * MS)) {
            h = runAsync(clock, service, stats, 2, 0, 10_000 * MS, 1_000 * MS);
        }

        // Answered three times, a millisecond each, two operations at a time; the last two never.
        assertThat(h.getTotalCount()).isEqualTo(6);
        assertThat(stats.errors(OpType.READ)).isEqualTo(2);
        assertThat(samples.lines()).containsExactly("2 × read: TimeoutException: no answer within 1000 ms (2 "
                + "operations in flight)");
        assertThat(clock.now).as("the worker waited a second for an answer").isEqualTo(start + 1_003 * MS);
        assertThat(stats.lastEndNanos()).as("the round ended with the last answer").isEqualTo(start + 3 * MS);
    }

    /** What a worker recorded against a {@link ServiceThread} that always answers, and when it submitted. */
    private record Served(Histogram latencies, List<Long> submitted) {
    }

    private static Served runAnswered(FakeClock clock, WorkerStats stats, long serviceNanos, int inFlight,
                                      long deadlineNanos, double intervalNanos) throws InterruptedException {
        try (ServiceThread service = new ServiceThread(clock, serviceNanos, Integer.MAX_VALUE, 0)) {
            Histogram h = runAsync(clock, service, stats, inFlight, WorkerLoop.Budget.unlimited(), 0, deadlineNanos,
                    intervalNanos, 10_000 * MS);
            return new Served(h, service.submitted());
        }
    }

    @Test
    void inAClosedLoopAnOperationThatWaitedForAFreeClientPastTheDeadlineDoesNotStart() throws Exception {
        FakeClock clock = new FakeClock();
        long start = clock.now;
        WorkerStats stats = new WorkerStats(new ErrorSamples());
        Served served = runAnswered(clock, stats, 3 * MS, 2, start + 10 * MS, 0);
        Histogram h = served.latencies();

        // Two at a time, answered 3 ms later: submitted at 0, 3, 6 and 9 ms; the next free client came at 12 ms.
        assertThat(served.submitted()).containsExactly(start, start, start + 3 * MS, start + 3 * MS, start + 6 * MS,
                start + 6 * MS, start + 9 * MS, start + 9 * MS);
        assertThat(h.getTotalCount()).isEqualTo(8);
        assertThat(h.getMaxValue()).isEqualTo(h.highestEquivalentValue(3 * MS));
        assertThat(stats.lastEndNanos()).isEqualTo(start + 12 * MS);
    }

    @Test
    void aWorkerThatGivesUpLeavesTheRestOfTheOperationCountToTheOthers() throws Exception {
        FakeClock clock = new FakeClock();
        WorkerLoop.Budget budget = new WorkerLoop.Budget(10);
        WorkerStats quitter = new WorkerStats(new ErrorSamples());
        Histogram answered;
        try (ServiceThread silentAfterOne = new ServiceThread(clock, MS, 1, 1_000 * MS)) {
            answered = runAsync(clock, silentAfterOne, quitter, 2, budget, 0, Long.MAX_VALUE, 0, 1_000 * MS);
            assertThat(silentAfterOne.submitted()).hasSize(4);
        }
        assertThat(answered.getTotalCount()).isEqualTo(2);
        assertThat(quitter.errors(OpType.READ)).isEqualTo(2);

        // Another worker on the same count, whose target answers, does the six operations left.
        BatchingService healthy = new BatchingService(clock, 2, MS);
        Histogram other = runAsync(clock, healthy, new WorkerStats(new ErrorSamples()), 2, budget, 0, Long.MAX_VALUE, 0,
                1_000 * MS);
        assertThat(healthy.submitted).isEqualTo(6);
        assertThat(other.getTotalCount()).isEqualTo(6);
    }

    @Test
    void atARateAnOperationStillWaitingForAFreeClientWhenTheTimeIsUpIsBacklog() throws Exception {
        FakeClock clock = new FakeClock();
        long start = clock.now;
        WorkerStats stats = new WorkerStats(new ErrorSamples());
        Served served = runAnswered(clock, stats, 3 * MS, 2, start + 10 * MS, MS);
        Histogram h = served.latencies();

        // Due each millisecond, two at a time, answered 3 ms later: the operation due at 6 ms found a free client
        // only at 10 ms, when the time was up; it and the three due after it are the backlog.
        assertThat(served.submitted()).containsExactly(start, start + MS, start + 4 * MS, start + 4 * MS,
                start + 7 * MS, start + 7 * MS);
        assertThat(stats.backlog()).isEqualTo(4);
        assertThat(h.getTotalCount()).isEqualTo(6);
        // Latency counts from when each was due: the one due at 4 ms was answered at 10 ms.
        assertThat(h.getMaxValue()).isEqualTo(h.highestEquivalentValue(6 * MS));
    }
}
