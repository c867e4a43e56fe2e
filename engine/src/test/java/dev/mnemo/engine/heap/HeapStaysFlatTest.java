package dev.mnemo.engine.heap;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.IndexScan;
import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows live off-heap: a child JVM whose heap is far smaller than its tables loads a million rows into an
 * ordered table with a secondary index, reads them back, and changes two columns' types (every row converted, the
 * index rebuilt); then scans a million-row set table whole, and through indexes on which all its rows share a value.
 * Were rows on the heap, it would run out of memory.
 */
class HeapStaysFlatTest {
    static final int ROWS = 1_000_000;
    static final String HEAP = "-Xmx48m";

    @Test
    void aMillionRowsLoadIntoAHeapOfFortyEightMegabytes() throws Exception {
        ChildJvm.Result child = ChildJvm.run(HEAP, Loader.class, Duration.ofMinutes(10));
        assertThat(child.exitCode()).as("child output: %s", child.lines()).isZero();
        assertThat(child.lines()).contains("rows " + ROWS, "indexed " + 1000, "ok", "retyped Long " + 1000,
                "scanned " + ROWS + " " + ROWS, "index scanned " + ROWS + " " + ROWS + " 1");
    }

    /**
     * A full scan of a set table (hash order) whose keys alone would not fit on the heap (a million 40-character
     * keys): the scan must not hold them all at once.
     */
    static void scanHashedTable(Mnemo db) {
        db.dropTable("big", false);
        db.createTable(TableDef.named("hashed").column("k", ColumnType.varchar(40)).notNull()
                .column("v", ColumnType.INTEGER).notNull().primaryKey("k").kind(TableKind.SET));
        for (int base = 0; base < ROWS; base += 10_000) {
            int from = base;
            db.transaction(tx -> {
                for (int i = from; i < from + 10_000; i++) {
                    tx.write("hashed", Row.of(String.format("%040d", i), 1));
                }
                return null;
            });
        }
        long[] seen = {0, 0};
        db.transaction(tx -> {
            seen[0] = 0;
            seen[1] = 0;
            tx.forEach("hashed", KeyRange.all(), r -> {
                seen[0]++;
                seen[1] += r.getInt("v");
                return true;
            });
            return null;
        });
        System.out.println("scanned " + seen[0] + " " + seen[1]);
    }

    /**
     * Index lookups and ranges over the million rows of that set table, all of which share one value of the indexed
     * column, read a piece at a time (and one row of them under a limit): neither may hold every row matched, nor
     * every primary key.
     */
    static void scanIndexes(Mnemo db) {
        db.createIndex("hashed", IndexDef.hash("by_v", "v"));
        db.createIndex("hashed", IndexDef.ordered("by_v_ordered", "v"));
        long[] seen = {0, 0};
        db.transaction(tx -> {
            seen[0] = 0;
            seen[1] = 0;
            IndexScan equal = tx.indexScan("hashed", "by_v", KeyRange.prefix(1));
            while (equal.readPiece(4096, r -> seen[0]++)) {
                // counting
            }
            IndexScan range = tx.indexScan("hashed", "by_v_ordered", KeyRange.all().from(true, 0).to(true, 2)
                    .descending());
            while (range.readPiece(4096, r -> seen[1] += r.getInt("v"))) {
                // summing
            }
            return null;
        });
        int first = db.transaction(tx -> tx.indexRange("hashed", "by_v", KeyRange.prefix(1).limit(1))).size();
        System.out.println("index scanned " + seen[0] + " " + seen[1] + " " + first);
    }

    /** Loads the rows in transactions of 10 000, then checks the count, a range scan and an index lookup. */
    public static final class Loader {
        public static void main(String[] args) {
            try (Mnemo db = Mnemo.inMemory()) {
                db.createTable(TableDef.named("big")
                        .column("id", ColumnType.BIGINT).notNull()
                        .column("grp", ColumnType.INTEGER).notNull()
                        .column("payload", ColumnType.varchar(100))
                        .primaryKey("id").kind(TableKind.ORDERED_SET)
                        .index(IndexDef.hash("by_grp", "grp")));
                String payload = "x".repeat(80);
                for (int base = 0; base < ROWS; base += 10_000) {
                    int from = base;
                    db.transaction(tx -> {
                        for (int i = from; i < from + 10_000; i++) {
                            tx.write("big", Row.of((long) i, i % 1000, payload));
                        }
                        return null;
                    });
                }
                System.out.println("rows " + db.size("big"));
                System.out.println("indexed " + db.transaction(tx -> tx.indexRead("big", "by_grp", 7)).size());
                Row last = db.transaction(tx -> tx.select("big", KeyRange.all().descending().limit(1)))
                        .get(0);
                System.out.println(last.getLong("id") == ROWS - 1 ? "ok" : "wrong last row " + last);
                // Changing the type of an indexed column converts every row and rebuilds the index, off the heap too.
                db.setColumnType("big", "grp", ColumnType.BIGINT);
                db.setColumnType("big", "payload", ColumnType.varchar(200));
                Row converted = db.dirtyRead("big", 1007L);
                System.out.println("retyped " + converted.get("grp").getClass().getSimpleName() + " "
                        + db.transaction(tx -> tx.indexRead("big", "by_grp", 7L)).size());
                scanHashedTable(db);
                scanIndexes(db);
            }
        }
    }
}
