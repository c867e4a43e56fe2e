package dev.mnemo.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables altered while transactions and dirty writes run against them and their indexes. Each test passed when
 * written: they cover what the sequential tests do not, that column type changes keep concurrent transfers
 * serializable and their indexes whole, and that change events replay to the table's rows in commit order, once
 * each, across dirty writes, added and dropped columns and rebuilt indexes.
 */
class OnlineAlterUnderLoadTest {
    private static final int ACCOUNTS = 40;
    private static final long BALANCE = 100;

    private static long number(Row r, String column) {
        return ((Number) r.get(column)).longValue();
    }

    private static void count(Map<String, AtomicLong> errors, String what) {
        errors.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    private static Thread loop(AtomicBoolean stop, Map<String, AtomicLong> errors, String who, Runnable step) {
        Thread t = new Thread(() -> {
            while (!stop.get()) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    count(errors, who + ": " + e);
                }
            }
        });
        t.start();
        return t;
    }

    /** Waits (a bounded time) until {@code done} has grown by {@code more}: writes land between schema changes. */
    private static void awaitProgress(AtomicLong done, long more) {
        long target = done.get() + more;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (done.get() < target && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static long sum(List<Row> rows) {
        return rows.stream().mapToLong(r -> number(r, "bal")).sum();
    }

    @Test
    void transfersKeepTheirSumAndIndexesWholeWhileColumnTypesChange() throws Exception {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("acct").column("id", ColumnType.INTEGER).column("bal", ColumnType.BIGINT)
                    .column("who", ColumnType.varchar(8)).primaryKey("id").kind(TableKind.ORDERED_SET)
                    .index(IndexDef.ordered("by_bal", "bal")).index(IndexDef.hash("by_who", "who").unique()));
            db.transaction(tx -> {
                for (int i = 0; i < ACCOUNTS; i++) {
                    tx.write("acct", Row.of(i, BALANCE, "w" + i));
                }
                return null;
            });
            Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong transfers = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Random random = new Random(w);
                threads.add(loop(stop, errors, "transfer", () -> {
                    int a = random.nextInt(ACCOUNTS);
                    int b = (a + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    db.transaction(tx -> {
                        Row ra = tx.read("acct", a);
                        Row rb = tx.read("acct", b);
                        tx.write("acct", ra.with("bal", number(ra, "bal") - 1));
                        tx.write("acct", rb.with("bal", number(rb, "bal") + 1));
                        return null;
                    });
                    transfers.incrementAndGet();
                }));
            }
            threads.add(loop(stop, errors, "reader", () -> {
                long total = db.transaction(tx -> sum(tx.select("acct", KeyRange.all())));
                long viaIndex = db.transaction(tx -> sum(tx.indexRange("acct", "by_bal", KeyRange.all())));
                if (total != ACCOUNTS * BALANCE || viaIndex != ACCOUNTS * BALANCE) {
                    count(errors, "sums " + total + " and " + viaIndex + " through by_bal");
                }
                for (int i = 0; i < ACCOUNTS; i++) {
                    if (db.dirtyRead("acct", i) == null) {
                        count(errors, "dirty read found no row " + i);
                    }
                }
            }));
            for (int i = 0; i < 16; i++) {
                db.setColumnType("acct", "bal", i % 2 == 0 ? ColumnType.decimal(20, 0) : ColumnType.BIGINT);
                db.setColumnType("acct", "who", ColumnType.varchar(9 + i));
                awaitProgress(transfers, 20);
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(errors).isEmpty();
            List<Row> rows = db.transaction(tx -> tx.select("acct", KeyRange.all()));
            assertThat(sum(rows)).isEqualTo(ACCOUNTS * BALANCE);
            assertThat(db.<List<Row>>transaction(tx -> tx.indexRange("acct", "by_bal", KeyRange.all())))
                    .containsExactlyInAnyOrderElementsOf(rows);
            for (Row r : rows) {
                assertThat(db.<List<Row>>transaction(tx -> tx.indexRead("acct", "by_who", r.get("who"))))
                        .containsExactly(r);
            }
        }
    }

    /** Applies change events to a map of id to v, noting every event that does not fit what came before. */
    private static final class Replay implements ChangeListener {
        final Map<Integer, Integer> rows = new HashMap<>();
        final List<String> misfits = new ArrayList<>();
        long lastVersion;

        @Override
        public synchronized void onChange(ChangeEvent e) {
            if (e.version() < lastVersion) {
                misfits.add("out of commit order: " + e);
            }
            lastVersion = e.version();
            Row row = e.newRow() != null ? e.newRow() : e.oldRow();
            Integer before = e.type() == ChangeEvent.Type.INSERT ? rows.get(row.getInt("id"))
                    : rows.get(e.oldRow().getInt("id"));
            boolean fits = switch (e.type()) {
                case INSERT -> before == null;
                case UPDATE, DELETE -> before != null && before.equals(e.oldRow().getInt("v"));
            };
            if (!fits) {
                misfits.add(e + " after " + before);
            }
            if (e.type() == ChangeEvent.Type.DELETE) {
                rows.remove(row.getInt("id"));
            } else {
                rows.put(row.getInt("id"), row.getInt("v"));
            }
        }
    }

    @Test
    void changeEventsReplayToTheRowsWhileColumnsAndIndexesChange() throws Exception {
        Replay replay = new Replay();
        Map<Integer, Integer> stored = new TreeMap<>();
        Map<Integer, Integer> indexed = new TreeMap<>();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("t").column("id", ColumnType.INTEGER).column("v", ColumnType.INTEGER)
                    .primaryKey("id").index(IndexDef.ordered("by_v", "v")));
            db.subscribe("t", replay);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong writes = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                Random random = new Random(w);
                threads.add(loop(stop, errors, "writer", () -> {
                    writes.incrementAndGet();
                    int k = random.nextInt(30);
                    int v = random.nextInt(5);
                    switch (random.nextInt(4)) {
                        case 0 -> db.dirtyWrite("t", db.<Row>transaction(tx -> tx.newRow("t")).with("id", k)
                                .with("v", v));
                        case 1 -> db.dirtyDelete("t", k);
                        default -> db.transaction(tx -> {
                            Row old = tx.read("t", k);
                            if (old == null) {
                                tx.write("t", tx.newRow("t").with("id", k).with("v", v));
                            } else if (v == 0) {
                                tx.delete("t", k);
                            } else {
                                tx.write("t", old.with("v", v));
                            }
                            return null;
                        });
                    }
                }));
            }
            for (int i = 0; i < 6; i++) {
                db.addColumn("t", ColumnDef.of("c" + i, ColumnType.INTEGER).withDefault(i));
                if (i % 2 == 1) {
                    db.dropColumn("t", "c" + (i - 1));
                }
                db.dropIndex("t", "by_v");
                db.createIndex("t", i % 2 == 0 ? IndexDef.hash("by_v", "v") : IndexDef.ordered("by_v", "v"));
                awaitProgress(writes, 50);
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            for (Row r : db.<List<Row>>transaction(tx -> tx.select("t", KeyRange.all()))) {
                stored.put(r.getInt("id"), r.getInt("v"));
            }
            for (int v = 0; v < 5; v++) {
                int value = v;
                for (Row r : db.<List<Row>>transaction(tx -> tx.indexRead("t", "by_v", value))) {
                    indexed.put(r.getInt("id"), r.getInt("v"));
                }
            }
        } // closing delivers the events of every commit that returned
        assertThat(errors).isEmpty();
        assertThat(indexed).isEqualTo(stored);
        synchronized (replay) {
            assertThat(replay.misfits).isEmpty();
            assertThat(new TreeMap<>(replay.rows)).isEqualTo(stored);
        }
    }
}
