package dev.mnemo.engine;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The three table kinds: set (one row per key), ordered_set (and its range scans), bag (many rows per key). */
class TableKindsTest {
    @AutoClose
    private final Mnemo db = Mnemo.inMemory();

    private List<Row> select(String table, KeyRange range) {
        return db.transaction(tx -> tx.select(table, range));
    }

    private static List<Object> ids(List<Row> rows) {
        return rows.stream().map(r -> r.get("id")).toList();
    }

    // ---- set ----------------------------------------------------------------------------------------------

    @Test
    void aSetHoldsOneRowPerKeyAndWriteReplacesIt() {
        db.createTable(TableDef.named("s").column("id", ColumnType.INTEGER).column("v", ColumnType.varchar(5))
                .primaryKey("id"));
        db.dirtyWrite("s", Row.of(1, "a"));
        db.dirtyWrite("s", Row.of(1, "b"));
        db.dirtyWrite("s", Row.of(2, "c"));
        assertThat(db.dirtyReadAll("s", 1)).extracting(r -> r.get("v")).containsExactly("b");
        assertThat(db.size("s")).isEqualTo(2);
        assertThat(select("s", KeyRange.all())).extracting(r -> r.get("v")).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void aSetRangeScanReturnsTheKeysInRangeInSomeOrder() {
        db.createTable(TableDef.named("s").column("id", ColumnType.INTEGER).primaryKey("id"));
        db.transaction(tx -> {
            for (int i = -5; i <= 5; i++) {
                tx.write("s", Row.of(i));
            }
            return null;
        });
        assertThat(ids(select("s", KeyRange.all().from(true, -2).to(false, 3))))
                .containsExactlyInAnyOrder(-2, -1, 0, 1, 2);
        assertThat(select("s", KeyRange.all().from(false, 0).limit(3))).hasSize(3)
                .allSatisfy(r -> assertThat(r.getInt("id")).isPositive());
    }

    // ---- ordered_set --------------------------------------------------------------------------------------

    private void createEvents() {
        db.createTable(TableDef.named("events")
                .column("region", ColumnType.varchar(10))
                .column("id", ColumnType.INTEGER)
                .column("what", ColumnType.varchar(10))
                .primaryKey("region", "id").kind(TableKind.ORDERED_SET));
        db.transaction(tx -> {
            for (String region : new String[] {"us", "eu", "asia", "eu\0x"}) {
                for (int id = -2; id <= 2; id++) {
                    tx.write("events", Row.of(region, id, region + id));
                }
            }
            return null;
        });
    }

    private List<String> whats(KeyRange range) {
        return select("events", range).stream().map(r -> r.getString("what")).toList();
    }

    @Test
    void aSetScanInATransactionSeesWholeCommitsWhileTheTableGrowsUnderIt() throws Exception {
        db.createTable(TableDef.named("s").column("id", ColumnType.INTEGER).column("b", ColumnType.INTEGER)
                .primaryKey("id"));
        int batches = 300;
        int batchRows = 100;
        Thread writer = new Thread(() -> {
            for (int b = 0; b < batches; b++) {
                int batch = b;
                db.transaction(tx -> {
                    for (int i = 0; i < batchRows; i++) {
                        tx.write("s", Row.of(batch * batchRows + i, batch));
                    }
                    return null;
                });
            }
        });
        writer.start();
        // The table's map is replaced by larger ones several times while scans run; a committed scan must still
        // have seen every row of each commit or none of it.
        List<String> torn = new ArrayList<>();
        while (writer.isAlive()) {
            int[] perBatch = db.transaction(tx -> {
                int[] counts = new int[batches];
                tx.forEach("s", KeyRange.all(), r -> {
                    counts[r.getInt("b")]++;
                    return true;
                });
                return counts;
            });
            for (int b = 0; b < batches; b++) {
                if (perBatch[b] != 0 && perBatch[b] != batchRows) {
                    torn.add("batch " + b + ": " + perBatch[b] + " rows");
                }
            }
        }
        writer.join();
        assertThat(torn).isEmpty();
        assertThat(db.size("s")).isEqualTo((long) batches * batchRows);
    }

    @Test
    void anOrderedSetScansInKeyOrderBothWays() {
        db.createTable(TableDef.named("o").column("id", ColumnType.BIGINT).primaryKey("id")
                .kind(TableKind.ORDERED_SET));
        db.transaction(tx -> {
            for (long i : new long[] {5, -3, 0, Long.MIN_VALUE, 12, -40, Long.MAX_VALUE}) {
                tx.insert("o", Row.of(i));
            }
            return null;
        });
        assertThat(ids(select("o", KeyRange.all())))
                .containsExactly(Long.MIN_VALUE, -40L, -3L, 0L, 5L, 12L, Long.MAX_VALUE);
        assertThat(ids(select("o", KeyRange.all().descending())))
                .containsExactly(Long.MAX_VALUE, 12L, 5L, 0L, -3L, -40L, Long.MIN_VALUE);
        assertThat(ids(select("o", KeyRange.all().descending().limit(2)))).containsExactly(Long.MAX_VALUE, 12L);
        assertThat(select("o", KeyRange.all().limit(0))).isEmpty();
    }

    @Test
    void anOrderedWalkWhoseVisitorReadsOtherRowsGivesEveryRowWhole() {
        db.createTable(TableDef.named("o").column("id", ColumnType.BIGINT).column("v", ColumnType.varchar(40))
                .primaryKey("id").kind(TableKind.ORDERED_SET));
        db.transaction(tx -> {
            for (long i = 1; i <= 6; i++) {
                tx.insert("o", Row.of(i, "value of row " + i + " " + "x".repeat((int) i * 4)));
            }
            return null;
        });
        // Each stored row is read through the thread's scratch buffer; the visitor's own reads reuse that buffer.
        List<String> seen = db.transaction(tx -> {
            List<String> out = new ArrayList<>();
            tx.forEach("o", KeyRange.all(), r -> {
                Row other = tx.read("o", 7 - r.getLong("id"));
                out.add(r.get("v") + " / " + other.get("v"));
                return true;
            });
            return out;
        });
        assertThat(seen).hasSize(6).allSatisfy(s -> assertThat(s).startsWith("value of row "));
        assertThat(seen.get(0)).isEqualTo("value of row 1 xxxx / value of row 6 " + "x".repeat(24));
        assertThat(seen.get(5)).isEqualTo("value of row 6 " + "x".repeat(24) + " / value of row 1 xxxx");
    }

    @Test
    void anOrderedWalkGivesTheTransactionsOwnRowsInPlaceOfStoredOnesOfTheSameKey() {
        db.createTable(TableDef.named("o").column("id", ColumnType.BIGINT).column("v", ColumnType.varchar(5))
                .primaryKey("id").kind(TableKind.ORDERED_SET));
        db.transaction(tx -> {
            for (long i = 1; i <= 5; i++) {
                tx.insert("o", Row.of(i, "old"));
            }
            return null;
        });
        List<Object> seen = db.transaction(tx -> {
            tx.write("o", Row.of(2L, "new"));
            tx.write("o", Row.of(6L, "added"));
            tx.delete("o", 4L);
            List<Object> out = new ArrayList<>();
            tx.forEach("o", KeyRange.all(), r -> out.add(r.get("id") + "=" + r.get("v")));
            return out;
        });
        assertThat(seen).containsExactly("1=old", "2=new", "3=old", "5=old", "6=added");
    }

    @Test
    void ascendingBoundsAreInclusiveOrExclusiveAsAsked() {
        db.createTable(TableDef.named("o").column("id", ColumnType.INTEGER).primaryKey("id")
                .kind(TableKind.ORDERED_SET));
        db.transaction(tx -> {
            for (int i = 0; i < 10; i++) {
                tx.insert("o", Row.of(i * 10));
            }
            return null;
        });
        assertThat(ids(select("o", KeyRange.all().from(true, 20).to(true, 50)))).containsExactly(20, 30, 40, 50);
        assertThat(ids(select("o", KeyRange.all().from(false, 20).to(false, 50)))).containsExactly(30, 40);
        assertThat(ids(select("o", KeyRange.all().from(true, 21).to(true, 49)))).containsExactly(30, 40);
        assertThat(ids(select("o", KeyRange.all().from(false, 85)))).containsExactly(90);
        assertThat(ids(select("o", KeyRange.all().to(false, 10)))).containsExactly(0);
        assertThat(ids(select("o", KeyRange.all().from(true, 50).to(true, 20)))).isEmpty();
        assertThat(ids(select("o", KeyRange.all().from(false, 30).to(false, 30)))).isEmpty();
        assertThat(ids(select("o", KeyRange.all().from(true, 30).to(true, 30)))).containsExactly(30);
    }

    @Test
    void descendingScansStartAtTheHighBound() {
        db.createTable(TableDef.named("o").column("id", ColumnType.INTEGER).primaryKey("id")
                .kind(TableKind.ORDERED_SET));
        db.transaction(tx -> {
            for (int i = 0; i < 10; i++) {
                tx.insert("o", Row.of(i * 10));
            }
            return null;
        });
        KeyRange lowToHigh = KeyRange.all().from(true, 20).to(true, 50);
        assertThat(ids(select("o", lowToHigh.descending()))).containsExactly(50, 40, 30, 20);
        assertThat(ids(select("o", KeyRange.all().from(false, 20).to(false, 50).descending())))
                .containsExactly(40, 30);
        assertThat(ids(select("o", KeyRange.all().from(true, 20).to(false, 50).descending().limit(2))))
                .containsExactly(40, 30);
        assertThat(ids(select("o", KeyRange.all().from(false, 85).descending()))).containsExactly(90);
        assertThat(ids(select("o", KeyRange.all().to(true, 15).descending()))).containsExactly(10, 0);
    }

    @Test
    void prefixBoundsOnACompositeKeyCoverEveryKeyStartingWithThem() {
        createEvents();
        assertThat(whats(KeyRange.prefix("eu"))).containsExactly("eu-2", "eu-1", "eu0", "eu1", "eu2");
        assertThat(whats(KeyRange.prefix("eu").descending())).containsExactly("eu2", "eu1", "eu0", "eu-1", "eu-2");
        assertThat(whats(KeyRange.prefix("eu", 1))).containsExactly("eu1");
        assertThat(whats(KeyRange.prefix("e"))).as("a prefix is whole values, not characters").isEmpty();
    }

    @Test
    void exclusivePrefixBoundsSkipEveryKeyStartingWithThem() {
        createEvents();
        assertThat(whats(KeyRange.all().from(false, "eu").to(false, "us")))
                .containsExactly("eu\0x-2", "eu\0x-1", "eu\0x0", "eu\0x1", "eu\0x2");
        assertThat(whats(KeyRange.all().from(true, "asia").to(false, "eu")))
                .containsExactly("asia-2", "asia-1", "asia0", "asia1", "asia2");
        assertThat(whats(KeyRange.all().from(false, "eu", 0).to(true, "eu\0x", -2)))
                .containsExactly("eu1", "eu2", "eu\0x-2");
        assertThat(whats(KeyRange.all().from(true, "eu", 0).to(false, "eu\0x").descending()))
                .containsExactly("eu2", "eu1", "eu0");
        assertThat(whats(KeyRange.all().from(false, "asia").to(false, "eu\0x").descending()))
                .containsExactly("eu2", "eu1", "eu0", "eu-1", "eu-2");
        assertThat(whats(KeyRange.all().from(true, "us").descending().limit(3))).containsExactly("us2", "us1", "us0");
    }

    @Test
    void negativeAndPositiveZeroAreOneKey() {
        db.createTable(TableDef.named("d").column("x", ColumnType.DOUBLE).column("v", ColumnType.INTEGER)
                .primaryKey("x").kind(TableKind.ORDERED_SET));
        db.dirtyWrite("d", Row.of(-0.0d, 1));
        db.dirtyWrite("d", Row.of(0.0d, 2));
        db.dirtyWrite("d", Row.of(-1.0d, 3));
        assertThat(db.size("d")).isEqualTo(2);
        assertThat(db.dirtyRead("d", -0.0d).getInt("v")).isEqualTo(2);
        assertThat(ids(select("d", KeyRange.all().from(false, -0.0d)))).isEmpty();
        assertThat(select("d", KeyRange.all().to(false, 0.0d))).extracting(r -> r.getInt("v")).containsExactly(3);
    }

    // ---- bag ----------------------------------------------------------------------------------------------

    private void createBag() {
        db.createTable(TableDef.named("tags").column("id", ColumnType.INTEGER).column("tag", ColumnType.varchar(8))
                .primaryKey("id").kind(TableKind.BAG).index(IndexDef.hash("by_tag", "tag")));
    }

    @Test
    void aBagKeepsSeveralDistinctRowsPerKey() {
        createBag();
        db.transaction(tx -> {
            tx.write("tags", Row.of(1, "red"));
            tx.write("tags", Row.of(1, "blue"));
            tx.insert("tags", Row.of(1, "green"));
            tx.write("tags", Row.of(2, "red"));
            return null;
        });
        assertThat(db.dirtyReadAll("tags", 1)).extracting(r -> r.get("tag"))
                .containsExactlyInAnyOrder("red", "blue", "green");
        assertThat(db.<List<Row>>transaction(tx -> tx.readAll("tags", 1))).hasSize(3);
        assertThat(db.<Row>transaction(tx -> tx.read("tags", 1)).getInt("id")).isEqualTo(1);
        assertThat(db.size("tags")).as("size counts keys").isEqualTo(2);
        assertThat(select("tags", KeyRange.all())).hasSize(4);
        List<Row> red = db.transaction(tx -> tx.indexRead("tags", "by_tag", "red"));
        assertThat(ids(red)).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void aLimitedOrderedIndexRangeOverABagReturnsTheFirstEntriesInIndexOrder() {
        db.createTable(TableDef.named("scores").column("id", ColumnType.INTEGER).column("score", ColumnType.INTEGER)
                .primaryKey("id").kind(TableKind.BAG).index(IndexDef.ordered("by_score", "score")));
        db.transaction(tx -> {
            tx.write("scores", Row.of(1, 10));
            tx.write("scores", Row.of(1, 40)); // key 1 also holds a row that comes late in the index
            tx.write("scores", Row.of(2, 20));
            tx.write("scores", Row.of(3, 30));
            return null;
        });
        List<Row> lowest = db.transaction(tx -> tx.indexRange("scores", "by_score", KeyRange.all().limit(2)));
        assertThat(lowest).extracting(r -> r.get("score")).containsExactly(10, 20);
        List<Row> highest = db.transaction(tx -> tx.indexRange("scores", "by_score",
                KeyRange.all().descending().limit(2)));
        assertThat(highest).extracting(r -> r.get("score")).containsExactly(40, 30);
        List<Row> fromKeyOne = db.transaction(tx -> tx.indexRange("scores", "by_score",
                KeyRange.all().from(false, 10).limit(2)));
        assertThat(fromKeyOne).extracting(r -> r.get("score")).containsExactly(20, 30);
    }

    @Test
    void anIdenticalRowIsNotStoredTwice() {
        createBag();
        db.dirtyWrite("tags", Row.of(1, "red"));
        db.dirtyWrite("tags", Row.of(1, "red"));
        db.transaction(tx -> {
            tx.write("tags", Row.of(1, "red"));
            tx.insert("tags", Row.of(1, "red"));
            return null;
        });
        assertThat(db.dirtyReadAll("tags", 1)).hasSize(1);
    }

    @Test
    void insertTellsWhetherItAddedTheRow() {
        createBag();
        db.createTable(TableDef.named("s").column("id", ColumnType.INTEGER).primaryKey("id"));
        List<Boolean> added = db.transaction(tx -> List.of(tx.insert("tags", Row.of(1, "red")),
                tx.insert("tags", Row.of(1, "red")), tx.insert("tags", Row.of(1, "blue")),
                tx.insert("s", Row.of(1))));
        assertThat(added).containsExactly(true, false, true, true);
        added = db.transaction(tx -> List.of(tx.insert("tags", Row.of(1, "red")),
                tx.insert("tags", Row.of(2, "red"))));
        assertThat(added).containsExactly(false, true);
        assertThat(select("tags", KeyRange.all())).hasSize(3);
    }

    @Test
    void aBagInsertThatFoundItsRowConflictsWhenTheRowIsRemovedBeforeItCommits() {
        createBag();
        db.dirtyWrite("tags", Row.of(1, "red"));
        ExplicitTransaction tx = db.begin();
        assertThat(tx.insert("tags", Row.of(1, "red"))).isFalse();
        assertThat(db.<Boolean>transaction(other -> other.deleteObject("tags", Row.of(1, "red")))).isTrue();
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
        assertThat(db.dirtyReadAll("tags", 1)).isEmpty();
    }

    @Test
    void deleteObjectRemovesOnlyTheIdenticalRowAndDeleteRemovesTheKey() {
        createBag();
        db.transaction(tx -> {
            tx.write("tags", Row.of(1, "red"));
            tx.write("tags", Row.of(1, "blue"));
            tx.write("tags", Row.of(1, null));
            return null;
        });
        assertThat(db.<Boolean>transaction(tx -> tx.deleteObject("tags", Row.of(1, "blue")))).isTrue();
        assertThat(db.<Boolean>transaction(tx -> tx.deleteObject("tags", Row.of(1, "blue")))).isFalse();
        assertThat(db.<Boolean>transaction(tx -> tx.deleteObject("tags", Row.of(1, "pink")))).isFalse();
        assertThat(db.dirtyReadAll("tags", 1)).extracting(r -> r.get("tag")).containsExactlyInAnyOrder("red", null);
        assertThat(db.<Boolean>transaction(tx -> tx.deleteObject("tags", Row.of(1, null)))).isTrue();
        assertThat(db.dirtyReadAll("tags", 1)).extracting(r -> r.get("tag")).containsExactly("red");
        List<Row> blue = db.transaction(tx -> tx.indexRead("tags", "by_tag", "blue"));
        assertThat(blue).isEmpty();
        assertThat(db.<Boolean>transaction(tx -> tx.delete("tags", 1))).isTrue();
        assertThat(db.dirtyReadAll("tags", 1)).isEmpty();
        assertThat(db.size("tags")).isZero();
        assertThat(db.<Boolean>transaction(tx -> tx.delete("tags", 1))).isFalse();
    }

    @Test
    void deleteObjectOnASetNeedsTheWholeRowToMatch() {
        db.createTable(TableDef.named("s").column("id", ColumnType.INTEGER).column("v", ColumnType.varchar(5))
                .primaryKey("id"));
        db.dirtyWrite("s", Row.of(1, "a"));
        assertThat(db.<Boolean>transaction(tx -> tx.deleteObject("s", Row.of(1, "b")))).isFalse();
        assertThat(db.dirtyRead("s", 1)).isNotNull();
        assertThat(db.<Boolean>transaction(tx -> tx.deleteObject("s", Row.of(1, "a")))).isTrue();
        assertThat(db.dirtyRead("s", 1)).isNull();
    }
}
