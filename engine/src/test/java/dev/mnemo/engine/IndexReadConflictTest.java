package dev.mnemo.engine;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An index lookup or range depends on the index entries it covered, not on the whole table: a commit elsewhere in
 * the table leaves it valid; a row added, changed or removed where it read, or moved into or out of that part of the
 * index by a change of its indexed column, makes it conflict.
 */
class IndexReadConflictTest {
    /** The key of the row each writing transaction adds: its indexed values are outside every range the tests read. */
    private static final int MINE = 1000;

    @AutoClose
    private final Mnemo db = Mnemo.inMemory();

    /** Rows 1 to 20: {@code g = 10 * id} (ordered and hash indexes), {@code c = 100 + id} (unique hash index). */
    @BeforeEach
    void fill() {
        db.createTable(TableDef.named("t").column("id", ColumnType.INTEGER).column("g", ColumnType.INTEGER)
                .column("c", ColumnType.INTEGER).column("v", ColumnType.varchar(10)).primaryKey("id")
                .index(IndexDef.ordered("by_g", "g")).index(IndexDef.hash("h_g", "g"))
                .index(IndexDef.hash("u_c", "c").unique()));
        db.transaction(tx -> {
            for (int id = 1; id <= 20; id++) {
                tx.write("t", row(id, 10 * id, 100 + id));
            }
            return null;
        });
    }

    private static Row row(int id, int g, int c) {
        return Row.of(id, g, c, "v");
    }

    /** Reads with {@code read}, writes a row of its own, lets {@code meanwhile} commit, then commits. */
    private void readThenCommit(Consumer<Transaction> read, Runnable meanwhile) {
        db.dirtyDelete("t", MINE);
        ExplicitTransaction tx = db.begin();
        read.accept(tx);
        tx.write("t", row(MINE, -1, -1));
        meanwhile.run();
        tx.commit();
    }

    private void conflicts(Consumer<Transaction> read, Runnable meanwhile) {
        assertThatThrownBy(() -> readThenCommit(read, meanwhile)).isInstanceOf(TransactionConflictException.class);
        assertThat(db.dirtyRead("t", MINE)).isNull();
    }

    private static Consumer<Transaction> range(KeyRange range, Integer... ids) {
        return tx -> assertThat(tx.indexRange("t", "by_g", range)).extracting(r -> r.get("id"))
                .containsExactly((Object[]) ids);
    }

    private static Consumer<Transaction> lookup(String index, int value, Integer... ids) {
        return tx -> assertThat(tx.indexRead("t", index, value)).extracting(r -> r.get("id"))
                .containsExactly((Object[]) ids);
    }

    private Runnable put(int id, int g, int c) {
        return () -> db.dirtyWrite("t", row(id, g, c));
    }

    private Runnable changeV(int id) {
        return () -> {
            Row r = db.dirtyRead("t", id);
            db.dirtyWrite("t", Row.of(id, r.get("g"), r.get("c"), "changed"));
        };
    }

    private Runnable delete(int id) {
        return () -> db.dirtyDelete("t", id);
    }

    private static final KeyRange FIFTY_TO_EIGHTY = KeyRange.all().from(true, 50).to(true, 80);

    @Test
    void aCommitOutsideTheReadPartOfTheIndexLeavesTheTransactionValid() {
        Consumer<Transaction> read = range(FIFTY_TO_EIGHTY, 5, 6, 7, 8);
        readThenCommit(read, put(30, 300, 130));
        readThenCommit(read, changeV(2));
        readThenCommit(read, delete(15));
        readThenCommit(read, put(1, 15, 101)); // moved, but outside the range before and after
        readThenCommit(read, put(9, 95, 109));
        assertThat(db.dirtyRead("t", MINE)).isNotNull();
    }

    @Test
    void aRowAddedChangedOrRemovedInTheReadRangeMakesItConflict() {
        conflicts(range(FIFTY_TO_EIGHTY, 5, 6, 7, 8), put(30, 65, 130));
        delete(30).run();
        conflicts(range(FIFTY_TO_EIGHTY, 5, 6, 7, 8), put(31, 80, 131));
        delete(31).run();
        conflicts(range(FIFTY_TO_EIGHTY, 5, 6, 7, 8), changeV(6));
        conflicts(range(FIFTY_TO_EIGHTY, 5, 6, 7, 8), delete(7));
    }

    @Test
    void aRowMovedIntoOrOutOfTheRangeByItsIndexedColumnMakesItConflict() {
        conflicts(range(FIFTY_TO_EIGHTY, 5, 6, 7, 8), put(1, 55, 101));
        conflicts(range(FIFTY_TO_EIGHTY, 5, 1, 6, 7, 8), put(6, 500, 106));
        // Out and in at once: as many rows as before, but the one moved in is newer than the read.
        conflicts(range(FIFTY_TO_EIGHTY, 5, 1, 7, 8), () -> db.transaction(tx -> {
            tx.write("t", row(1, 10, 101));
            tx.write("t", row(6, 60, 106));
            return null;
        }));
    }

    @Test
    void aLimitedReadCoversTheEntriesUpToTheLastItRead() {
        Consumer<Transaction> firstTwo = range(KeyRange.all().from(true, 50).limit(2), 5, 6);
        readThenCommit(firstTwo, put(30, 65, 130));
        readThenCommit(firstTwo, put(31, 45, 131));
        conflicts(firstTwo, put(32, 55, 132));
        delete(32).run();
        conflicts(firstTwo, changeV(6));
        Consumer<Transaction> topTwo = range(KeyRange.all().descending().limit(2), 20, 19);
        readThenCommit(topTwo, put(33, 185, 133));
        conflicts(topTwo, put(34, 195, 134));
        delete(34).run();
        // Open above: a new highest value is one the read would have given first.
        conflicts(topTwo, put(35, 900, 135));
    }

    @Test
    void aReadInPiecesCoversTheEntriesOfThePiecesRead() {
        Consumer<Transaction> twoPieces = tx -> {
            IndexScan scan = tx.indexScan("t", "by_g", KeyRange.all().from(true, 50));
            List<Object> ids = new ArrayList<>();
            assertThat(scan.readPiece(2, r -> ids.add(r.get("id")))).isTrue();
            assertThat(scan.readPiece(1, r -> ids.add(r.get("id")))).isTrue();
            assertThat(ids).containsExactly(5, 6, 7);
        };
        readThenCommit(twoPieces, put(30, 75, 130));
        conflicts(twoPieces, put(31, 65, 131));
        delete(31).run();
        conflicts(twoPieces, delete(5));
    }

    @Test
    void aHashIndexLookupDependsOnItsValueOnly() {
        readThenCommit(lookup("h_g", 60, 6), put(30, 61, 130));
        readThenCommit(lookup("h_g", 60, 6), changeV(7));
        conflicts(lookup("h_g", 60, 6), put(31, 60, 131));
        delete(31).run();
        conflicts(lookup("h_g", 60, 6), changeV(6));
        conflicts(lookup("h_g", 60, 6), put(6, 61, 106));
        conflicts(lookup("h_g", 60), put(1, 60, 101));
    }

    @Test
    void aUniqueIndexLookupOfAnAbsentValueConflictsWithAnInsertOfThatValue() {
        readThenCommit(lookup("u_c", 500), put(30, 300, 501));
        conflicts(lookup("u_c", 500), put(31, 310, 500));
        conflicts(lookup("u_c", 500, 31), put(31, 310, 502));
        readThenCommit(lookup("u_c", 105, 5), put(7, 70, 507));
        conflicts(lookup("u_c", 105, 5), changeV(5));
        conflicts(lookup("u_c", 105, 5), delete(5));
    }

    @Test
    void readOnlyTransactionsCheckTheirIndexReadsAlike() {
        ExplicitTransaction valid = db.begin();
        range(FIFTY_TO_EIGHTY, 5, 6, 7, 8).accept(valid);
        put(30, 300, 130).run();
        valid.commit();
        ExplicitTransaction stale = db.begin();
        range(FIFTY_TO_EIGHTY, 5, 6, 7, 8).accept(stale);
        put(31, 66, 131).run();
        assertThatThrownBy(stale::commit).isInstanceOf(TransactionConflictException.class);
    }

    @Test
    void aTransactionsOwnWritesInTheRangeDoNotMakeItConflict() {
        ExplicitTransaction tx = db.begin();
        tx.insert("t", row(40, 65, 140));
        tx.write("t", row(7, 700, 107));
        range(FIFTY_TO_EIGHTY, 5, 6, 40, 8).accept(tx);
        put(30, 300, 130).run();
        tx.commit();
        assertThat(db.dirtyRead("t", 40)).isNotNull();
        assertThat(db.dirtyRead("t", 7).getInt("g")).isEqualTo(700);
    }

    @Test
    void aSchemaChangeOfTheTableMakesAnIndexReadConflict() {
        conflicts(range(FIFTY_TO_EIGHTY, 5, 6, 7, 8), () -> db.createIndex("t", IndexDef.ordered("by_c", "c")));
        // The index replaced by one of the same name over another column: the bounds no longer mean what they did.
        conflicts(range(FIFTY_TO_EIGHTY, 5, 6, 7, 8), () -> {
            db.dropIndex("t", "by_g");
            db.createIndex("t", IndexDef.ordered("by_g", "c"));
        });
    }

    @Test
    void indexReadsThatSawManyRowsDependOnTheWholeTable() {
        conflicts(tx -> {
            for (int i = 0; i < 4; i++) {
                assertThat(tx.indexRange("t", "by_g", KeyRange.all())).hasSize(20);
            }
        }, put(30, 300, 130));
        // A few small reads stay ranges.
        readThenCommit(tx -> {
            lookup("h_g", 60, 6).accept(tx);
            range(FIFTY_TO_EIGHTY, 5, 6, 7, 8).accept(tx);
        }, put(31, 310, 131));
    }

    @Test
    void keyWalksAndIndexReadsOfOneTableShareOneBudget() {
        db.createTable(TableDef.named("o").column("id", ColumnType.INTEGER).column("g", ColumnType.INTEGER)
                .primaryKey("id").kind(TableKind.ORDERED_SET).index(IndexDef.ordered("o_g", "g")));
        db.transaction(tx -> {
            for (int id = 0; id < 40; id++) {
                tx.write("o", Row.of(id, id));
            }
            return null;
        });
        Consumer<Transaction> both = tx -> {
            assertThat(tx.select("o", KeyRange.all().from(true, 0).to(false, 35))).hasSize(35);
            assertThat(tx.indexRange("o", "o_g", KeyRange.all().from(true, 0).to(false, 35))).hasSize(35);
        };
        conflicts(both, () -> db.dirtyWrite("o", Row.of(100, 100)));
        Consumer<Transaction> one = tx -> assertThat(tx.select("o", KeyRange.all().from(true, 0).to(false, 35)))
                .hasSize(35);
        readThenCommit(one, () -> db.dirtyWrite("o", Row.of(101, 101)));
        readThenCommit(tx -> assertThat(tx.indexRange("o", "o_g", KeyRange.all().from(true, 0).to(false, 35)))
                .hasSize(35), () -> db.dirtyWrite("o", Row.of(102, 102)));
    }

    @Test
    void onABagTheRowsOfAKeyReadThroughTheIndexShareOneVersion() {
        db.createTable(TableDef.named("b").column("id", ColumnType.INTEGER).column("g", ColumnType.INTEGER)
                .primaryKey("id").kind(TableKind.BAG).index(IndexDef.ordered("b_g", "g")));
        db.transaction(tx -> {
            tx.write("b", Row.of(1, 5));
            tx.write("b", Row.of(1, 6));
            tx.write("b", Row.of(2, 5));
            return null;
        });
        Consumer<Transaction> fives = tx -> assertThat(tx.indexRead("b", "b_g", 5)).hasSize(2);
        readThenCommit(fives, () -> db.dirtyWrite("b", Row.of(3, 9)));
        conflicts(fives, () -> db.dirtyWrite("b", Row.of(3, 5)));
        // A row added under a key read is a change of that key's rows, though its value is elsewhere in the index.
        conflicts(tx -> assertThat(tx.indexRead("b", "b_g", 5)).hasSize(3), () -> db.dirtyWrite("b", Row.of(1, 7)));
    }
}
