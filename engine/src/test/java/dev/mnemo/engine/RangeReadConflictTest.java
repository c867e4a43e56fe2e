package dev.mnemo.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A walk over an ordered_set's keys depends on the part of the table it covered, not on the whole table: a commit
 * elsewhere leaves it valid; a row added, changed or removed where it walked makes it conflict.
 */
class RangeReadConflictTest {
    /** The key of the row each writing transaction adds: below every key the tests walk. */
    private static final int MINE = 1;
    private Mnemo db;

    @BeforeEach
    void open() {
        db = Mnemo.inMemory();
        db.createTable(TableDef.named("o").column("id", ColumnType.INTEGER).column("v", ColumnType.varchar(10))
                .primaryKey("id").kind(TableKind.ORDERED_SET));
        db.transaction(tx -> {
            for (int id = 10; id <= 30; id += 2) {
                tx.write("o", Row.of(id, "v" + id));
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Walks with {@code read}, writes a row of its own, lets {@code meanwhile} commit, then commits. */
    private void walkThenCommit(Consumer<Transaction> read, Runnable meanwhile) {
        ExplicitTransaction tx = db.begin();
        read.accept(tx);
        tx.write("o", Row.of(MINE, "mine"));
        meanwhile.run();
        tx.commit();
    }

    private void walkThenCommitReadOnly(Consumer<Transaction> read, Runnable meanwhile) {
        ExplicitTransaction tx = db.begin();
        read.accept(tx);
        meanwhile.run();
        tx.commit();
    }

    private static Consumer<Transaction> between(int from, int to) {
        return tx -> assertThat(tx.select("o", KeyRange.all().from(true, from).to(true, to))).isNotEmpty();
    }

    private Runnable put(int id) {
        return () -> db.dirtyWrite("o", Row.of(id, "new"));
    }

    private Runnable delete(int id) {
        return () -> db.dirtyDelete("o", id);
    }

    @Test
    void aCommitOutsideTheWalkedRangeLeavesTheTransactionValid() {
        walkThenCommit(between(12, 18), put(40));
        walkThenCommit(between(12, 18), put(11));
        walkThenCommit(between(12, 18), put(19));
        walkThenCommit(between(12, 18), delete(20));
        walkThenCommit(between(12, 18), delete(10));
        assertThat(db.dirtyRead("o", MINE).getString("v")).isEqualTo("mine");
        assertThat(db.dirtyRead("o", 11)).isNotNull();
    }

    @Test
    void aRowAddedChangedOrRemovedInTheWalkedRangeMakesItConflict() {
        for (Runnable change : List.of(put(13), put(12), put(18), delete(14), delete(12), delete(18))) {
            db.dirtyDelete("o", MINE);
            assertThatThrownBy(() -> walkThenCommit(between(12, 18), change))
                    .isInstanceOf(TransactionConflictException.class);
            assertThat(db.dirtyRead("o", MINE)).isNull();
            db.dirtyWrite("o", Row.of(12, "v12"));
            db.dirtyWrite("o", Row.of(14, "v14"));
            db.dirtyWrite("o", Row.of(18, "v18"));
            db.dirtyDelete("o", 13);
        }
    }

    @Test
    void exclusiveBoundsLeaveTheirEndKeysOutOfTheRange() {
        Consumer<Transaction> open = tx -> tx.select("o", KeyRange.all().from(false, 12).to(false, 18));
        walkThenCommit(open, put(12));
        walkThenCommit(open, put(18));
        assertThatThrownBy(() -> walkThenCommit(open, put(17))).isInstanceOf(TransactionConflictException.class);
    }

    @Test
    void aLimitedWalkCoversTheKeysUpToTheLastItVisited() {
        Consumer<Transaction> firstThree = tx -> assertThat(tx.select("o", KeyRange.all().from(true, 10).limit(3)))
                .extracting(r -> r.get("id")).containsExactly(10, 12, 14);
        walkThenCommit(firstThree, put(15));
        walkThenCommit(firstThree, put(9));
        assertThatThrownBy(() -> walkThenCommit(firstThree, put(13)))
                .isInstanceOf(TransactionConflictException.class);
        delete(13).run();
        assertThatThrownBy(() -> walkThenCommit(firstThree, delete(14)))
                .isInstanceOf(TransactionConflictException.class);
    }

    @Test
    void aDescendingWalkCoversFromItsStartDownToTheLastKeyVisited() {
        Consumer<Transaction> topTwo = tx -> assertThat(tx.select("o", KeyRange.all().descending().limit(2)))
                .extracting(r -> r.get("id")).containsExactly(30, 28);
        walkThenCommit(topTwo, put(27));
        assertThatThrownBy(() -> walkThenCommit(topTwo, put(29))).isInstanceOf(TransactionConflictException.class);
        delete(29).run();
        // Open above: a new highest key is one the walk would have seen first.
        assertThatThrownBy(() -> walkThenCommit(topTwo, put(31))).isInstanceOf(TransactionConflictException.class);
    }

    @Test
    void aVisitorThatStopsEndsTheRangeWhereItStopped() {
        Consumer<Transaction> untilTwenty = tx -> tx.forEach("o", KeyRange.all(), r -> r.getInt("id") < 20);
        walkThenCommit(untilTwenty, put(21));
        assertThatThrownBy(() -> walkThenCommit(untilTwenty, put(19)))
                .isInstanceOf(TransactionConflictException.class);
    }

    /**
     * A walk that writes {@code own} first, then walks {@code [from, to]} until its visitor throws at that row, and
     * goes on (the exception caught) having seen {@code seen}: the stored rows before its own.
     */
    private static Consumer<Transaction> throwingAtOwnRow(int from, int to, int own, Integer... seen) {
        return tx -> {
            tx.write("o", Row.of(own, "own"));
            List<Integer> visited = new ArrayList<>();
            assertThatThrownBy(() -> tx.forEach("o", KeyRange.all().from(true, from).to(true, to), r -> {
                if (r.getInt("id") == own) {
                    throw new IllegalStateException("stop at " + own);
                }
                return visited.add(r.getInt("id"));
            })).isInstanceOf(IllegalStateException.class);
            assertThat(visited).containsExactly(seen);
        };
    }

    @Test
    void aVisitorThatThrowsAtAnOwnRowPastTheStoredOnesStillCoversTheKeysBefore() {
        // The walk of the stored keys ran to the end of the range; the visitor threw on an own row after it.
        assertThatThrownBy(() -> walkThenCommit(throwingAtOwnRow(26, 40, 39, 26, 28, 30), put(35)))
                .isInstanceOf(TransactionConflictException.class);
        // No stored key in the range at all: the walk still saw that none came before its own row.
        assertThatThrownBy(() -> walkThenCommit(throwingAtOwnRow(41, 60, 50), put(45)))
                .isInstanceOf(TransactionConflictException.class);
    }

    @Test
    void anEmptyRangeStillDependsOnStayingEmpty() {
        Consumer<Transaction> none = tx -> assertThat(tx.select("o", KeyRange.all().from(true, 31).to(true, 39)))
                .isEmpty();
        walkThenCommit(none, put(40));
        assertThatThrownBy(() -> walkThenCommit(none, put(35))).isInstanceOf(TransactionConflictException.class);
    }

    @Test
    void readOnlyTransactionsCheckTheirRangesAlike() {
        walkThenCommitReadOnly(between(12, 18), put(40));
        assertThatThrownBy(() -> walkThenCommitReadOnly(between(12, 18), put(15)))
                .isInstanceOf(TransactionConflictException.class);
    }

    @Test
    void aTransactionsOwnWritesInTheRangeDoNotMakeItConflict() {
        ExplicitTransaction tx = db.begin();
        tx.insert("o", Row.of(15, "mine"));
        assertThat(tx.select("o", KeyRange.all().from(true, 12).to(true, 18))).extracting(r -> r.get("id"))
                .containsExactly(12, 14, 15, 16, 18);
        tx.delete("o", 16);
        db.dirtyWrite("o", Row.of(50, "other"));
        tx.commit();
        assertThat(db.dirtyRead("o", 15)).isNotNull();
        assertThat(db.dirtyRead("o", 16)).isNull();
    }

    @Test
    void walksThatSawManyRowsDependOnTheWholeTable() {
        db.transaction(tx -> {
            for (int id = 100; id < 100 + WALK_COST_MAX; id++) {
                tx.write("o", Row.of(id, "bulk"));
            }
            return null;
        });
        Consumer<Transaction> many = tx -> tx.select("o", KeyRange.all().from(true, 100));
        assertThatThrownBy(() -> walkThenCommit(many, put(5))).isInstanceOf(TransactionConflictException.class);
        // So do many small walks of one table together.
        Consumer<Transaction> manySmall = tx -> {
            for (int i = 0; i < WALK_COST_MAX; i++) {
                tx.select("o", KeyRange.all().from(true, 10).to(true, 10));
            }
        };
        assertThatThrownBy(() -> walkThenCommit(manySmall, put(5))).isInstanceOf(TransactionConflictException.class);
        // A few small walks stay ranges.
        walkThenCommit(tx -> {
            tx.select("o", KeyRange.all().from(true, 10).to(true, 10));
            tx.select("o", KeyRange.all().from(true, 20).to(true, 22));
        }, put(5));
    }

    /** The walks a transaction may check one by one before its table counts as read whole (as the engine sets it). */
    private static final int WALK_COST_MAX = 64;

    @Test
    void readLockTableDependsOnEveryRowAndTheSchema() {
        assertThatThrownBy(() -> walkThenCommit(tx -> tx.readLockTable("o"), put(500)))
                .isInstanceOf(TransactionConflictException.class);
        assertThatThrownBy(() -> walkThenCommit(tx -> tx.readLockTable("o"),
                () -> db.addColumn("o", ColumnDef.of("extra", ColumnType.INTEGER))))
                .isInstanceOf(TransactionConflictException.class);
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.readLockTable("nope");
            return null;
        })).isInstanceOf(UnknownTableException.class);
    }

    /**
     * Write skew through a range: every transaction counts the rows in [0, 100) and adds one only while fewer than
     * ten are there, while other threads keep writing outside that range. Serializable transactions never let the
     * count pass ten.
     */
    @Test
    void concurrentTransactionsNeverPassALimitCheckedOverARange() throws Exception {
        db.createTable(TableDef.named("slots").column("id", ColumnType.INTEGER).primaryKey("id")
                .kind(TableKind.ORDERED_SET));
        int limit = 10;
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                tasks.add(pool.submit(() -> {
                    while (!stop.get()) {
                        db.dirtyWrite("slots", Row.of(1000 + ThreadLocalRandom.current().nextInt(100_000)));
                    }
                }));
            }
            for (int w = 0; w < 4; w++) {
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        db.transaction(tx -> {
                            int n = tx.select("slots", KeyRange.all().from(true, 0).to(false, 100)).size();
                            if (n < limit) {
                                tx.write("slots", Row.of(ThreadLocalRandom.current().nextInt(100)));
                            }
                            return n;
                        });
                    }
                }));
            }
            for (int i = 2; i < tasks.size(); i++) {
                tasks.get(i).get(60, TimeUnit.SECONDS);
            }
            stop.set(true);
            tasks.get(0).get(10, TimeUnit.SECONDS);
            tasks.get(1).get(10, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        int inRange = db.transaction(tx -> tx.select("slots", KeyRange.all().from(true, 0).to(false, 100)).size());
        assertThat(inRange).isEqualTo(limit);
    }
}
