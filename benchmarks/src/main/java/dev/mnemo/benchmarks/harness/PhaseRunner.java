package dev.mnemo.benchmarks.harness;

import org.HdrHistogram.Histogram;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one measured round on one target: opens a session per thread, starts the workers together, collects their
 * histograms once a second for the progress line, and returns the round's stats when the last worker is done.
 */
final class PhaseRunner {
    /** Time between starting the threads and the first operation, so that all start on the same tick. */
    static final long START_DELAY_NANOS = 20_000_000;
    static final long TICK_MILLIS = 1_000;

    /**
     * How long an asynchronous worker waits for any answer before it counts its unanswered operations as errors
     * and stops: longer than a cluster write may wait ({@code LoopbackCluster.WRITE_TIMEOUT}, 30 s), so that the
     * database's own timeout answers first.
     */
    static final long ANSWER_WAIT_NANOS = 60_000_000_000L;

    /**
     * How long a round runs and how fast.
     *
     * @param inFlight operations each thread keeps in flight through an {@link AsyncSession}; 0 for a blocking
     *                 {@link Session}, one operation at a time
     */
    record Plan(Workload workload, int threads, long warmupNanos, long durationNanos, long opsMax,
                double ratePerSecond, int inFlight) {
        Plan {
            if (threads < 1 || warmupNanos < 0 || durationNanos < 0 || opsMax < 0 || ratePerSecond < 0
                    || inFlight < 0) {
                throw new IllegalArgumentException("bad plan " + this);
            }
            if (durationNanos == 0 && opsMax == 0) {
                throw new IllegalArgumentException("a round needs a duration or an operation count");
            }
        }
    }

    private final NanoClock clock;
    private final Progress progress;

    PhaseRunner(NanoClock clock, Progress progress) {
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * Runs the round. {@code opsFor} makes thread i's operations; the sessions are opened (and their statements
     * prepared) before any clock starts, and closed once every worker has stopped.
     */
    RoundResult run(Target target, String phaseLabel, int round, Plan plan, OpsFactory opsFor) throws Exception {
        List<AutoCloseable> sessions = new ArrayList<>();
        try {
            ErrorSamples samples = new ErrorSamples();
            WorkerStats[] stats = new WorkerStats[plan.threads()];
            List<WorkerLoop.Clients> clients = new ArrayList<>();
            for (int i = 0; i < plan.threads(); i++) {
                stats[i] = new WorkerStats(samples);
                clients.add(clients(target, plan, opsFor.create(i), stats[i], sessions));
            }
            long retriesBefore = target.internalRetries();
            long[] gcBefore = gc();
            RoundResult r = runOpen(clients, stats, samples, phaseLabel, round, plan);
            long[] gcAfter = gc();
            long retries = retriesBefore < 0 ? -1 : target.internalRetries() - retriesBefore;
            return new RoundResult(round, r.elapsedNanos(), r.ops(), r.backlog(), retries,
                    gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], null, r.errorSamples());
        } finally {
            for (AutoCloseable s : sessions) {
                s.close();
            }
        }
    }

    /** Makes a worker's operations. */
    interface OpsFactory {
        WorkloadOps create(int thread) throws Exception;
    }

    /** A worker's clients, on a session of its own that joins {@code sessions}: blocking or asynchronous. */
    private WorkerLoop.Clients clients(Target target, Plan plan, WorkloadOps ops, WorkerStats stats,
                                       List<AutoCloseable> sessions) throws Exception {
        if (plan.inFlight() == 0) {
            Session session = target.openSession();
            sessions.add(session);
            return WorkerLoop.blocking(clock, ops.on(session), stats);
        }
        AsyncSession session = target.openAsyncSession();
        sessions.add(session);
        return WorkerLoop.inFlight(clock, ops.on(session), stats, plan.inFlight(), ANSWER_WAIT_NANOS);
    }

    private RoundResult runOpen(List<WorkerLoop.Clients> clients, WorkerStats[] stats, ErrorSamples samples,
                                String phaseLabel, int round, Plan plan) throws Exception {
        int n = clients.size();
        List<WorkerLoop> loops = new ArrayList<>();
        double intervalNanos = plan.ratePerSecond() > 0 ? n * 1e9 / plan.ratePerSecond() : 0;
        WorkerLoop.Budget budget = plan.opsMax() > 0 ? new WorkerLoop.Budget(plan.opsMax())
                : WorkerLoop.Budget.unlimited();
        long t0 = clock.nanoTime() + START_DELAY_NANOS;
        long measureStart = t0 + plan.warmupNanos();
        long deadline = plan.durationNanos() > 0 ? measureStart + plan.durationNanos() : Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            // Spread the threads' schedules over one interval, so that the fixed-rate load is even, not bursts.
            long first = t0 + Math.round(intervalNanos * i / n);
            loops.add(new WorkerLoop(clock, clients.get(i), stats[i], budget, first, Math.max(first, measureStart),
                    deadline, intervalNanos));
        }
        Map<OpType, Histogram> totals = new LinkedHashMap<>();
        for (OpType op : plan.workload().opTypes()) {
            totals.put(op, OpStats.newHistogram());
        }
        AtomicReference<Throwable> crashed = new AtomicReference<>();
        CountDownLatch done = startWorkers(loops, phaseLabel, crashed);
        Ticker ticker = new Ticker(phaseLabel, plan, stats, totals, measureStart, deadline);
        while (!done.await(TICK_MILLIS, TimeUnit.MILLISECONDS)) {
            ticker.tick();
        }
        progress.clear();
        if (crashed.get() != null) {
            throw new IllegalStateException("a worker thread crashed outside any operation", crashed.get());
        }
        drain(stats, totals);
        return result(round, stats, totals, measureStart, samples);
    }

    private static CountDownLatch startWorkers(List<WorkerLoop> loops, String phaseLabel,
                                               AtomicReference<Throwable> crashed) {
        CountDownLatch done = new CountDownLatch(loops.size());
        for (int i = 0; i < loops.size(); i++) {
            WorkerLoop loop = loops.get(i);
            Thread t = new Thread(() -> {
                try {
                    loop.run();
                } catch (Throwable e) {
                    crashed.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }, "bench-" + phaseLabel.replace(' ', '-') + "-" + i);
            t.setDaemon(true);
            t.start();
        }
        return done;
    }

    private static void drain(WorkerStats[] stats, Map<OpType, Histogram> totals) {
        for (WorkerStats s : stats) {
            for (Map.Entry<OpType, Histogram> e : totals.entrySet()) {
                s.drainInto(e.getKey(), e.getValue());
            }
        }
    }

    private static RoundResult result(int round, WorkerStats[] stats, Map<OpType, Histogram> totals,
                                      long measureStart, ErrorSamples samples) {
        long lastEnd = Long.MIN_VALUE;
        long backlog = 0;
        for (WorkerStats s : stats) {
            lastEnd = Math.max(lastEnd, s.lastEndNanos());
            backlog += s.backlog();
        }
        Map<OpType, OpStats> ops = new LinkedHashMap<>();
        for (Map.Entry<OpType, Histogram> e : totals.entrySet()) {
            long errors = 0;
            long conflicts = 0;
            for (WorkerStats s : stats) {
                errors += s.errors(e.getKey());
                conflicts += s.conflicts(e.getKey());
            }
            ops.put(e.getKey(), new OpStats(e.getKey(), e.getValue(), errors, conflicts));
        }
        long elapsed = lastEnd == Long.MIN_VALUE ? 0 : Math.max(0, lastEnd - measureStart);
        return new RoundResult(round, elapsed, ops, backlog, -1, 0, 0, null, samples.lines());
    }

    /** Collections and milliseconds spent collecting, over every collector. */
    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, b.getCollectionCount());
            millis += Math.max(0, b.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /** The collector's once-a-second work: drain the workers' histograms, show the progress line. */
    private final class Ticker {
        private final String phaseLabel;
        private final Plan plan;
        private final WorkerStats[] stats;
        private final Map<OpType, Histogram> totals;
        private final long measureStart;
        private final long deadline;
        private long lastIssued;
        private long lastTickNanos = clock.nanoTime();

        Ticker(String phaseLabel, Plan plan, WorkerStats[] stats, Map<OpType, Histogram> totals, long measureStart,
               long deadline) {
            this.phaseLabel = phaseLabel;
            this.plan = plan;
            this.stats = stats;
            this.totals = totals;
            this.measureStart = measureStart;
            this.deadline = deadline;
        }

        void tick() {
            drain(stats, totals);
            long now = clock.nanoTime();
            long issued = 0;
            long errors = 0;
            long conflicts = 0;
            for (WorkerStats s : stats) {
                issued += s.issued();
                for (OpType op : totals.keySet()) {
                    errors += s.errors(op);
                    conflicts += s.conflicts(op);
                }
            }
            double rate = (issued - lastIssued) * 1e9 / Math.max(1, now - lastTickNanos);
            lastIssued = issued;
            lastTickNanos = now;
            Histogram all = OpStats.newHistogram();
            totals.values().forEach(all::add);
            boolean warmingUp = now < measureStart;
            progress.show(new Progress.Snapshot(phaseLabel, warmingUp, issued, rate,
                    all.getTotalCount() == 0 ? 0 : all.getValueAtPercentile(99), errors, conflicts,
                    secondsLeft(now, all.getTotalCount(), rate)));
        }

        private double secondsLeft(long now, long measured, double rate) {
            if (deadline != Long.MAX_VALUE) {
                return (deadline - now) / 1e9;
            }
            double warmupLeft = Math.max(0, measureStart - now) / 1e9;
            return rate > 0 ? warmupLeft + Math.max(0, plan.opsMax() - measured) / rate : -1;
        }
    }
}
