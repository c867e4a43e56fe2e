package dev.mnemo.replication.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoConfig;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.Transaction;
import dev.mnemo.engine.log.CommitLog;
import dev.mnemo.engine.log.StateMachine;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.Outcome;
import dev.mnemo.engine.txn.RecordCodec;
import dev.mnemo.replication.log.LogStore;
import dev.mnemo.replication.log.MemoryLogStore;
import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.raft.MessageType;
import dev.mnemo.replication.raft.RaftConfig;
import dev.mnemo.replication.raft.RawNode;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.SnapshotMetadata;
import dev.mnemo.replication.snapshot.SnapshotOutput;
import dev.mnemo.replication.snapshot.SnapshotRef;
import dev.mnemo.replication.transport.Cookie;
import dev.mnemo.replication.transport.PeerTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

/**
 * One member's real {@link RaftDriver}, log store and engine, wired as {@link ClusterNode} wires them but without
 * a server, so that a test can step the driver with a leader's messages or submit records to it directly, hold
 * the engine's applies, and see every record the engine applied. Its peers' addresses have nobody listening: what
 * the member sends is dropped, as a network may drop it.
 */
final class DriverHarness implements AutoCloseable {
    static final Cookie COOKIE = Cookie.of("driver-harness-test-cookie");
    static final MnemoConfig ENGINE = MnemoConfig.builder().discInCommitLog(true).build();

    private final RaftDriver driver;
    private final LogStore store;
    private final Events events;
    private final ReplicatedCommitLog log;
    private final Mnemo db;
    private final List<ByteBuffer> applied = new CopyOnWriteArrayList<>();
    private final List<Outcome> verdicts = new CopyOnWriteArrayList<>();

    /** The default threshold, far above what a test applies: the member takes no snapshot of its own. */
    private static final long SNAPSHOT_ENTRIES_DEFAULT = 20_000;

    private DriverHarness(long id, String name, boolean founder, LogStore store, long snapshotEntries) {
        ClusterConfig config = ClusterConfig.builder(name, COOKIE).tick(Duration.ofMillis(20))
                .writeTimeout(Duration.ofSeconds(15)).engine(ENGINE).snapshotEntries(snapshotEntries).build();
        this.store = store;
        if (founder) {
            ClusterNode.bootstrap(store, id, name);
        }
        RawNode node = new RawNode(RaftConfig.builder(id).electionTicks(config.electionTicks())
                .heartbeatTicks(config.heartbeatTicks()).build(), store, new SplittableRandom(id));
        Directory directory = new Directory();
        directory.put(id, name);
        events = new Events(config.name().name());
        driver = new RaftDriver(id, config, node, store,
                inbound -> new PeerTransport(name, COOKIE.bytes(), inbound, config.transport()), directory, events,
                1 << 20);
        log = new ReplicatedCommitLog(driver, config);
        db = Mnemo.open(ENGINE, new CommitLog() {
            @Override
            public void start(StateMachine engine) {
                driver.bind(new Recording(engine));
            }

            @Override
            public Outcome append(CommitRecord record) {
                return log.append(record);
            }

            @Override
            public CompletableFuture<Outcome> appendAsync(CommitRecord record) {
                return log.appendAsync(record);
            }

            @Override
            public void close() {
                log.close();
            }
        });
        driver.start(db);
    }

    /** A member founding a cluster alone: it elects itself and leads. */
    static DriverHarness founder(long id, String name) {
        return new DriverHarness(id, name, true, new MemoryLogStore(), SNAPSHOT_ENTRIES_DEFAULT);
    }

    /** A member founding a cluster alone with its log in {@code store}, which the harness closes. */
    static DriverHarness founder(long id, String name, LogStore store) {
        return new DriverHarness(id, name, true, store, SNAPSHOT_ENTRIES_DEFAULT);
    }

    /** A member that joins: an empty log until a leader sends it a snapshot. */
    static DriverHarness joiner(long id, String name) {
        return joiner(id, name, new MemoryLogStore());
    }

    /** A member that joins with its log in {@code store}, which the harness closes. */
    static DriverHarness joiner(long id, String name, LogStore store) {
        return new DriverHarness(id, name, false, store, SNAPSHOT_ENTRIES_DEFAULT);
    }

    /** As {@link #joiner(long, String, LogStore)}, snapshotting its tables every {@code snapshotEntries}. */
    static DriverHarness joiner(long id, String name, LogStore store, long snapshotEntries) {
        return new DriverHarness(id, name, false, store, snapshotEntries);
    }

    RaftDriver driver() {
        return driver;
    }

    LogStore store() {
        return store;
    }

    Mnemo db() {
        return db;
    }

    /** Every record the engine applied, encoded, in the order applied. */
    List<ByteBuffer> applied() {
        return applied;
    }

    /** The engine's verdict on each of {@link #applied()}. */
    List<Outcome> verdicts() {
        return verdicts;
    }

    /**
     * Holds the engine's applies, as a long reader does, until the returned hold is closed: the apply thread then
     * waits in the engine, and any other thread's attempt to apply is turned down at once.
     */
    AutoCloseable holdApplies() throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread reader = new Thread(() -> db.engine().withAppliesHeld(() -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }), "long-reader");
        reader.setDaemon(true);
        reader.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).as("the engine's applies held").isTrue();
        return () -> {
            release.countDown();
            reader.join(10_000);
            assertThat(reader.isAlive()).as("the long reader ended").isFalse();
        };
    }

    @Override
    public void close() {
        log.close();
        driver.stop();
        driver.transport().close();
        db.close();
        store.close();
        events.close();
    }

    /** The engine as the driver sees it, noting each record it applied and its verdict. */
    private final class Recording implements StateMachine {
        private final StateMachine engine;

        Recording(StateMachine engine) {
            this.engine = engine;
        }

        @Override
        public void apply(List<CommitRecord> records, Outcome[] outcomes) {
            engine.apply(records, outcomes);
            note(records, outcomes);
        }

        @Override
        public boolean tryApply(List<CommitRecord> records, Outcome[] outcomes) {
            if (!engine.tryApply(records, outcomes)) {
                return false;
            }
            note(records, outcomes);
            return true;
        }

        private void note(List<CommitRecord> records, Outcome[] outcomes) {
            for (int i = 0; i < records.size(); i++) {
                applied.add(ByteBuffer.wrap(RecordCodec.encode(records.get(i))));
                verdicts.add(outcomes[i]);
            }
        }
    }

    // ---- a leader's side, played by the test -------------------------------------------------------------------

    /** One transaction's body. */
    @FunctionalInterface
    interface Write {
        void run(Transaction tx);
    }

    /**
     * The database of record: every write is applied here at once and its commit record kept, so that a test can
     * send the records to a member as a leader's log entries, or its state as a leader's snapshot, at whichever
     * log index it chooses (all in one term).
     */
    static final class Source implements AutoCloseable {
        static final long TERM = 1;

        private final List<CommitRecord> records = new CopyOnWriteArrayList<>();
        private final Mnemo db;
        /** The log index of each record sent in an entry, by its encoding. */
        private final Map<ByteBuffer, Long> sentAt = new HashMap<>();
        private long lastIndex;
        private long sequence;

        Source() {
            db = Mnemo.open(ENGINE, new CommitLog() {
                private StateMachine machine;

                @Override
                public void start(StateMachine stateMachine) {
                    machine = stateMachine;
                }

                @Override
                public synchronized Outcome append(CommitRecord record) {
                    Outcome[] outcome = new Outcome[1];
                    machine.apply(List.of(record), outcome);
                    records.add(record);
                    return outcome[0];
                }

                @Override
                public CompletableFuture<Outcome> appendAsync(CommitRecord record) {
                    return CompletableFuture.supplyAsync(() -> append(record), Runnable::run);
                }

                @Override
                public void close() {
                }
            });
        }

        Mnemo db() {
            return db;
        }

        /** Every record so far, in order. */
        List<CommitRecord> records() {
            return List.copyOf(records);
        }

        /** Runs {@code count} transactions, the k-th (from 1) as {@code nth} says; returns their records. */
        List<CommitRecord> write(int count, LongFunction<Write> nth) {
            int from = records.size();
            for (long k = 1; k <= count; k++) {
                Write w = nth.apply(k);
                db.transaction(tx -> {
                    w.run(tx);
                    return null;
                });
            }
            return List.copyOf(records.subList(from, records.size()));
        }

        /**
         * A SNAPSHOT message from {@code from} to {@code to} carrying this database's state now at log index
         * {@code index}, written where {@code target}'s store takes snapshots from leaders.
         */
        Message snapshot(long from, RaftDriver target, long to, long index, ConfState conf, Map<Long, String> members)
                throws IOException {
            SnapshotRef ref;
            try (SnapshotOutput out = target.snapshotOutput(index)) {
                SnapshotPayload.writeHeader(members, out);
                db.snapshot(out);
                ref = out.finish();
            }
            lastIndex = index;
            Snapshot snapshot = new Snapshot(new SnapshotMetadata(index, TERM, conf), ref.encode());
            return new Message(MessageType.SNAPSHOT, from, to, TERM, 0, 0, List.of(), 0, snapshot, false, 0,
                    new byte[0]);
        }

        /** An APPEND from {@code from} to {@code to}: {@code written}, one record to an entry, all committed. */
        Message append(long from, long to, List<CommitRecord> written) {
            long after = lastIndex;
            List<Entry> entries = new ArrayList<>();
            for (CommitRecord r : written) {
                byte[] record = RecordCodec.encode(r);
                entries.add(Entry.normal(TERM, ++lastIndex,
                        Batch.encode(List.of(Batch.encodeItem(from, ++sequence, record)))));
                sentAt.put(ByteBuffer.wrap(record), lastIndex);
            }
            return new Message(MessageType.APPEND, from, to, TERM, TERM, after, entries, lastIndex, Snapshot.EMPTY,
                    false, 0, new byte[0]);
        }

        /** The log index of the entry that carried each of {@code applied} (0 for a record never sent). */
        List<Long> entriesOf(List<ByteBuffer> applied) {
            return applied.stream().map(b -> sentAt.getOrDefault(b, 0L)).toList();
        }

        @Override
        public void close() {
            db.close();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Every row of {@code table}, in key order. */
    static List<Row> rows(Mnemo db, String table) {
        return db.transaction(tx -> {
            List<Row> all = new ArrayList<>();
            for (Row row : tx.select(table, KeyRange.all())) {
                all.add(row);
            }
            return all;
        });
    }

    static long deadline() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = deadline();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waiting for " + what).isNegative();
            RaftDriver.pause(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
