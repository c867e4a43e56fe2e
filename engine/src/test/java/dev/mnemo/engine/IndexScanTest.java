package dev.mnemo.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Index lookups and ranges read a piece at a time ({@link Transaction#indexScan}): rows in index order, in pieces no
 * larger than asked, the transaction's own writes merged at their place once each, a scan that may stop at any piece,
 * and a table dropped or altered between pieces making the transaction conflict rather than mixing two tables' rows.
 */
class IndexScanTest {
    private static final int ROWS = 3000;
    /** Rows share each value of {@code g}: {@code g = id % GROUPS}. */
    private static final int GROUPS = 10;

    private Mnemo db;

    @BeforeEach
    void open() {
        db = Mnemo.inMemory();
        db.createTable(TableDef.named("s").column("id", ColumnType.INTEGER).column("g", ColumnType.INTEGER)
                .column("h", ColumnType.INTEGER).primaryKey("id")
                .index(IndexDef.ordered("by_g", "g")).index(IndexDef.hash("by_h", "h"))
                .index(IndexDef.hash("u_id", "id").unique()));
        db.transaction(tx -> {
            for (int i = 0; i < ROWS; i++) {
                tx.write("s", Row.of(i, i % GROUPS, i % GROUPS));
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Every row the scan gives, as "g:id", and how many rows each piece gave. */
    private record Read(List<String> rows, List<Integer> pieces) {
    }

    private static Read readAll(IndexScan scan, int rowsMax) {
        List<String> rows = new ArrayList<>();
        List<Integer> pieces = new ArrayList<>();
        int[] n = {0};
        while (true) {
            n[0] = 0;
            boolean more = scan.readPiece(rowsMax, r -> {
                rows.add(text(r));
                n[0]++;
            });
            if (!more) {
                assertThat(n[0]).as("a piece after the last").isZero();
                return new Read(rows, pieces);
            }
            assertThat(n[0]).as("a piece that is not the last gives rows, at most as many as asked")
                    .isBetween(1, rowsMax);
            pieces.add(n[0]);
        }
    }

    /** What {@code read} gives; what it throws is noted in {@code failures} before it goes on up. */
    private static <T> T noting(List<RuntimeException> failures, Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            failures.add(e);
            throw e;
        }
    }

    private static String text(Row r) {
        return r.get("g") + ":" + r.get("id");
    }

    /** What the scan must give: every row of the table as the transaction sees it, filtered and sorted naively. */
    private static List<String> model(Transaction tx, int gFrom, int gTo, boolean descending) {
        Comparator<Row> byIndex = Comparator.<Row>comparingInt(r -> r.getInt("g"))
                .thenComparingInt(r -> r.getInt("id"));
        return tx.select("s", KeyRange.all()).stream().filter(r -> r.getInt("g") >= gFrom && r.getInt("g") <= gTo)
                .sorted(descending ? byIndex.reversed() : byIndex).map(IndexScanTest::text).toList();
    }

    private static KeyRange between(int from, int to) {
        return KeyRange.all().from(true, from).to(true, to);
    }

    @Test
    void aRangeOfAnOrderedIndexComesInIndexOrderInPiecesOfAtMostTheRowsAsked() {
        db.transaction(tx -> {
            Read up = readAll(tx.indexScan("s", "by_g", between(3, 5)), 7);
            assertThat(up.rows()).hasSize(3 * ROWS / GROUPS).isEqualTo(model(tx, 3, 5, false))
                    .isEqualTo(tx.indexRange("s", "by_g", between(3, 5)).stream().map(IndexScanTest::text).toList());
            assertThat(up.pieces()).hasSize((3 * ROWS / GROUPS + 6) / 7);
            Read down = readAll(tx.indexScan("s", "by_g", between(3, 5).descending()), 100);
            assertThat(down.rows()).isEqualTo(model(tx, 3, 5, true)).startsWith("5:2995", "5:2985");
            return null;
        });
    }

    @Test
    void anEqualityOnAHashOrAnOrderedIndexGivesEveryRowSharingTheValue() {
        db.transaction(tx -> {
            assertThat(readAll(tx.indexScan("s", "by_h", KeyRange.prefix(4)), 16).rows())
                    .isEqualTo(model(tx, 4, 4, false));
            assertThat(readAll(tx.indexScan("s", "by_g", KeyRange.prefix(4)), 1).rows())
                    .isEqualTo(model(tx, 4, 4, false));
            assertThat(readAll(tx.indexScan("s", "u_id", KeyRange.prefix(17)), 5).rows()).containsExactly("7:17");
            assertThat(readAll(tx.indexScan("s", "u_id", KeyRange.prefix(ROWS)), 5).rows()).isEmpty();
            return null;
        });
    }

    @Test
    void theTransactionsOwnWritesAppearOnceEachAtTheirPlaceInIndexOrder() {
        db.transaction(tx -> {
            for (int i = 3; i < ROWS; i += 100) {
                tx.delete("s", i);                          // deleted: never
            }
            for (int i = 4; i < ROWS; i += 100) {
                tx.write("s", Row.of(i, 5, 5));             // moved from g = 4 into g = 5
            }
            for (int i = 5; i < ROWS; i += 100) {
                tx.write("s", Row.of(i, 9, 9));             // moved out of the range
            }
            tx.write("s", Row.of(13, 3, 3));                // rewritten with its own values
            tx.insert("s", Row.of(ROWS + 1, 4, 4));         // added
            tx.insert("s", Row.of(-1, 3, 3));               // added before every stored row of g = 3
            tx.write("s", Row.of(ROWS + 2, 5, 5));
            tx.write("s", Row.of(ROWS + 2, 4, 4));          // written twice: once, where the last write puts it
            Read read = readAll(tx.indexScan("s", "by_g", between(3, 5)), 13);
            assertThat(read.rows()).doesNotHaveDuplicates().isEqualTo(model(tx, 3, 5, false))
                    .contains("3:-1", "3:13", "5:4", "4:" + (ROWS + 1), "4:" + (ROWS + 2))
                    .doesNotContain("3:3", "4:4", "5:5", "5:" + (ROWS + 2));
            assertThat(readAll(tx.indexScan("s", "by_g", between(3, 5).descending()), 13).rows())
                    .isEqualTo(model(tx, 3, 5, true));
            assertThat(readAll(tx.indexScan("s", "by_h", KeyRange.prefix(5)), 13).rows())
                    .isEqualTo(model(tx, 5, 5, false));
            return null;
        });
    }

    @Test
    void writesMadeWhileTheScanIsReadDoNotRepeatOrHideRows() {
        db.transaction(tx -> {
            tx.write("s", Row.of(1, 2, 2));
            IndexScan scan = tx.indexScan("s", "by_g", between(1, 2));
            List<String> rows = new ArrayList<>();
            assertThat(scan.readPiece(10, r -> rows.add(text(r)))).isTrue();
            for (int i = 0; i < ROWS; i++) {
                tx.write("s", Row.of(i, 1, 1)); // read already or not yet: the scan gives what was there
            }
            tx.delete("s", 2);
            rows.addAll(readAll(scan, 50).rows());
            assertThat(rows).hasSize(2 * ROWS / GROUPS).doesNotHaveDuplicates().contains("2:1", "2:2", "1:11")
                    .doesNotContain("1:1", "1:2");
            return null;
        });
    }

    @Test
    void aScanMayStopAtAnyPieceAndTheRangesLimitBoundsAllPieces() {
        List<String> first = db.transaction(tx -> {
            List<String> rows = new ArrayList<>();
            assertThat(tx.indexScan("s", "by_g", KeyRange.all()).readPiece(1, r -> rows.add(text(r)))).isTrue();
            return rows;
        });
        assertThat(first).containsExactly("0:0");
        Read limited = db.transaction(tx -> readAll(tx.indexScan("s", "by_g", between(2, 8).limit(25)), 10));
        assertThat(limited.rows()).hasSize(25).startsWith("2:2", "2:12").endsWith("2:242");
        assertThat(limited.pieces()).containsExactly(10, 10, 5);
        assertThat(db.transaction(tx -> readAll(tx.indexScan("s", "by_g", between(2, 8).limit(0)), 10)).rows())
                .isEmpty();
    }

    @Test
    void aBagKeysRowsComeEachAtTheirOwnIndexValue() {
        db.createTable(TableDef.named("b").column("id", ColumnType.INTEGER).column("g", ColumnType.INTEGER)
                .primaryKey("id").kind(TableKind.BAG).index(IndexDef.ordered("b_g", "g")));
        db.transaction(tx -> {
            for (int g = 0; g < 6; g++) {
                tx.write("b", Row.of(1, g));
                tx.write("b", Row.of(2, g));
            }
            return null;
        });
        db.transaction(tx -> {
            tx.deleteObject("b", Row.of(2, 3));
            tx.write("b", Row.of(3, 3));
            List<String> rows = readAll(tx.indexScan("b", "b_g", between(2, 4)), 2).rows();
            assertThat(rows).containsExactly("2:1", "2:2", "3:1", "3:3", "4:1", "4:2");
            assertThat(readAll(tx.indexScan("b", "b_g", between(2, 4).descending()), 4).rows())
                    .containsExactly("4:2", "4:1", "3:3", "3:1", "2:2", "2:1");
            return null;
        });
    }

    @Test
    void aScanIsOneReadOfTheTable_aChangeItCouldHaveSeenMakesItsTransactionConflict() {
        ExplicitTransaction tx = db.begin();
        readAll(tx.indexScan("s", "by_g", KeyRange.prefix(3)), 100);
        db.transaction(other -> {
            other.write("s", Row.of(ROWS + 5, 3, 3));
            return null;
        });
        tx.write("s", Row.of(0, 0, 99));
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
        assertThat(db.dirtyRead("s", 0).getInt("h")).isZero();
    }

    @Test
    void aTableAlteredBetweenPiecesConflictsAndTheReRunReadsItWhole() {
        AtomicInteger attempts = new AtomicInteger();
        List<RuntimeException> failures = new ArrayList<>();
        List<String> rows = db.transaction(tx -> {
            IndexScan scan = tx.indexScan("s", "by_g", between(0, 9));
            List<String> out = new ArrayList<>();
            assertThat(scan.readPiece(10, r -> out.add(text(r)))).isTrue();
            if (attempts.incrementAndGet() == 1) {
                CompletableFuture.runAsync(() -> db.createIndex("s", IndexDef.ordered("by_h_too", "h"))).join();
            }
            out.addAll(noting(failures, () -> readAll(scan, 1000)).rows());
            return out;
        });
        assertThat(attempts).hasValue(2);
        assertThat(failures).singleElement().isInstanceOf(TransactionConflictException.class);
        assertThat(failures.get(0)).hasMessageContaining("dropped or altered");
        assertThat(rows).hasSize(ROWS).doesNotHaveDuplicates();
    }

    @Test
    void aTableDroppedBetweenPiecesConflictsAndTheReRunFindsNoTable() {
        AtomicInteger attempts = new AtomicInteger();
        List<RuntimeException> failures = new ArrayList<>();
        assertThatThrownBy(() -> db.transaction(tx -> {
            IndexScan scan = tx.indexScan("s", "by_g", between(0, 9));
            assertThat(scan.readPiece(10, r -> { })).isTrue();
            if (attempts.incrementAndGet() == 1) {
                CompletableFuture.runAsync(() -> db.dropTable("s", false)).join();
            }
            return noting(failures, () -> readAll(scan, 1000));
        })).isInstanceOf(UnknownTableException.class);
        assertThat(attempts).hasValue(1);
        assertThat(failures).singleElement().isInstanceOf(TransactionConflictException.class);
        assertThat(failures.get(0)).hasMessageContaining("dropped or altered");
    }

    @Test
    void anExplicitTransactionWhoseTableWasAlteredBetweenPiecesFailsAndCannotCommit() {
        ExplicitTransaction tx = db.begin();
        IndexScan scan = tx.indexScan("s", "by_h", KeyRange.prefix(1));
        assertThat(scan.readPiece(1, r -> { })).isTrue();
        db.addColumn("s", ColumnDef.of("note", ColumnType.varchar(10)));
        assertThatThrownBy(() -> scan.readPiece(1, r -> { })).isInstanceOf(TransactionConflictException.class);
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
    }

    @Test
    void aScanOfAFinishedExplicitTransactionFailsLoudly() {
        ExplicitTransaction tx = db.begin();
        IndexScan scan = tx.indexScan("s", "by_g", KeyRange.all());
        tx.commit();
        assertThatThrownBy(() -> scan.readPiece(1, r -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badArgumentsFailWithTypedErrors() {
        db.transaction(tx -> {
            assertThatThrownBy(() -> tx.indexScan("s", "no_such", KeyRange.all()))
                    .isInstanceOf(UnknownIndexException.class);
            assertThatThrownBy(() -> tx.indexScan("s", "by_h", between(1, 2))).isInstanceOf(SchemaException.class)
                    .hasMessageContaining("hash index");
            assertThatThrownBy(() -> tx.indexScan("s", "by_g", KeyRange.prefix(1)).readPiece(0, r -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> tx.indexScan("nope", "by_g", KeyRange.all()))
                    .isInstanceOf(UnknownTableException.class);
            return null;
        });
    }
}
