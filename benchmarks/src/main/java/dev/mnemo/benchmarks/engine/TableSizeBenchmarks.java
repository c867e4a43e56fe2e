package dev.mnemo.benchmarks.engine;

import dev.mnemo.benchmarks.JvmFlags;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.codec.KeyCodec;
import dev.mnemo.engine.table.OffHeapMap;
import net.openhft.chronicle.map.ChronicleMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The dirty read of a random key as its table grows from one that fits the CPU's caches to one that does not,
 * beside a bare Chronicle get on a map of the same size and shape: how much of the read is Mnemo's code and how
 * much is memory. Keys are uniform over the whole table, the worst case for the caches.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class TableSizeBenchmarks extends JvmFlags {
    /** A set table of {@code rows} accounts, and a bare map holding as many entries. */
    @State(Scope.Benchmark)
    public static class Sized {
        @Param({"1000", "10000", "100000", "1000000"})
        int rows;

        Mnemo db;
        ChronicleMap<byte[], byte[]> bare;
        byte[][] keys;

        @Setup(Level.Trial)
        public void open() {
            db = Mnemo.inMemory();
            Accounts.load(db, Accounts.SET, TableKind.SET, rows);
            bare = ChronicleFloorBenchmarks.engineLike("floor-" + rows, OffHeapMap.capacityHolding(rows), false);
            keys = new byte[rows + 1][];
            byte[] value = new byte[ChronicleFloorBenchmarks.STORED_BYTES];
            for (int id = 1; id <= rows; id++) {
                keys[id] = KeyCodec.encode(new ColumnType[] {ColumnType.BIGINT}, new Object[] {(long) id});
                value[0] = (byte) id;
                bare.put(keys[id], value.clone());
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            bare.close();
            db.close();
        }
    }

    @Benchmark
    public Row dirtyRead(Sized s, KeyStream keys) {
        return s.db.dirtyRead(Accounts.SET, 1 + keys.below(s.rows));
    }

    @Benchmark
    public byte[] bareGet(Sized s, KeyStream keys) {
        return s.bare.get(s.keys[1 + (int) keys.below(s.rows)]);
    }
}
