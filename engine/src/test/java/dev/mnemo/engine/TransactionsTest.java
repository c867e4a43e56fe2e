package dev.mnemo.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Transactions: read-your-writes, all-or-nothing on every kind of failure, and re-runs on conflict. */
class TransactionsTest {
    private Mnemo db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private void open(MnemoConfig config) {
        db = Mnemo.open(config);
        db.createTable(TableDef.named("acct")
                .column("id", ColumnType.INTEGER)
                .column("owner", ColumnType.varchar(10))
                .column("balance", ColumnType.BIGINT).notNull().defaultValue(0L)
                .primaryKey("id").kind(TableKind.ORDERED_SET)
                .index(IndexDef.hash("by_owner", "owner"))
                .index(IndexDef.ordered("by_balance", "balance")));
        db.transaction(tx -> {
            tx.insert("acct", Row.of(1, "ann", 100L));
            tx.insert("acct", Row.of(2, "bob", 200L));
            tx.insert("acct", Row.of(3, "ann", 300L));
            return null;
        });
    }

    private void open() {
        open(MnemoConfig.builder().build());
    }

    private List<Row> all() {
        return db.transaction(tx -> tx.select("acct", KeyRange.all()));
    }

    private static List<Integer> ids(List<Row> rows) {
        return rows.stream().map(r -> r.getInt("id")).toList();
    }

    @Test
    void aTransactionMayRunInsideOneOfAnotherDatabaseButNotOfItsOwn() {
        open();
        try (Mnemo other = Mnemo.inMemory()) {
            other.createTable(TableDef.named("log").column("id", ColumnType.INTEGER).primaryKey("id"));
            long balance = db.transaction(tx -> {
                other.transaction(inner -> {
                    inner.insert("log", Row.of(1));
                    return null;
                });
                return tx.read("acct", 1).getLong("balance");
            });
            assertThat(balance).isEqualTo(100L);
            assertThat(other.dirtyRead("log", 1)).isNotNull();
            assertThatThrownBy(() -> db.transaction(tx -> db.transaction(inner -> inner.read("acct", 1))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("same database");
        }
    }

    @Test
    void readsSeeTheTransactionsOwnWrites() {
        open();
        db.transaction(tx -> {
            tx.write("acct", Row.of(4, "cat", 50L));
            tx.write("acct", tx.read("acct", 1).with("balance", 150L));
            assertThat(tx.delete("acct", 2)).isTrue();
            assertThat(tx.read("acct", 4).getLong("balance")).isEqualTo(50L);
            assertThat(tx.read("acct", 1).getLong("balance")).isEqualTo(150L);
            assertThat(tx.read("acct", 2)).isNull();
            assertThat(tx.readAll("acct", 2)).isEmpty();
            assertThat(tx.delete("acct", 2)).as("already deleted here").isFalse();
            return null;
        });
    }

    @Test
    void scansMergeTheTransactionsOwnWritesInKeyOrder() {
        open();
        db.transaction(tx -> {
            tx.write("acct", Row.of(0, "zed", 1L));
            tx.write("acct", Row.of(5, "eve", 2L));
            tx.delete("acct", 2);
            tx.write("acct", Row.of(3, "ann", 333L));
            assertThat(ids(tx.select("acct", KeyRange.all()))).containsExactly(0, 1, 3, 5);
            assertThat(ids(tx.select("acct", KeyRange.all().descending()))).containsExactly(5, 3, 1, 0);
            assertThat(ids(tx.select("acct", KeyRange.all().from(false, 0).to(true, 3)))).containsExactly(1, 3);
            assertThat(ids(tx.select("acct", KeyRange.all().descending().limit(2)))).containsExactly(5, 3);
            assertThat(tx.select("acct", KeyRange.prefix(3)).get(0).getLong("balance")).isEqualTo(333L);
            return null;
        });
        assertThat(ids(all())).containsExactly(0, 1, 3, 5);
    }

    @Test
    void indexReadsSeeTheTransactionsOwnWrites() {
        open();
        db.transaction(tx -> {
            tx.write("acct", Row.of(4, "ann", 250L));
            tx.write("acct", Row.of(1, "bob", 100L));
            assertThat(ids(tx.indexRead("acct", "by_owner", "ann"))).containsExactlyInAnyOrder(3, 4);
            assertThat(ids(tx.indexRead("acct", "by_owner", "bob"))).containsExactlyInAnyOrder(1, 2);
            assertThat(ids(tx.indexRange("acct", "by_balance", KeyRange.all().from(true, 150L))))
                    .containsExactly(2, 4, 3);
            assertThat(ids(tx.indexRange("acct", "by_balance", KeyRange.all().descending().limit(2))))
                    .containsExactly(3, 4);
            tx.delete("acct", 3);
            assertThat(ids(tx.indexRead("acct", "by_balance", 300L))).isEmpty();
            return null;
        });
    }

    @Test
    void abortThrowsAndAppliesNothing() {
        open();
        List<Row> before = all();
        long version = db.version();
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.write("acct", Row.of(9, "x", 1L));
            tx.delete("acct", 1);
            tx.abort("changed my mind");
            return null;
        })).isInstanceOf(TransactionAbortedException.class).hasMessageContaining("changed my mind")
                .satisfies(e -> assertThat(((MnemoException) e).sqlState()).isEqualTo("40000"));
        assertThat(all()).isEqualTo(before);
        assertThat(db.version()).isEqualTo(version);
        assertThat(db.stats().aborts()).isEqualTo(1);
    }

    @Test
    void aUserExceptionRollsBackAndPropagatesAsItIs() {
        open();
        List<Row> before = all();
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> db.transaction(tx -> {
            runs.incrementAndGet();
            tx.write("acct", Row.of(1, "ann", 0L));
            throw boom;
        })).isSameAs(boom);
        assertThat(runs).hasValue(1);
        assertThat(all()).isEqualTo(before);
    }

    @Test
    void aDuplicateKeyInTheSecondWriteLeavesTheFirstUnapplied() {
        open();
        List<Row> before = all();
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.write("acct", Row.of(7, "new", 70L));
            tx.insert("acct", Row.of(2, "dup", 0L));
            return null;
        })).isInstanceOf(DuplicateKeyException.class);
        assertThat(all()).isEqualTo(before);
    }

    @Test
    void aDuplicateFoundOnlyAtCommitLeavesEveryWriteUnapplied() {
        open();
        db.dirtyWrite("acct", Row.of(3, "cid", 300L));
        db.createIndex("acct", IndexDef.hash("u_owner", "owner").unique(), false);
        List<Row> before = all();
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.write("acct", Row.of(1, "zoe", 1L));
            tx.write("acct", Row.of(8, "new", 80L));
            tx.write("acct", Row.of(9, "new", 90L)); // two new keys claim one unique value
            return null;
        })).isInstanceOf(DuplicateKeyException.class);
        assertThat(all()).isEqualTo(before);
    }

    @Test
    void aTypeErrorInALaterWriteRollsBackTheEarlierOnes() {
        open();
        List<Row> before = all();
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.write("acct", Row.of(4, "ok", 1L));
            tx.write("acct", Row.of(5, "waytoolongname", 1L));
            return null;
        })).isInstanceOf(ValueTooLargeException.class);
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.write("acct", Row.of(4, "ok", 1L));
            tx.write("acct", Row.of(5, "x", "lots"));
            return null;
        })).isInstanceOf(TypeMismatchException.class);
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.write("acct", Row.of(4, "ok", 1L));
            tx.write("acct", Row.of(5, "x", null));
            return null;
        })).isInstanceOf(NotNullViolationException.class)
                .satisfies(e -> assertThat(((MnemoException) e).sqlState()).isEqualTo("23502"));
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.write("acct", Row.of(4, "ok", 1L));
            tx.write("acct", Row.of(5, "x"));
            return null;
        })).isInstanceOf(TypeMismatchException.class);
        assertThat(all()).isEqualTo(before);
    }

    @Test
    void aNullKeyIsANotNullViolation() {
        open();
        assertThatThrownBy(() -> db.dirtyWrite("acct", Row.of(null, "x", 1L)))
                .isInstanceOf(NotNullViolationException.class);
        assertThatThrownBy(() -> db.transaction(tx -> tx.read("acct", (Object) null)))
                .isInstanceOf(NotNullViolationException.class);
    }

    @Test
    void aConflictReRunsTheFunctionOnTheNewState() {
        open();
        AtomicInteger runs = new AtomicInteger();
        long result = db.transaction(tx -> {
            long balance = tx.read("acct", 1).getLong("balance");
            if (runs.incrementAndGet() == 1) {
                db.dirtyWrite("acct", Row.of(1, "ann", 1000L)); // a concurrent writer, between read and commit
            }
            tx.write("acct", Row.of(1, "ann", balance + 1));
            return balance + 1;
        });
        assertThat(runs).hasValue(2);
        assertThat(result).isEqualTo(1001L);
        assertThat(db.dirtyRead("acct", 1).getLong("balance")).isEqualTo(1001L);
        assertThat(db.stats().conflicts()).isEqualTo(1);
    }

    @Test
    void aScanConflictsWithAnyLaterChangeToItsTable() {
        open();
        AtomicInteger runs = new AtomicInteger();
        long total = db.transaction(tx -> {
            long sum = tx.select("acct", KeyRange.all()).stream().mapToLong(r -> r.getLong("balance")).sum();
            if (runs.incrementAndGet() == 1) {
                db.dirtyWrite("acct", Row.of(4, "dan", 1L));
            }
            tx.write("acct", Row.of(100, "total", sum));
            return sum;
        });
        assertThat(runs).hasValue(2);
        assertThat(total).isEqualTo(601L);
    }

    @Test
    void aReadOnlyTransactionThatConflictsIsReRunToo() {
        open();
        AtomicInteger runs = new AtomicInteger();
        long balance = db.transaction(tx -> {
            long b = tx.read("acct", 2).getLong("balance");
            if (runs.incrementAndGet() == 1) {
                db.dirtyWrite("acct", Row.of(2, "bob", 222L));
            }
            return b;
        });
        assertThat(runs).hasValue(2);
        assertThat(balance).isEqualTo(222L);
        assertThat(db.stats().readOnlyCommits()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void retriesExhaustedSurfaceAsAConflictAndApplyNothing() {
        open(MnemoConfig.builder().retriesMax(2).backoff(Duration.ZERO, Duration.ZERO).build());
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> db.transaction(tx -> {
            int n = runs.incrementAndGet();
            tx.read("acct", 1);
            db.dirtyWrite("acct", Row.of(1, "ann", (long) n)); // always someone faster
            tx.write("acct", Row.of(50, "mine", 1L));
            return null;
        })).isInstanceOf(TransactionConflictException.class)
                .satisfies(e -> assertThat(((MnemoException) e).sqlState()).isEqualTo("40001"));
        assertThat(runs).hasValue(3);
        assertThat(db.dirtyRead("acct", 50)).isNull();
        MnemoStats stats = db.stats();
        assertThat(stats.conflicts()).isEqualTo(3);
        assertThat(stats.retriesExhausted()).isEqualTo(1);
    }

    @Test
    void zeroRetriesMeansOneRun() {
        open(MnemoConfig.builder().retriesMax(0).build());
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> db.transaction(tx -> {
            runs.incrementAndGet();
            tx.read("acct", 1);
            db.dirtyWrite("acct", Row.of(1, "ann", 5L));
            tx.write("acct", Row.of(1, "ann", 6L));
            return null;
        })).isInstanceOf(TransactionConflictException.class);
        assertThat(runs).hasValue(1);
        assertThat(db.dirtyRead("acct", 1).getLong("balance")).isEqualTo(5L);
    }

    @Test
    void aTransactionCannotNestInAnotherOnTheSameThread() {
        open();
        assertThatThrownBy(() -> db.transaction(tx -> db.transaction(inner -> inner.read("acct", 1))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(db.<Long>transaction(tx -> tx.read("acct", 1).getLong("balance"))).isEqualTo(100L);
    }

    @Test
    void readOnlyTransactionsDoNotAdvanceTheVersion() {
        open();
        long version = db.version();
        db.transaction(tx -> tx.select("acct", KeyRange.all()));
        db.transaction(tx -> tx.read("acct", 99));
        assertThat(db.version()).isEqualTo(version);
        db.transaction(tx -> {
            tx.write("acct", Row.of(1, "ann", 1L));
            tx.write("acct", Row.of(2, "bob", 2L));
            return null;
        });
        assertThat(db.version()).as("one commit, one version").isEqualTo(version + 1);
        assertThat(db.dirtyRead("acct", 1).getLong("balance")).isEqualTo(1L);
    }

    @Test
    void newRowStartsFromTheColumnDefaults() {
        open();
        Row r = db.transaction(tx -> tx.newRow("acct"));
        assertThat(r.values()).containsExactly(null, null, 0L);
        db.transaction(tx -> {
            tx.insert("acct", tx.newRow("acct").with("id", 42).with("owner", "new"));
            return null;
        });
        assertThat(db.dirtyRead("acct", 42).getLong("balance")).isZero();
    }

    @Test
    void aClosedDatabaseRefusesWork() {
        open();
        db.close();
        assertThatThrownBy(() -> db.transaction(tx -> null)).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(() -> db.dirtyRead("acct", 1)).isInstanceOf(DatabaseClosedException.class);
        db.close();
    }
}
