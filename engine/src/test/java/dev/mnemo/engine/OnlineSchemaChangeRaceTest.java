package dev.mnemo.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema changes are online: transactions keep running on the table while DDL replaces its schema and indexes on
 * another thread. Each operation must use one schema version (and that version's indexes) from start to end;
 * mixing two shows as an out-of-bounds error or as values stored under the wrong columns.
 */
class OnlineSchemaChangeRaceTest {
    private static final int COLUMNS = 60;
    private static final long RUN_MILLIS = 3_000;
    /** Well below the 65,534 alterations a table allows. */
    private static final int ALTERATIONS_MAX = 30_000;

    @Test
    void writesDuringColumnChangesKeepEveryValueInItsColumn() throws Exception {
        try (Mnemo db = Mnemo.inMemory()) {
            TableDef def = TableDef.named("wide").column("id", ColumnType.BIGINT);
            for (int j = 0; j < COLUMNS; j++) {
                def = def.column("c" + j, ColumnType.BIGINT);
            }
            db.createTable(def.primaryKey("id"));
            Map<String, AtomicLong> unexpected = new ConcurrentHashMap<>();
            AtomicLong commits = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Thread[] writers = new Thread[2];
            for (int w = 0; w < writers.length; w++) {
                long firstId = w * 1_000_000_000L;
                writers[w] = new Thread(() -> {
                    for (long id = firstId; !stop.get(); id++) {
                        long rowId = id;
                        try {
                            db.transaction(tx -> {
                                Row r = tx.newRow("wide").with("id", rowId);
                                for (int j = 0; j < COLUMNS; j++) {
                                    if (r.schema().hasColumn("c" + j)) {
                                        r = r.with("c" + j, rowId * 1000 + j);
                                    }
                                }
                                tx.write("wide", r);
                                return null;
                            });
                            commits.incrementAndGet();
                        } catch (RuntimeException e) {
                            unexpected.computeIfAbsent(e.toString(), k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                });
                writers[w].start();
            }
            long alters = 0;
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
            while (System.nanoTime() < end && alters < ALTERATIONS_MAX) {
                // Drop the first data column and add it back: every column moves one position, and the re-added
                // column is a new column that old rows read as its default.
                String first = db.schema("wide").column(1).name();
                db.dropColumn("wide", first);
                db.addColumn("wide", ColumnDef.of(first, ColumnType.BIGINT).withDefault(-1L));
                alters += 2;
            }
            stop.set(true);
            for (Thread t : writers) {
                t.join();
            }
            assertThat(unexpected).as("errors of writers (%d commits, %d alterations)", commits.get(), alters)
                    .isEmpty();
            assertThat(commits.get()).isPositive();
            List<Row> rows = db.transaction(tx -> tx.select("wide", KeyRange.all()));
            assertThat(rows).hasSize((int) commits.get());
            for (Row r : rows) {
                long id = r.getLong("id");
                for (int j = 0; j < COLUMNS; j++) {
                    long v = r.getLong("c" + j);
                    assertThat(v).as("column c%d of row %d", j, id).isIn(-1L, id * 1000 + j);
                }
            }
        }
    }

    @Test
    void indexReadsDuringIndexChangesUseTheIndexTheyNamed() throws Exception {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("t").column("id", ColumnType.BIGINT).column("a", ColumnType.BIGINT)
                    .column("b", ColumnType.BIGINT).primaryKey("id")
                    .index(IndexDef.ordered("ia", "a")).index(IndexDef.ordered("ib", "b")));
            for (long id = 0; id < 200; id++) {
                long k = id;
                db.transaction(tx -> {
                    tx.write("t", Row.of(k, k % 10, 100 + k % 7));
                    return null;
                });
            }
            Map<String, AtomicLong> unexpected = new ConcurrentHashMap<>();
            AtomicLong reads = new AtomicLong();
            AtomicLong absent = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        List<Row> found = db.transaction(tx -> tx.indexRead("t", "ib", 101L));
                        for (Row r : found) {
                            if (r.getLong("b") != 101L) {
                                unexpected.computeIfAbsent("index ib returned " + r, k -> new AtomicLong())
                                        .incrementAndGet();
                            }
                        }
                        if (found.size() != 29) {
                            unexpected.computeIfAbsent("index ib found " + found.size() + " rows",
                                    k -> new AtomicLong()).incrementAndGet();
                        }
                        reads.incrementAndGet();
                    } catch (UnknownIndexException e) {
                        absent.incrementAndGet(); // read while ib was dropped: a fair answer
                    } catch (RuntimeException e) {
                        unexpected.computeIfAbsent(e.toString(), k -> new AtomicLong()).incrementAndGet();
                    }
                }
            });
            reader.start();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
            long changes = 0;
            while (System.nanoTime() < end && changes < ALTERATIONS_MAX) {
                // Each index in turn is dropped and created again (at the end of the list): ib's position in the
                // table's list of indexes keeps changing, 1, 0, 0, absent, 1, ...
                db.dropIndex("t", "ia");
                db.createIndex("t", IndexDef.ordered("ia", "a"));
                db.dropIndex("t", "ib");
                db.createIndex("t", IndexDef.ordered("ib", "b"));
                changes += 4;
            }
            stop.set(true);
            reader.join();
            assertThat(unexpected).as("errors of the reader (%d reads, %d while ib was absent, %d index changes)",
                    reads.get(), absent.get(), changes).isEmpty();
            assertThat(reads.get()).isPositive();
        }
    }
}
