package dev.mnemo.engine;

import dev.mnemo.engine.RangeReadPropertyTest.Walk;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever index lookups and ranges a transaction reads (at once, or in pieces it stops reading early), with or
 * without writes of its own to the table first, and whatever other transactions commit to the table meanwhile
 * (rows added, removed, changed, moved to other indexed values), if it commits, each read gives at its commit what
 * it gave when it ran: the serializable promise, checked by reading again.
 */
class IndexReadPropertyTest {
    private static final AtomicInteger COMMITTED_DESPITE_CHANGES = new AtomicInteger();
    private static final int ID_MAX = 15;
    /** Values of the indexed column {@code g}: 0 to this. */
    private static final int G_MAX = 10;
    /** Values of the uniquely indexed column {@code c}: 100 to 100 + this. */
    private static final int C_SPAN = 20;

    /**
     * One read: a range of the ordered index {@code by_g} (given in {@code pieces} pieces of {@code pieceRows} rows,
     * then left unread; 0 pieces: read at once), a lookup of {@code value} in the hash index {@code h_g}, or in the
     * unique hash index {@code u_c}.
     */
    record Read(String index, Walk walk, int value, int pieces, int pieceRows) {
        List<String> run(Transaction tx) {
            List<String> out = new ArrayList<>();
            if (walk == null) {
                tx.indexRead("t", index, value).forEach(r -> out.add(text(r)));
            } else if (pieces == 0) {
                tx.indexRange("t", index, walk.range()).forEach(r -> out.add(text(r)));
            } else {
                IndexScan scan = tx.indexScan("t", index, walk.range());
                for (int p = 0; p < pieces && scan.readPiece(pieceRows, r -> out.add(text(r))); p++) {
                    out.add("|");
                }
            }
            return out;
        }
    }

    /** A row written (by the transaction, or by another one meanwhile) or deleted. */
    record Change(int id, boolean delete, int g, int c) {
        void apply(Transaction tx) {
            if (delete) {
                tx.delete("t", id);
            } else {
                tx.write("t", Row.of(id, g, c));
            }
        }
    }

    private static String text(Row r) {
        return r.get("id") + ":" + r.get("g") + ":" + r.get("c");
    }

    @Provide
    Arbitrary<List<Read>> reads() {
        Arbitrary<Read> range = Combinators.combine(RangeReadPropertyTest.walk(G_MAX),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 3))
                .as((w, p, n) -> new Read("by_g", w, 0, p, n));
        Arbitrary<Read> hash = Arbitraries.integers().between(0, G_MAX).map(v -> new Read("h_g", null, v, 0, 0));
        Arbitrary<Read> unique = Arbitraries.integers().between(100, 100 + C_SPAN)
                .map(v -> new Read("u_c", null, v, 0, 0));
        return Arbitraries.oneOf(range, range, range, hash, unique).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Change>> changes() {
        return Combinators.combine(Arbitraries.integers().between(0, ID_MAX), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, G_MAX), Arbitraries.integers().between(100, 100 + C_SPAN))
                .as(Change::new).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<Map<Integer, Integer>> initial() {
        return Arbitraries.maps(Arbitraries.integers().between(0, ID_MAX), Arbitraries.integers().between(0, G_MAX))
                .ofMaxSize(ID_MAX);
    }

    /** The kinds with one row per key, which a unique index suits. */
    @Provide
    Arbitrary<TableKind> kinds() {
        return Arbitraries.of(TableKind.SET, TableKind.ORDERED_SET);
    }

    @Property(tries = 400)
    void aCommittedTransactionsIndexReadsStillGiveWhatTheyGave(@ForAll("initial") Map<Integer, Integer> initial,
                                                               @ForAll("changes") List<Change> own,
                                                               @ForAll("reads") List<Read> reads,
                                                               @ForAll("changes") List<Change> changes,
                                                               @ForAll("kinds") TableKind kind,
                                                               @ForAll boolean readOnly) {
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("t").column("id", ColumnType.INTEGER).column("g", ColumnType.INTEGER)
                    .column("c", ColumnType.INTEGER).primaryKey("id").kind(kind)
                    .index(IndexDef.ordered("by_g", "g")).index(IndexDef.hash("h_g", "g"))
                    .index(IndexDef.hash("u_c", "c").unique()));
            db.createTable(TableDef.named("out").column("id", ColumnType.INTEGER).primaryKey("id"));
            db.transaction(tx -> {
                initial.forEach((id, g) -> tx.write("t", Row.of(id, g, 100 + id)));
                return null;
            });
            ExplicitTransaction tx = db.begin();
            for (Change c : own) {
                ignoringDuplicates(() -> c.apply(tx));
            }
            List<List<String>> saw = new ArrayList<>();
            for (Read r : reads) {
                saw.add(r.run(tx));
            }
            if (!readOnly) {
                tx.write("out", Row.of(1));
            }
            for (Change c : changes) {
                ignoringDuplicates(() -> db.transaction(other -> {
                    c.apply(other);
                    return null;
                }));
            }
            try {
                tx.commit();
            } catch (TransactionConflictException | DuplicateKeyException e) {
                return;
            }
            if (!changes.isEmpty()) {
                COMMITTED_DESPITE_CHANGES.incrementAndGet();
            }
            List<List<String>> now = db.transaction(t -> {
                List<List<String>> out = new ArrayList<>();
                for (Read r : reads) {
                    out.add(r.run(t));
                }
                return out;
            });
            assertThat(now).as("reads %s after %s", reads, changes).isEqualTo(saw);
        }
    }

    private static void ignoringDuplicates(Runnable write) {
        try {
            write.run();
        } catch (DuplicateKeyException e) {
            // a value of the unique column taken already: the write is not made
        }
    }

    @AfterContainer
    static void someCommittedWhileOthersWrote() {
        // Otherwise the property holds only because every transaction that saw a change conflicted.
        assertThat(COMMITTED_DESPITE_CHANGES.get()).isPositive();
    }
}
