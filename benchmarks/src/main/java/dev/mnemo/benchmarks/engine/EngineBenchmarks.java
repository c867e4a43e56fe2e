package dev.mnemo.benchmarks.engine;

import dev.mnemo.benchmarks.JvmFlags;
import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoStats;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine's public API as an application calls it, on one member with the in-process commit log: reads,
 * dirty writes and transactions over {@value Accounts#ROWS} preloaded accounts. The targets: a dirty read
 * in at most 0.3 µs and a one-row transaction in at most 3 µs (see docs/BENCHMARKS.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class EngineBenchmarks extends JvmFlags {
    /** Rows a hot-key benchmark spreads its transactions over: few enough that two threads collide. */
    static final int HOT_KEYS = 8;
    static final int TEN = 10;

    /** A database with the accounts in a set table. */
    @State(Scope.Benchmark)
    public static class SetTable {
        Mnemo db;

        @Setup(Level.Trial)
        public void open() {
            db = Mnemo.inMemory();
            Accounts.load(db, Accounts.SET, TableKind.SET);
        }

        @TearDown(Level.Trial)
        public void close() {
            MnemoStats s = db.stats();
            // Printed into the JMH log: how many commits conflicted and were re-run (group commit and OCC at work).
            System.out.println("\n[stats] " + s);
            db.close();
        }
    }

    /** A database with the accounts in an ordered_set table. */
    @State(Scope.Benchmark)
    public static class OrderedTable {
        Mnemo db;

        @Setup(Level.Trial)
        public void open() {
            db = Mnemo.inMemory();
            Accounts.load(db, Accounts.ORDERED, TableKind.ORDERED_SET);
        }

        @TearDown(Level.Trial)
        public void close() {
            db.close();
        }
    }

    @Benchmark
    public Row dirtyRead(SetTable s, KeyStream keys) {
        return s.db.dirtyRead(Accounts.SET, keys.next());
    }

    /**
     * The same read with the table named as the catalog stores it (upper case): the difference to
     * {@link #dirtyRead} is what normalising the table name on every call costs.
     */
    @Benchmark
    public Row dirtyReadUpperCaseName(SetTable s, KeyStream keys) {
        return s.db.dirtyRead("ACCOUNT", keys.next());
    }

    /** A read-only transaction reading one row: validated locally, never touches the commit log. */
    @Benchmark
    public Row transactionalRead(SetTable s, KeyStream keys) {
        long id = keys.next();
        return s.db.transaction(tx -> tx.read(Accounts.SET, id));
    }

    /** Mnesia's dirty_write: an update of an existing row through the commit log, without a read set. */
    @Benchmark
    public void dirtyWrite(SetTable s, KeyStream keys) {
        long id = keys.next();
        s.db.dirtyWrite(Accounts.SET, Row.of(id, id, Accounts.name(id)));
    }

    /** A one-row read-modify-write transaction: read a balance, write it back plus one. */
    @Benchmark
    public Row rmwTransaction(SetTable s, KeyStream keys) {
        return readModifyWrite(s.db, keys.next());
    }

    /** As {@link #rmwTransaction} from two threads on random keys: group commit, conflicts are rare. */
    @Benchmark
    @Threads(2)
    public Row rmwTransaction2Threads(SetTable s, KeyStream keys) {
        return readModifyWrite(s.db, keys.next());
    }

    /** As {@link #rmwTransaction} from two threads on {@value #HOT_KEYS} hot rows: conflicts and re-runs. */
    @Benchmark
    @Threads(2)
    public Row rmwTransactionHotKeys2Threads(SetTable s, KeyStream keys) {
        return readModifyWrite(s.db, 1 + keys.below(HOT_KEYS));
    }

    private static Row readModifyWrite(Mnemo db, long id) {
        return db.transaction(tx -> {
            Row r = tx.read(Accounts.SET, id);
            tx.write(Accounts.SET, r.with("balance", r.getLong("balance") + 1));
            return r;
        });
    }

    /** Reads ten random rows and writes each back changed, in one transaction. */
    @Benchmark
    public void tenRowTransaction(SetTable s, KeyStream keys, Blackhole bh) {
        long[] ids = new long[TEN];
        for (int i = 0; i < TEN; i++) {
            ids[i] = keys.next();
        }
        s.db.transaction(tx -> {
            for (long id : ids) {
                Row r = tx.read(Accounts.SET, id);
                tx.write(Accounts.SET, r.with("balance", r.getLong("balance") + 1));
                bh.consume(r);
            }
            return null;
        });
    }

    /** Ten consecutive rows of an ordered_set from a random start, in a read-only transaction. */
    @Benchmark
    public List<Row> orderedRangeScan10(OrderedTable s, KeyStream keys) {
        long from = 1 + keys.below(Accounts.ROWS - TEN);
        return s.db.transaction(tx -> tx.select(Accounts.ORDERED, KeyRange.all().from(true, from).limit(TEN)));
    }
}
