package dev.mnemo.server.demo;

import dev.mnemo.engine.ChangeEvent;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Durations;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoStats;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.Subscription;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TransactionAbortedException;
import dev.mnemo.engine.TransactionConflictException;
import dev.mnemo.server.MnemoVersion;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The demo's steps over a small bank: each step says what it does, does it through the public API, and prints
 * what the database answered. A step that sees the database misbehave throws, so the demo doubles as a check.
 */
final class Tour {
    /** The concurrent step's shape. */
    record Contention(int transfers, int threads, long seed) {
    }

    private record Tally(long committed, long refused, long gaveUp) {
    }

    private static final String TABLE = "account";
    /** id, owner, balance; alice holds two accounts so that the index lookup finds more than one row. */
    private static final Object[][] ACCOUNTS = {
        {1L, "alice", 100L}, {2L, "bob", 50L}, {3L, "carol", 75L}, {4L, "alice", 20L}, {5L, "dave", 0L},
    };
    private static final int TRANSFER_AMOUNT_MAX = 25;
    /** How long a step waits for the change events of its commit: far beyond normal delivery, so a miss is a bug. */
    private static final Duration EVENT_WAIT = Duration.ofSeconds(10);

    private final Mnemo db;
    private final PrintWriter out;
    private final Contention contention;
    // Unbounded, so the subscription's thread never blocks on the tour; the tour drains it after every commit.
    private final BlockingQueue<ChangeEvent> events = new LinkedBlockingQueue<>();
    private int step;

    Tour(Mnemo db, PrintWriter out, Contention contention) {
        this.db = db;
        this.out = out;
        this.contention = contention;
    }

    void run() throws Exception {
        out.printf("Mnemo %s demo: one embedded member, tables in memory (off-heap), no cluster.%n",
                MnemoVersion.version());
        createTable();
        heading("subscribe to changes of " + TABLE + " (events arrive on the subscription's own thread)");
        try (Subscription subscription = db.subscribe(TABLE, events::add)) {
            openAccounts();
            transfer(1, 2, 30);
            overdraft(5, 1, 500);
            indexLookup("alice");
            rangeScans();
            concurrentTransfers();
            if (!subscription.isActive()) {
                throw new IllegalStateException("change subscription ended early: " + subscription.failure());
            }
        }
        dirtyRead(1);
        statistics();
    }

    private void createTable() {
        heading("create table " + TABLE + ": ordered by id, with a hash index on owner");
        db.createTable(TableDef.named(TABLE)
                .column("id", ColumnType.BIGINT).notNull()
                .column("owner", ColumnType.varchar(40)).notNull()
                .column("balance", ColumnType.BIGINT).notNull().defaultValue(0L)
                .primaryKey("id").kind(TableKind.ORDERED_SET)
                .index(IndexDef.hash("by_owner", "owner")));
        out.printf("    %s%n", db.schema(TABLE));
    }

    private void openAccounts() throws InterruptedException {
        heading("open " + ACCOUNTS.length + " accounts in one transaction");
        db.transaction(tx -> {
            for (Object[] account : ACCOUNTS) {
                tx.insert(TABLE, Row.of(account));
            }
            return null;
        });
        printCommitted(ACCOUNTS.length);
    }

    private void transfer(long from, long to, long amount) throws InterruptedException {
        heading("transfer " + amount + " from account " + from + " to account " + to);
        move(from, to, amount);
        printCommitted(2);
    }

    private void overdraft(long from, long to, long amount) {
        heading("transfer " + amount + " from account " + from + " to account " + to + ", more than it holds");
        long versionBefore = db.version();
        try {
            move(from, to, amount);
            throw new IllegalStateException("an overdraft committed");
        } catch (TransactionAbortedException e) {
            out.printf("    %s (SQLState %s): %s%n", e.getClass().getSimpleName(), e.sqlState(), e.getMessage());
        }
        if (db.version() != versionBefore) {
            throw new IllegalStateException("an aborted transaction reached the log: version " + versionBefore
                    + " became " + db.version());
        }
        out.printf("    nothing applied: account %d still holds %d, version still %d%n",
                from, db.dirtyRead(TABLE, from).getLong("balance"), db.version());
    }

    /** One transfer as a transaction: reads both balances, refuses an overdraft, writes both. */
    private void move(long from, long to, long amount) {
        db.transaction(tx -> {
            Row source = tx.read(TABLE, from);
            Row target = tx.read(TABLE, to);
            long balance = source.getLong("balance");
            if (balance < amount) {
                tx.abort("insufficient funds: account " + from + " holds " + balance + ", the transfer needs "
                        + amount);
            }
            tx.write(TABLE, source.with("balance", balance - amount));
            tx.write(TABLE, target.with("balance", target.getLong("balance") + amount));
            return null;
        });
    }

    private void indexLookup(String owner) {
        heading("index lookup: owner = '" + owner + "' through the hash index by_owner");
        List<Row> rows = new ArrayList<>(db.transaction(tx -> tx.indexRead(TABLE, "by_owner", owner)));
        // A hash index promises no order; sort so the output is the same on every run.
        rows.sort(Comparator.comparing(r -> r.getLong("id")));
        printRows(rows);
    }

    private void rangeScans() {
        heading("ordered range scan: 2 <= id <= 4, in key order");
        printRows(db.transaction(tx -> tx.select(TABLE, KeyRange.all().from(true, 2L).to(true, 4L))));
        heading("ordered range scan: the two highest ids, descending");
        printRows(db.transaction(tx -> tx.select(TABLE, KeyRange.all().descending().limit(2))));
    }

    private void concurrentTransfers() throws Exception {
        heading(String.format("%d random transfers on %d threads at once (seed %d): they conflict and re-run",
                contention.transfers(), contention.threads(), contention.seed()));
        long totalBefore = totalBalance();
        long conflictsBefore = db.stats().conflicts();
        Tally tally = runTransfers();
        out.printf("    committed %d, refused %d (insufficient funds), gave up %d (retries exhausted)%n",
                tally.committed(), tally.refused(), tally.gaveUp());
        out.printf("    conflicts detected and re-run: %d%n", db.stats().conflicts() - conflictsBefore);
        List<ChangeEvent> delivered = awaitEvents(Math.toIntExact(2 * tally.committed()));
        for (int i = 1; i < delivered.size(); i++) {
            if (delivered.get(i).version() < delivered.get(i - 1).version()) {
                throw new IllegalStateException("change events out of commit order: " + delivered.get(i - 1)
                        + " before " + delivered.get(i));
            }
        }
        out.printf("    change events: %d, in commit order%n", delivered.size());
        long totalAfter = totalBalance();
        out.printf("    total balance before %d, after %d%n", totalBefore, totalAfter);
        if (totalAfter != totalBefore) {
            throw new IllegalStateException("transfers created or destroyed money: " + totalBefore + " became "
                    + totalAfter);
        }
    }

    private Tally runTransfers() throws Exception {
        LongAdder committed = new LongAdder();
        LongAdder refused = new LongAdder();
        LongAdder gaveUp = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(contention.threads());
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < contention.threads(); t++) {
                int share = contention.transfers() / contention.threads()
                        + (t < contention.transfers() % contention.threads() ? 1 : 0);
                Random random = new Random(contention.seed() + t);
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        long from = 1 + random.nextInt(ACCOUNTS.length);
                        // Any other account: never a transfer to itself.
                        long to = 1 + (from + random.nextInt(ACCOUNTS.length - 1)) % ACCOUNTS.length;
                        try {
                            move(from, to, 1 + random.nextInt(TRANSFER_AMOUNT_MAX));
                            committed.increment();
                        } catch (TransactionAbortedException e) {
                            refused.increment();
                        } catch (TransactionConflictException e) {
                            gaveUp.increment();
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(); // rethrows whatever a worker did not expect
            }
        } finally {
            pool.shutdownNow();
        }
        return new Tally(committed.sum(), refused.sum(), gaveUp.sum());
    }

    private long totalBalance() {
        return db.transaction(tx -> {
            long sum = 0;
            for (Row r : tx.select(TABLE, KeyRange.all())) {
                sum += r.getLong("balance");
            }
            return sum;
        });
    }

    private void dirtyRead(long id) {
        heading("dirty read of account " + id + ": the committed row, without a transaction");
        out.printf("    %s%n", db.dirtyRead(TABLE, id));
    }

    private void statistics() {
        heading("statistics");
        MnemoStats s = db.stats();
        printStat("commits (read-write)", s.commits());
        printStat("commits (read-only)", s.readOnlyCommits());
        printStat("conflicts re-run", s.conflicts());
        printStat("retries exhausted", s.retriesExhausted());
        printStat("aborts", s.aborts());
        printStat("read-only escalations", s.escalations());
        printStat("version", s.version());
    }

    // ---- output ---------------------------------------------------------------------------------------------

    private void heading(String text) {
        out.printf("%n[%d] %s%n", ++step, text);
    }

    private void printStat(String name, long value) {
        out.printf("    %-24s %d%n", name, value);
    }

    private void printRows(List<Row> rows) {
        for (Row r : rows) {
            out.printf("    %s%n", r);
        }
    }

    /** Prints the version just committed and the change events it produced. */
    private void printCommitted(int expectedEvents) throws InterruptedException {
        out.printf("    committed at version %d%n", db.version());
        for (ChangeEvent e : awaitEvents(expectedEvents)) {
            String change = switch (e.type()) {
                case INSERT -> String.valueOf(e.newRow());
                case UPDATE -> e.oldRow() + " -> " + e.newRow();
                case DELETE -> String.valueOf(e.oldRow());
            };
            out.printf("    event %-6s v%d  %s%n", e.type(), e.version(), change);
        }
    }

    private List<ChangeEvent> awaitEvents(int count) throws InterruptedException {
        List<ChangeEvent> received = new ArrayList<>(count);
        long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
        while (received.size() < count) {
            ChangeEvent e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new IllegalStateException("expected " + count + " change events, " + received.size()
                        + " arrived within " + Durations.format(EVENT_WAIT));
            }
            received.add(e);
        }
        return received;
    }
}
