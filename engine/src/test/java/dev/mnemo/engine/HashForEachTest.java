package dev.mnemo.engine;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Transaction#forEach} over a set table (hash order): every row once as the transaction sees it, its own
 * writes included, within the range and limit asked; a table that moves to a larger map or is dropped while it is
 * visited makes the transaction run again.
 */
class HashForEachTest {
    @AutoClose
    private final Mnemo db = Mnemo.inMemory();

    @BeforeEach
    void createTable() {
        db.createTable(TableDef.named("s").column("id", ColumnType.INTEGER).column("v", ColumnType.varchar(10))
                .primaryKey("id"));
    }

    private void fill(int from, int to) {
        db.transaction(tx -> {
            for (int i = from; i < to; i++) {
                tx.write("s", Row.of(i, "v" + i));
            }
            return null;
        });
    }

    /** The rows forEach visits, as "id=v". */
    private static List<String> visit(Transaction tx, KeyRange range) {
        List<String> out = new ArrayList<>();
        tx.forEach("s", range, r -> out.add(r.get("id") + "=" + r.get("v")));
        return out;
    }

    private static int id(String row) {
        return Integer.parseInt(row.substring(0, row.indexOf('=')));
    }

    @Test
    void aLimitCountsStoredRowsAndTheTransactionsOwnRowsAlike() {
        fill(0, 100);
        db.transaction(tx -> {
            for (int i = 0; i < 10; i++) {
                tx.delete("s", i);
                tx.insert("s", Row.of(1000 + i, "add"));
            }
            List<String> some = visit(tx, KeyRange.all().limit(95));
            assertThat(some).hasSize(95).doesNotHaveDuplicates().noneMatch(r -> id(r) < 10);
            assertThat(some.stream().filter(r -> id(r) >= 1000)).as("stored rows come first").hasSize(5);
            assertThat(visit(tx, KeyRange.all().limit(10))).hasSize(10).allMatch(r -> id(r) >= 10 && id(r) < 100);
            List<String> stopped = new ArrayList<>();
            tx.forEach("s", KeyRange.all(), r -> stopped.add(r.get("id") + "=" + r.get("v")) && stopped.size() < 93);
            assertThat(stopped).hasSize(93).doesNotHaveDuplicates();
            return null;
        });
    }

    @Test
    void aRangeGivesTheStoredRowsAndTheTransactionsOwnRowsInsideItOnly() {
        fill(0, 100);
        db.transaction(tx -> {
            tx.write("s", Row.of(20, "new"));
            tx.delete("s", 30);
            tx.delete("s", 45);
            tx.insert("s", Row.of(45, "again"));
            tx.insert("s", Row.of(150, "outside"));
            tx.delete("s", 60);
            List<String> rows = visit(tx, KeyRange.all().from(true, 10).to(false, 50));
            assertThat(rows).hasSize(39).doesNotHaveDuplicates().contains("10=v10", "20=new", "49=v49")
                    .doesNotContain("20=v20", "30=v30", "45=v45", "150=outside", "50=v50", "9=v9");
            assertThat(rows).filteredOn(r -> id(r) == 45).containsExactly("45=again");
            return null;
        });
    }

    @Test
    void writesTheVisitorMakesNeitherRepeatNorHideRows() {
        fill(0, 3000);
        db.transaction(tx -> {
            tx.write("s", Row.of(1, "mine"));
            List<String> rows = new ArrayList<>();
            tx.forEach("s", KeyRange.all(), r -> {
                rows.add(r.get("id") + "=" + r.get("v"));
                tx.write("s", Row.of(r.get("id"), "later"));           // a key already visited
                tx.write("s", Row.of(r.getInt("id") + 10_000, "later")); // a key not there when the visit began
                return true;
            });
            assertThat(rows).hasSize(3000).doesNotHaveDuplicates().contains("1=mine", "2=v2")
                    .noneMatch(r -> r.endsWith("=later"));
            assertThat(visit(tx, KeyRange.all())).hasSize(6000).allMatch(r -> r.endsWith("=later"));
            return null;
        });
    }

    @Test
    void aTableMovedToALargerMapWhileVisitedMakesTheTransactionRunAgainAndTheRunVisitsEachRowOnce() {
        fill(0, 300);
        AtomicInteger attempts = new AtomicInteger();
        List<String> rows = db.transaction(tx -> {
            boolean first = attempts.incrementAndGet() == 1;
            List<String> out = new ArrayList<>();
            tx.forEach("s", KeyRange.all(), r -> {
                if (first && out.isEmpty()) {
                    // More rows than the table's first map holds: it moves to a larger one.
                    CompletableFuture.runAsync(() -> fill(300, 3000)).join();
                }
                return out.add(r.get("id") + "=" + r.get("v"));
            });
            return out;
        });
        assertThat(attempts).hasValue(2);
        assertThat(rows).hasSize(3000).doesNotHaveDuplicates().contains("0=v0", "2999=v2999");
    }

    @Test
    void aTableDroppedWhileVisitedMakesTheTransactionRunAgainAndFindNoTable() {
        fill(0, 3000);
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> db.transaction(tx -> {
            boolean first = attempts.incrementAndGet() == 1;
            int[] visited = {0};
            tx.forEach("s", KeyRange.all(), r -> {
                if (first && visited[0]++ == 0) {
                    CompletableFuture.runAsync(() -> db.dropTable("s")).join();
                }
                return true;
            });
            return visited[0];
        })).isInstanceOf(UnknownTableException.class);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aLimitOfNoRowsReadsNothingSoAWriteToTheTableDoesNotMakeTheTransactionRunAgain() {
        fill(0, 10);
        AtomicInteger attempts = new AtomicInteger();
        db.transaction(tx -> {
            boolean first = attempts.incrementAndGet() == 1;
            assertThat(visit(tx, KeyRange.all().limit(0))).isEmpty();
            if (first) {
                CompletableFuture.runAsync(() -> fill(10, 20)).join();
            }
            tx.write("s", Row.of(100, "mine"));
            return null;
        });
        assertThat(attempts).hasValue(1);
    }
}
