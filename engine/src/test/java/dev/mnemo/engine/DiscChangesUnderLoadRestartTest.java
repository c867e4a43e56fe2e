package dev.mnemo.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart after transactions and dirty writes ran on an ordered_set and a bag disc table (and a RAM table in the
 * same transactions) while columns and indexes of both were added and dropped, with checkpoints all along: the disc
 * tables come back row for row and index entry for index entry, the RAM table empty. It passed when written; the
 * other restart tests change schemas with no writes running.
 */
class DiscChangesUnderLoadRestartTest {
    private static final int KEYS = 40;
    private static final int VALUES = 8;

    /** The rows of every table, then what each of its indexes finds, as text. */
    private static Map<String, List<String>> contents(Mnemo db) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (TableSchema s : db.tables()) {
            List<String> lines = new ArrayList<>();
            lines.add(s.toString());
            for (Row r : db.<List<Row>>transaction(tx -> tx.select(s.name(), KeyRange.all()))) {
                lines.add(r.toString());
            }
            for (IndexDef ix : s.indexes()) {
                List<String> found = new ArrayList<>();
                if (ix.isOrdered()) {
                    for (Row r : db.<List<Row>>transaction(tx -> tx.indexRange(s.name(), ix.name(), KeyRange.all()))) {
                        found.add(r.toString());
                    }
                } else {
                    for (int v = 0; v < VALUES; v++) {
                        int value = v;
                        for (Row r : db.<List<Row>>transaction(tx -> tx.indexRead(s.name(), ix.name(), value))) {
                            found.add(r.toString());
                        }
                    }
                }
                found.sort(null);
                lines.add(ix.name() + " " + found);
            }
            out.put(s.name(), lines);
        }
        return out;
    }

    private static void writeRandomly(Mnemo db, Random random) {
        int k = random.nextInt(KEYS);
        int v = random.nextInt(VALUES);
        switch (random.nextInt(5)) {
            case 0 -> db.dirtyDelete("o", k);
            case 1 -> db.transaction(tx -> tx.deleteObject("b", tx.newRow("b").with("id", k).with("v", v)));
            case 2 -> db.dirtyWrite("b", db.<Row>transaction(tx -> tx.newRow("b")).with("id", k).with("v", v));
            default -> db.transaction(tx -> {
                Row old = tx.read("o", k);
                tx.write("o", (old == null ? tx.newRow("o").with("id", k) : old).with("v", v));
                tx.write("r", tx.newRow("r").with("id", k).with("v", v));
                tx.write("b", tx.newRow("b").with("id", k).with("v", v));
                return null;
            });
        }
    }

    @Test
    void discTablesComeBackAsTheyWereAfterWritesDuringColumnAndIndexChanges(@TempDir Path dir) throws Exception {
        MnemoConfig config = MnemoConfig.builder().dataDir(dir).checkpointJournalBytes(16 * 1024)
                .syncOnCommit(false).build(); // closing writes all: the restart is not a crash
        Map<String, List<String>> before;
        try (Mnemo db = Mnemo.open(config)) {
            db.createTable(TableDef.named("o").column("id", ColumnType.INTEGER).column("v", ColumnType.INTEGER)
                    .primaryKey("id").kind(TableKind.ORDERED_SET).storage(Storage.DISC)
                    .index(IndexDef.ordered("by_v", "v")));
            db.createTable(TableDef.named("b").column("id", ColumnType.INTEGER).column("v", ColumnType.INTEGER)
                    .primaryKey("id").kind(TableKind.BAG).storage(Storage.DISC).index(IndexDef.hash("bv", "v")));
            db.createTable(TableDef.named("r").column("id", ColumnType.INTEGER).column("v", ColumnType.INTEGER)
                    .primaryKey("id"));
            Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Random random = new Random(w);
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            writeRandomly(db, random);
                        } catch (RuntimeException e) {
                            errors.computeIfAbsent(e.toString(), x -> new AtomicLong()).incrementAndGet();
                        }
                    }
                });
                t.start();
                writers.add(t);
            }
            for (int i = 0; i < 8; i++) {
                String table = i % 2 == 0 ? "o" : "b";
                db.addColumn(table, ColumnDef.of("c" + i, ColumnType.varchar(4)).withDefault("d" + i));
                if (i >= 2) {
                    db.dropIndex(table, "ix" + (i - 2));
                    db.dropColumn(table, "c" + (i - 2));
                }
                db.createIndex(table, IndexDef.ordered("ix" + i, "c" + i, "v"));
                for (int n = 0; n < 50; n++) {
                    writeRandomly(db, new Random(i * 1000L + n)); // writes between changes even on a slow machine
                }
            }
            stop.set(true);
            for (Thread t : writers) {
                t.join();
            }
            assertThat(errors).isEmpty();
            before = contents(db);
        }
        try (Mnemo db = Mnemo.open(config)) {
            Map<String, List<String>> after = contents(db);
            assertThat(after.get("O")).isEqualTo(before.get("O"));
            assertThat(after.get("B")).isEqualTo(before.get("B"));
            assertThat(after.get("R")).containsExactly(before.get("R").get(0));
        }
    }
}
