package dev.mnemo.engine;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshots taken while transfers commit, each loaded into a fresh database and checked row by row and index by
 * index: every one holds one commit version (the transfers' sum), and its indexes agree with its rows. It passed
 * when written; the other snapshot tests take their snapshots of a database at rest.
 */
class SnapshotWhileWritingTest {
    private static final int ACCOUNTS = 50;
    private static final long BALANCE = 100;
    private static final int GROUPS = 5;

    @Test
    void everySnapshotTakenDuringTransfersHoldsOneCommitVersionAndIndexesThatAgreeWithItsRows() throws Exception {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("acct").column("id", ColumnType.INTEGER).column("bal", ColumnType.BIGINT)
                    .column("grp", ColumnType.INTEGER).primaryKey("id").kind(TableKind.ORDERED_SET)
                    .index(IndexDef.ordered("by_bal", "bal")).index(IndexDef.hash("by_grp", "grp")));
            db.transaction(tx -> {
                for (int i = 0; i < ACCOUNTS; i++) {
                    tx.write("acct", Row.of(i, BALANCE, i % GROUPS));
                }
                return null;
            });
            Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Random random = new Random(w);
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        int a = random.nextInt(ACCOUNTS);
                        int b = (a + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                        int group = random.nextInt(GROUPS);
                        try {
                            db.transaction(tx -> {
                                Row ra = tx.read("acct", a);
                                Row rb = tx.read("acct", b);
                                tx.write("acct", Row.of(a, ra.getLong("bal") - 1, group));
                                tx.write("acct", rb.with("bal", rb.getLong("bal") + 1));
                                return null;
                            });
                        } catch (RuntimeException e) {
                            errors.computeIfAbsent(e.toString(), k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                });
                t.start();
                writers.add(t);
            }
            try {
                for (int k = 0; k < 20; k++) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    long version = db.snapshot(out);
                    try (Mnemo copy = Mnemo.inMemory()) {
                        assertThat(copy.loadSnapshot(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(version);
                        checkCopy(copy);
                    }
                }
            } finally {
                stop.set(true);
                for (Thread t : writers) {
                    t.join();
                }
            }
            assertThat(errors).isEmpty();
        }
    }

    private static void checkCopy(Mnemo copy) {
        List<Row> rows = copy.transaction(tx -> tx.select("acct", KeyRange.all()));
        assertThat(rows).hasSize(ACCOUNTS);
        assertThat(rows.stream().mapToLong(r -> r.getLong("bal")).sum()).isEqualTo(ACCOUNTS * BALANCE);
        List<Row> byBalance = copy.transaction(tx -> tx.indexRange("acct", "by_bal", KeyRange.all()));
        assertThat(byBalance).containsExactlyInAnyOrderElementsOf(rows);
        assertThat(byBalance).extracting(r -> r.getLong("bal")).isSorted();
        for (int g = 0; g < GROUPS; g++) {
            int group = g;
            List<Row> inGroup = copy.transaction(tx -> tx.indexRead("acct", "by_grp", group));
            assertThat(inGroup).containsExactlyInAnyOrderElementsOf(
                    rows.stream().filter(r -> r.getInt("grp") == group).toList());
        }
    }
}
