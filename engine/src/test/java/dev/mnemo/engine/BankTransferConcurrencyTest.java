package dev.mnemo.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Serializable transactions under contention: threads move money between accounts; nothing is lost or made
 * up, every committed transfer is in the final balances exactly once, and readers running meanwhile only ever
 * see whole transfers.
 */
class BankTransferConcurrencyTest {
    private static final int ACCOUNTS = 20;
    private static final long OPENING_BALANCE = 1_000;
    private static final long TOTAL = ACCOUNTS * OPENING_BALANCE;
    private static final int WRITERS = 4;
    private static final int TRANSFERS_PER_WRITER = 1_500;
    private static final int READERS = 3;
    private static final int READS_PER_READER_MIN = 300;
    private static final long WAIT_MINUTES = 2;

    private static Mnemo openBank() {
        Mnemo db = Mnemo.open(MnemoConfig.builder().retriesMax(1_000).build());
        db.createTable(TableDef.named("account").column("id", ColumnType.INTEGER)
                .column("balance", ColumnType.BIGINT).notNull()
                .primaryKey("id").kind(TableKind.ORDERED_SET)
                .index(IndexDef.ordered("by_balance", "balance")));
        db.transaction(tx -> {
            for (int i = 0; i < ACCOUNTS; i++) {
                tx.insert("account", Row.of(i, OPENING_BALANCE));
            }
            return null;
        });
        return db;
    }

    /** Moves a random amount between two random accounts, never overdrawing; returns what each account gained. */
    private static long[] transfers(Mnemo db, long seed) {
        Random random = new Random(seed);
        long[] gained = new long[ACCOUNTS];
        for (int n = 0; n < TRANSFERS_PER_WRITER; n++) {
            int from = random.nextInt(ACCOUNTS);
            int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            long amount = 1 + random.nextInt(100);
            long moved = db.transaction(tx -> {
                long a = tx.read("account", from).getLong("balance");
                long b = tx.read("account", to).getLong("balance");
                if (a < amount) {
                    return 0L;
                }
                tx.write("account", Row.of(from, a - amount));
                tx.write("account", Row.of(to, b + amount));
                return amount;
            });
            gained[from] -= moved;
            gained[to] += moved;
        }
        return gained;
    }

    private static long sumByScan(Mnemo db) {
        return db.transaction(tx -> tx.select("account", KeyRange.all()).stream()
                .mapToLong(r -> r.getLong("balance")).sum());
    }

    private static long sumByPointReads(Mnemo db) {
        return db.transaction(tx -> {
            long sum = 0;
            for (int i = ACCOUNTS - 1; i >= 0; i--) {
                sum += tx.read("account", i).getLong("balance");
            }
            return sum;
        });
    }

    private static long sumByIndex(Mnemo db) {
        return db.transaction(tx -> tx.indexRange("account", "by_balance", KeyRange.all().descending()).stream()
                .mapToLong(r -> r.getLong("balance")).sum());
    }

    @Test
    void concurrentTransfersLoseNoUpdateAndKeepTheTotal() throws Exception {
        try (Mnemo db = openBank()) {
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<long[]>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                long seed = 1000 + w;
                writers.add(pool.submit(() -> transfers(db, seed)));
            }
            long[] expected = new long[ACCOUNTS];
            java.util.Arrays.fill(expected, OPENING_BALANCE);
            for (Future<long[]> f : writers) {
                long[] gained = f.get(WAIT_MINUTES, TimeUnit.MINUTES);
                for (int i = 0; i < ACCOUNTS; i++) {
                    expected[i] += gained[i];
                }
            }
            pool.shutdown();
            for (int i = 0; i < ACCOUNTS; i++) {
                assertThat(db.dirtyRead("account", i).getLong("balance")).as("account %d", i).isEqualTo(expected[i]);
            }
            assertThat(sumByScan(db)).isEqualTo(TOTAL);
            MnemoStats stats = db.stats();
            System.out.printf("bank transfers: %d writers x %d transfers: %d commits, %d read-only commits,"
                    + " %d conflicts (re-runs), %d retries exhausted, %d escalations%n", WRITERS,
                    TRANSFERS_PER_WRITER, stats.commits(), stats.readOnlyCommits(), stats.conflicts(),
                    stats.retriesExhausted(), stats.escalations());
            assertThat(stats.retriesExhausted()).isZero();
            assertThat(stats.commits() + stats.readOnlyCommits())
                    .as("every transfer committed once (plus the opening transaction and the final sum)")
                    .isEqualTo((long) WRITERS * TRANSFERS_PER_WRITER + 2);
        }
    }

    @Test
    void readersRunningDuringTransfersAlwaysSeeTheWholeTotal() throws Exception {
        try (Mnemo db = openBank()) {
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<long[]>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                long seed = 2000 + w;
                writers.add(pool.submit(() -> transfers(db, seed)));
            }
            List<Future<List<Long>>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                int kind = r;
                Callable<List<Long>> reader = () -> {
                    List<Long> wrong = new ArrayList<>();
                    for (int n = 0; n < READS_PER_READER_MIN || writing.get(); n++) {
                        long sum = kind == 0 ? sumByScan(db) : kind == 1 ? sumByPointReads(db) : sumByIndex(db);
                        if (sum != TOTAL) {
                            wrong.add(sum);
                        }
                    }
                    return wrong;
                };
                readers.add(pool.submit(reader));
            }
            for (Future<long[]> f : writers) {
                f.get(WAIT_MINUTES, TimeUnit.MINUTES);
            }
            writing.set(false);
            List<String> seen = new ArrayList<>();
            String[] how = {"scan", "point reads", "index range"};
            for (int r = 0; r < READERS; r++) {
                List<Long> wrong = readers.get(r).get(WAIT_MINUTES, TimeUnit.MINUTES);
                if (!wrong.isEmpty()) {
                    seen.add(how[r] + " saw " + wrong.size() + " wrong totals, e.g. " + wrong.get(0));
                }
            }
            pool.shutdown();
            MnemoStats stats = db.stats();
            System.out.printf("readers during transfers: %d read-only commits, %d conflicts (re-runs),"
                    + " %d escalations%n", stats.readOnlyCommits(), stats.conflicts(), stats.escalations());
            assertThat(seen).as("every reader sees %d", TOTAL).isEmpty();
            assertThat(sumByScan(db)).isEqualTo(TOTAL);
        }
    }
}
