package dev.mnemo.benchmarks.harness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of {@code mnemo bench}: opens the target (and the baseline of --compare), creates and loads the same
 * data in each, then runs the rounds. With a baseline the two alternate, ABBA (round 1 subject first, round 2
 * baseline first, ...), so that drift in the machine (other load, heat, the JIT) does not favour either side.
 */
final class BenchRun {
    /** Rows per insert transaction when loading. */
    static final int LOAD_BATCH_ROWS = 500;

    private final BenchConfig config;
    private final NanoClock clock;
    private final Progress progress;
    private final Keys keys;
    private final KeyChooser chooser;

    BenchRun(BenchConfig config, NanoClock clock, Progress progress) {
        this.config = config;
        this.clock = clock;
        this.progress = progress;
        this.keys = new Keys(config.fieldChars(), config.seed());
        long items = config.workload().isBank() ? config.accounts() : config.records();
        this.chooser = config.distribution().chooser(items);
    }

    /** A target being measured, with what it accumulates over the rounds. */
    private static final class Handle {
        final String role;
        final Target target;
        final AtomicLong nextInsertKey = new AtomicLong();
        final List<RoundResult> rounds = new ArrayList<>();
        String load = "";

        Handle(String role, Target target) {
            this.role = role;
            this.target = target;
        }
    }

    RunResult run() throws Exception {
        Environment env = Environment.capture();
        List<Handle> handles = new ArrayList<>();
        try {
            handles.add(new Handle(TargetRun.SUBJECT, open(config.target(), TargetRun.SUBJECT)));
            if (config.compare() != null) {
                handles.add(new Handle(TargetRun.BASELINE, open(config.compare(), TargetRun.BASELINE)));
            }
            for (Handle h : handles) {
                prepare(h);
            }
            for (int round = 1; round <= config.rounds(); round++) {
                boolean subjectFirst = round % 2 == 1;
                for (int i = 0; i < handles.size(); i++) {
                    Handle h = handles.get(subjectFirst ? i : handles.size() - 1 - i);
                    h.rounds.add(runRound(h, round));
                }
            }
            List<TargetRun> runs = new ArrayList<>();
            for (Handle h : handles) {
                runs.add(new TargetRun(h.role, h.target.label(), h.target.notes(), h.load, List.copyOf(h.rounds)));
            }
            return new RunResult(config, env, runs, Instant.now(), Environment.loadAverage());
        } finally {
            for (Handle h : handles) {
                try {
                    h.target.close();
                } catch (Exception e) {
                    progress.message("mnemo bench: closing " + h.target.label() + " failed: "
                            + Failures.describe(e));
                }
            }
        }
    }

    /** The target a resolved spec (see {@link TargetChoice}) names. */
    Target open(String spec, String role) throws Exception {
        if (spec.equals(TargetChoice.EMBEDDED)) {
            return new EmbeddedTarget(config.fields(), config.fieldChars(), config.tableKind(), config.inFlight());
        }
        if (spec.equals(TargetChoice.HAZELCAST)) {
            progress.message("mnemo bench: starting " + HazelcastTarget.MEMBERS + " Hazelcast members ...");
            return new HazelcastTarget();
        }
        if (TargetChoice.isClusterSpec(spec)) {
            return config.inFlight() > 0 ? InJvmCluster.start(spec, config, progress)
                    : ClusterTarget.start(spec, config, progress);
        }
        if (spec.startsWith("jdbc:")) {
            return JdbcTarget.open(spec, "bench_" + role, config.fields(), config.fieldChars(),
                    config.scanRowsMax(), config.tableKind());
        }
        throw new IllegalArgumentException("unknown target " + spec + ": use embedded, cluster, hazelcast or a "
                + "jdbc: URL");
    }

    private void prepare(Handle h) throws Exception {
        Workload w = config.workload();
        h.target.createTables(w);
        long start = clock.nanoTime();
        if (w.isBank()) {
            h.target.loadAccounts(config.accounts(), Tables.OPENING_BALANCE);
            h.load = String.format("opened %,d accounts in %.1f s", config.accounts(),
                    (clock.nanoTime() - start) / 1e9);
        } else if (w.startsEmpty()) {
            h.load = "nothing loaded: the table starts empty every round";
        } else {
            progress.message(String.format("mnemo bench: loading %,d records into %s ...", config.records(),
                    h.target.label()));
            load(h.target);
            double seconds = (clock.nanoTime() - start) / 1e9;
            h.load = String.format(Locale.ROOT, "loaded %,d records in %.1f s (%s rows/s, %d threads, batches of "
                    + "%d, not measured)", config.records(), seconds, Format.count(config.records() / seconds),
                    config.threads(), LOAD_BATCH_ROWS);
            h.nextInsertKey.set(config.records());
        }
        progress.message("mnemo bench: " + h.target.label() + ": " + h.load);
    }

    /** Loads key numbers [0, records) in contiguous slices, one per thread; each slice's data comes from its seed. */
    private void load(Target target) throws Exception {
        int threads = (int) Math.min(config.threads(), config.records());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> slices = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                long from = config.records() * i / threads;
                long to = config.records() * (i + 1) / threads;
                long sliceSeed = seed(0, i);
                slices.add(pool.submit(() -> {
                    loadSlice(target, from, to, new SplittableRandom(sliceSeed));
                    return null;
                }));
            }
            for (Future<Void> f : slices) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void loadSlice(Target target, long from, long to, SplittableRandom random) throws Exception {
        try (Session s = target.openSession()) {
            for (long first = from; first < to; first += LOAD_BATCH_ROWS) {
                int n = (int) Math.min(LOAD_BATCH_ROWS, to - first);
                String[] batchKeys = new String[n];
                String[][] values = new String[n][];
                for (int i = 0; i < n; i++) {
                    batchKeys[i] = Keys.name(first + i);
                    values[i] = keys.values(random, config.fields());
                }
                s.insertBatch(batchKeys, values);
            }
        }
    }

    private RoundResult runRound(Handle h, int round) throws Exception {
        Workload w = config.workload();
        if (w.startsEmpty()) {
            if (round > 1) {
                h.target.recreateUserTable();
            }
            h.nextInsertKey.set(0);
        }
        PhaseRunner.Plan plan = new PhaseRunner.Plan(w, config.threads(), config.warmup().toNanos(),
                config.duration() == null ? 0 : config.duration().toNanos(), config.opsMax(), config.rate(),
                config.inFlight());
        String label = shortLabel(h.target.label()) + " round " + round + "/" + config.rounds();
        RoundResult r = new PhaseRunner(clock, progress).run(h.target, label, round, plan, thread ->
                new WorkloadOps(w, chooser, keys, new SplittableRandom(seed(round, thread)),
                        config.fields(), config.scanRowsMax(), h.nextInsertKey));
        if (w.isBank()) {
            BankCheck check = BankCheck.of(config.accounts(), Tables.OPENING_BALANCE, h.target.bankTotals());
            r = new RoundResult(r.round(), r.elapsedNanos(), r.ops(), r.backlog(), r.internalRetries(),
                    r.gcCount(), r.gcMillis(), check, r.errorSamples());
        }
        OpStats all = r.all();
        progress.message(String.format("mnemo bench: %s: %s ops/s, p99 %s, %,d errors, %,d conflicts%s", label,
                Format.count(all.throughput(r.elapsedNanos())), Format.latency(all.percentile(99)), r.errors(),
                r.conflicts(), r.bank() == null ? "" : "; " + r.bank().describe()));
        return r;
    }

    /** The same seed for the same round and thread whatever the target, so that both see the same operations. */
    private long seed(int round, int thread) {
        return Keys.fnvHash64(config.seed() * 1_000_003L + round * 1_009L + thread);
    }

    static String shortLabel(String label) {
        return label.length() <= 32 ? label : label.substring(0, 31) + "…";
    }
}
