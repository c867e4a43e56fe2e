package dev.mnemo.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scans of set and bag tables read a piece at a time ({@link Transaction#scanInPieces}): every row once, the
 * transaction's own writes merged once each, and a table that grows into a new map or is dropped between pieces
 * conflicts rather than giving missed or repeated rows.
 */
class TableScanTest {
    private Mnemo db;

    @BeforeEach
    void open() {
        db = Mnemo.inMemory();
        db.createTable(TableDef.named("s").column("id", ColumnType.INTEGER).column("v", ColumnType.varchar(10))
                .primaryKey("id"));
        db.createTable(TableDef.named("b").column("id", ColumnType.INTEGER).column("v", ColumnType.varchar(10))
                .primaryKey("id").kind(TableKind.BAG));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void fill(String table, int from, int to) {
        db.transaction(tx -> {
            for (int i = from; i < to; i++) {
                tx.write(table, Row.of(i, "v" + i));
            }
            return null;
        });
    }

    /** Every row the scan gives, as "id=v", and how many rows each piece gave. */
    private record Read(List<String> rows, List<Integer> pieces) {
    }

    private static Read readAll(TableScan scan) {
        List<String> rows = new ArrayList<>();
        List<Integer> pieces = new ArrayList<>();
        int[] n = {0};
        while (true) {
            n[0] = 0;
            boolean more = scan.readPiece(r -> {
                rows.add(r.get("id") + "=" + r.get("v"));
                n[0]++;
            });
            if (!more) {
                assertThat(n[0]).as("a piece after the last").isZero();
                return new Read(rows, pieces);
            }
            assertThat(n[0]).as("a piece that is not the last gives rows").isPositive();
            pieces.add(n[0]);
        }
    }

    /** The rows of the rest of the scan; a failure is also kept in {@code failures}. */
    private static List<String> readRest(TableScan scan, List<RuntimeException> failures) {
        try {
            return readAll(scan).rows();
        } catch (RuntimeException e) {
            failures.add(e);
            throw e;
        }
    }

    private static List<String> model(Transaction tx, String table) {
        return tx.select(table, KeyRange.all()).stream().map(r -> r.get("id") + "=" + r.get("v")).toList();
    }

    @Test
    void aSetTableIsReadWholeInBoundedPieces() {
        fill("s", 0, 20_000);
        Read read = db.transaction(tx -> readAll(tx.scanInPieces("s")));
        assertThat(read.rows()).hasSize(20_000).doesNotHaveDuplicates();
        assertThat(read.pieces().size()).isGreaterThan(8);
        assertThat(read.pieces()).allSatisfy(n -> assertThat(n).isLessThan(20_000 / 4));
    }

    @Test
    void theTransactionsOwnWritesAppearOnceEach() {
        fill("s", 0, 3000);
        db.transaction(tx -> {
            for (int i = 0; i < 3000; i += 3) {
                tx.delete("s", i);                            // deleted: never
            }
            for (int i = 1; i < 3000; i += 3) {
                tx.write("s", Row.of(i, "new" + i));         // replaced: once, with its new value
            }
            for (int i = 3000; i < 5000; i++) {
                tx.insert("s", Row.of(i, "add" + i));        // added: once
            }
            tx.write("s", Row.of(4000, "again"));            // written twice: once, the last value
            tx.write("s", Row.of(0, "back"));                // deleted, then written again: once
            Read read = readAll(tx.scanInPieces("s"));
            assertThat(read.rows()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(model(tx, "s"))
                    .contains("1=new1", "3001=add3001", "4000=again", "0=back", "2=v2")
                    .doesNotContain("3=v3", "1=v1", "4000=add4000").hasSize(3000 - 999 + 2000);
            return null;
        });
    }

    @Test
    void writesMadeWhileTheScanIsReadDoNotRepeatOrHideRows() {
        fill("s", 0, 5000);
        db.transaction(tx -> {
            tx.write("s", Row.of(1, "mine"));
            TableScan scan = tx.scanInPieces("s");
            List<String> rows = new ArrayList<>();
            assertThat(scan.readPiece(r -> rows.add(r.get("id") + "=" + r.get("v")))).isTrue();
            for (int i = 0; i < 5000; i++) {
                tx.write("s", Row.of(i, "later")); // already read or not yet: the scan gives what was there
            }
            tx.write("s", Row.of(9999, "later"));
            rows.addAll(readAll(scan).rows());
            assertThat(rows).hasSize(5000).doesNotHaveDuplicates().contains("1=mine", "2=v2")
                    .noneMatch(r -> r.endsWith("=later"));
            return null;
        });
    }

    @Test
    void aBagTableGivesEachRowOnceWithTheTransactionsAddsAndRemoves() {
        db.transaction(tx -> {
            for (int i = 0; i < 2000; i++) {
                tx.write("b", Row.of(i % 500, "v" + i));
            }
            return null;
        });
        db.transaction(tx -> {
            tx.write("b", Row.of(7, "added"));              // a row added under a stored key
            tx.deleteObject("b", Row.of(8, "v8"));          // one row of a stored key removed
            tx.delete("b", 9);                              // every row of a key removed
            tx.write("b", Row.of(600, "new"));              // a new key
            tx.write("b", Row.of(600, "new"));              // the same row again: still one row
            tx.write("b", Row.of(10, "v10"));               // a row already stored: still one row
            Read read = readAll(tx.scanInPieces("b"));
            assertThat(read.rows()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(model(tx, "b"))
                    .contains("7=added", "7=v7", "8=v508", "600=new", "10=v10")
                    .doesNotContain("8=v8", "9=v9", "9=v509").hasSize(2000 + 1 - 1 - 4 + 1);
            return null;
        });
    }

    @Test
    void aTableRegrownBetweenPiecesConflictsAndTheReRunReadsItWhole() {
        fill("s", 0, 300);
        AtomicInteger attempts = new AtomicInteger();
        List<RuntimeException> failures = new ArrayList<>();
        List<String> rows = db.transaction(tx -> {
            TableScan scan = tx.scanInPieces("s");
            List<String> out = new ArrayList<>();
            assertThat(scan.readPiece(r -> out.add(r.get("id") + "=" + r.get("v")))).isTrue();
            if (attempts.incrementAndGet() == 1) {
                assertThat(out.size()).as("the first piece is not the whole table").isLessThan(300);
                // More rows than the table's first map holds: it moves to a larger one.
                CompletableFuture.runAsync(() -> fill("s", 300, 3000)).join();
            }
            out.addAll(readRest(scan, failures));
            return out;
        });
        assertThat(attempts).hasValue(2);
        assertThat(failures).singleElement().isInstanceOf(TransactionConflictException.class);
        assertThat(rows).hasSize(3000).doesNotHaveDuplicates().contains("0=v0", "2999=v2999");
    }

    @Test
    void keysTheTransactionEmptiedNeitherEndTheScanNorMakeAnEmptyPiece() {
        fill("s", 0, 3000);
        db.transaction(tx -> {
            for (int i = 0; i < 3000; i++) {
                tx.delete("s", i);                            // more own keys without rows than a piece takes
            }
            for (int i = 5000; i < 5010; i++) {
                tx.insert("s", Row.of(i, "add" + i));
            }
            Read read = readAll(tx.scanInPieces("s"));
            assertThat(read.rows()).containsExactlyInAnyOrderElementsOf(model(tx, "s")).hasSize(10);
            return null;
        });
    }

    @Test
    void aTableDroppedBetweenPiecesConflictsAndTheReRunFindsNoTable() {
        fill("s", 0, 3000);
        AtomicInteger attempts = new AtomicInteger();
        List<RuntimeException> failures = new ArrayList<>();
        assertThatThrownBy(() -> db.transaction(tx -> {
            boolean first = attempts.incrementAndGet() == 1;
            TableScan scan = tx.scanInPieces("s");
            assertThat(scan.readPiece(r -> { })).isTrue();
            if (first) {
                CompletableFuture.runAsync(() -> db.dropTable("s")).join();
            }
            return readRest(scan, failures);
        })).isInstanceOf(UnknownTableException.class);
        assertThat(attempts).hasValue(2);
        assertThat(failures).singleElement().isInstanceOf(TransactionConflictException.class);
    }

    @Test
    void anExplicitTransactionWhoseTableRegrewBetweenPiecesFailsAndCannotCommit() {
        fill("s", 0, 300);
        ExplicitTransaction tx = db.begin();
        TableScan scan = tx.scanInPieces("s");
        assertThat(scan.readPiece(r -> { })).isTrue();
        fill("s", 300, 3000);
        assertThatThrownBy(() -> readAll(scan)).isInstanceOf(TransactionConflictException.class)
                .hasMessageContaining("larger map");
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
    }

    @Test
    void aScanOfAFinishedExplicitTransactionFailsLoudly() {
        fill("s", 0, 10);
        ExplicitTransaction tx = db.begin();
        TableScan scan = tx.scanInPieces("s");
        tx.commit();
        assertThatThrownBy(() -> scan.readPiece(r -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOrderedSetIsNotScannedInHashOrder() {
        db.createTable(TableDef.named("o").column("id", ColumnType.INTEGER).primaryKey("id")
                .kind(TableKind.ORDERED_SET));
        assertThatThrownBy(() -> db.transaction(tx -> tx.scanInPieces("o")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ordered_set");
    }
}
