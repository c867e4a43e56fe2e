package dev.mnemo.benchmarks.engine;

import dev.mnemo.benchmarks.JvmFlags;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.codec.KeyCodec;
import dev.mnemo.engine.table.OffHeapMap;
import net.openhft.chronicle.map.ChronicleMap;
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

import java.util.concurrent.TimeUnit;

/**
 * The store under the engine: a bare Chronicle Map from byte[] to byte[] shaped like an engine table of
 * {@value Accounts#ROWS} accounts (same key encoding, 60-byte stored values, the capacity the engine's growth
 * reaches), with no Mnemo code around it. {@link #get} is Chronicle's plain get, which makes a new array for the
 * value; the engine's dirty read copies the value into a reused buffer instead (Chronicle's getUsing), so it can
 * beat this figure, but not the hash lookup both share. The two puts show what returning the previous value
 * costs, which the engine's applier never uses.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class ChronicleFloorBenchmarks extends JvmFlags {
    static final int STORED_BYTES = 60;
    /** What an engine table of ROWS keys has grown to. */
    static final long CAPACITY = OffHeapMap.capacityHolding(Accounts.ROWS);

    /** Two maps holding the same entries: one built as the engine builds its tables, one with putReturnsNull. */
    @State(Scope.Benchmark)
    public static class Maps {
        ChronicleMap<byte[], byte[]> engineLike;
        ChronicleMap<byte[], byte[]> putReturnsNull;
        final byte[][] keys = new byte[Accounts.ROWS + 1][];
        final byte[] value = new byte[STORED_BYTES];

        @Setup(Level.Trial)
        public void open() {
            engineLike = build(false);
            putReturnsNull = build(true);
            for (int id = 1; id <= Accounts.ROWS; id++) {
                keys[id] = KeyCodec.encode(new ColumnType[] {ColumnType.BIGINT}, new Object[] {(long) id});
                value[0] = (byte) id;
                engineLike.put(keys[id], value.clone());
                putReturnsNull.put(keys[id], value.clone());
            }
        }

        private ChronicleMap<byte[], byte[]> build(boolean returnsNull) {
            return engineLike(returnsNull ? "floor-put-returns-null" : "floor", CAPACITY, returnsNull);
        }

        @TearDown(Level.Trial)
        public void close() {
            engineLike.close();
            putReturnsNull.close();
        }
    }

    /** A map sized and shaped as the engine makes one for a table that has grown to {@code capacity} entries. */
    static ChronicleMap<byte[], byte[]> engineLike(String name, long capacity, boolean putReturnsNull) {
        return ChronicleMap.of(byte[].class, byte[].class)
                .name(name)
                .entries(capacity)
                .averageKeySize(9 * 1.2)
                .averageValueSize(STORED_BYTES * 1.2)
                .maxBloatFactor(2.0)
                .putReturnsNull(putReturnsNull)
                .create();
    }

    /** One get of a random key: the off-heap lookup plus copying the 60-byte value onto the heap. */
    @Benchmark
    public byte[] get(Maps m, KeyStream keys) {
        return m.engineLike.get(m.keys[(int) keys.next()]);
    }

    /** Replacing a random key's value as the engine's OffHeapMap.put does today (put returns the old value). */
    @Benchmark
    public byte[] put(Maps m, KeyStream keys) {
        return m.engineLike.put(m.keys[(int) keys.next()], m.value);
    }

    /** The same replacement on a map built with putReturnsNull(true): the old value is not copied out. */
    @Benchmark
    public byte[] putReturningNull(Maps m, KeyStream keys) {
        return m.putReturnsNull.put(m.keys[(int) keys.next()], m.value);
    }
}
