package dev.mnemo.benchmarks.engine;

import dev.mnemo.benchmarks.JvmFlags;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.codec.ByteSink;
import dev.mnemo.engine.codec.RowCodec;
import dev.mnemo.engine.core.Engine;
import dev.mnemo.engine.table.StoredValue;
import dev.mnemo.engine.table.Table;
import dev.mnemo.engine.txn.Applier;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.Outcome;
import dev.mnemo.engine.txn.ReadItem;
import dev.mnemo.engine.txn.RecordCodec;
import dev.mnemo.engine.txn.WriteOp;
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

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The pieces of the commit path and of a dirty read, each alone, so the end-to-end numbers of
 * {@link EngineBenchmarks} can be taken apart: encode and decode a one-row commit record, validate a one-row read
 * set, apply a one-row record through the state machine, the same through the local commit log (sequence +
 * validate + apply), and a dirty read's three steps (encode the key, fetch from Chronicle Map, decode the row).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class CommitPathBenchmarks extends JvmFlags {
    /**
     * Prebuilt inputs are cycled through this many random keys (a power of two): enough that, as in the end-to-end
     * benchmarks, the rows touched do not stay in the CPU caches.
     */
    static final int SAMPLES = 1 << 16;
    /** Coprime to Accounts.ROWS, so sample i's read-modify-write row, 1 + i * stride mod ROWS, is its own. */
    private static final long RMW_STRIDE = 7919;

    /**
     * The accounts in a set table and {@value #SAMPLES} prebuilt one-row records. Each record reads a key in the
     * lower half of the ids (at the version it has, so validation passes) and writes a key in the upper half:
     * nothing else those records do writes the lower half, so each stays valid however often it is applied. The
     * read-modify-write samples use rows of their own all over the table and carry their versions forward; each
     * benchmark method gets a state of its own, so the two kinds never meet.
     */
    @State(Scope.Benchmark)
    public static class Records {
        Mnemo db;
        Engine engine;
        Table table;
        Applier applier;
        final byte[][] keys = new byte[SAMPLES][];
        final Object[][] keyValues = new Object[SAMPLES][];
        final byte[][] stored = new byte[SAMPLES][];
        final CommitRecord[] records = new CommitRecord[SAMPLES];
        final List<ReadItem>[] readSets = newListArray();
        final byte[][] encoded = new byte[SAMPLES][];
        final Outcome[] outcomes = new Outcome[1];
        /** Per sample, a row of its own (anywhere in 1..ROWS) that a read-modify-write record reads and writes. */
        final byte[][] rmwKeys = new byte[SAMPLES][];
        final List<WriteOp>[] rmwWrites = newListArray();
        /** The version each rmw key was last written at: what the next record's read of it saw. */
        final long[] rmwVersions = new long[SAMPLES];
        int next;

        @SuppressWarnings("unchecked")
        private static <T> List<T>[] newListArray() {
            return (List<T>[]) new List<?>[SAMPLES];
        }

        @Setup(Level.Trial)
        public void open() {
            db = Mnemo.inMemory();
            Accounts.load(db, Accounts.SET, TableKind.SET);
            engine = db.engine();
            table = engine.catalog().require(Accounts.SET);
            TableSchema schema = table.schema();
            KeyStream random = new KeyStream();
            for (int i = 0; i < SAMPLES; i++) {
                long readId = 1 + random.below(Accounts.ROWS / 2);
                long writeId = Accounts.ROWS / 2 + 1 + random.below(Accounts.ROWS / 2);
                byte[] readKey = table.encodeKey(new Object[] {readId});
                byte[] writeKey = table.encodeKey(new Object[] {writeId});
                ByteSink row = new ByteSink(64);
                RowCodec.encode(schema, new Object[] {writeId, writeId * 2, Accounts.name(writeId)}, row);
                readSets[i] = List.of(new ReadItem(table.tableId(), readKey,
                        StoredValue.version(table.stored(readKey))));
                records[i] = CommitRecord.transaction(readSets[i], List.of(new WriteOp(table.tableId(),
                        WriteOp.Type.PUT, writeKey, schema.version(), row.toByteArray())));
                encoded[i] = RecordCodec.encode(records[i]);
                keys[i] = readKey;
                keyValues[i] = new Object[] {readId};
                stored[i] = table.stored(readKey);
                long rmwId = 1 + (long) i * RMW_STRIDE % Accounts.ROWS; // a different row for every sample
                ByteSink rmwRow = new ByteSink(64);
                RowCodec.encode(schema, new Object[] {rmwId, rmwId * 2, Accounts.name(rmwId)}, rmwRow);
                rmwKeys[i] = table.encodeKey(new Object[] {rmwId});
                rmwWrites[i] = List.of(new WriteOp(table.tableId(), WriteOp.Type.PUT, rmwKeys[i], schema.version(),
                        rmwRow.toByteArray()));
                rmwVersions[i] = StoredValue.version(table.stored(rmwKeys[i]));
            }
            // A second applier over the same catalog, so "apply" can be measured without the commit log around it.
            // Only this benchmark state's thread uses it; the database's own log stays idle meanwhile.
            applier = new Applier(engine.catalog(), new ReentrantReadWriteLock(), engine, db.version());
        }

        int nextSample() {
            int i = next;
            next = (i + 1) & (SAMPLES - 1);
            return i;
        }

        @TearDown(Level.Trial)
        public void close() {
            db.close();
        }
    }

    /** RecordCodec.encode of a record with one read and one written row (what a member hands to the log). */
    @Benchmark
    public byte[] encodeRecord(Records s) {
        return RecordCodec.encode(s.records[s.nextSample()]);
    }

    /** RecordCodec.decode of the same (what every member does before applying a replicated entry). */
    @Benchmark
    public CommitRecord decodeRecord(Records s) {
        return RecordCodec.decode(s.encoded[s.nextSample()]);
    }

    /** Validation of a one-row read set, as a read-only commit does it (holding applies off). */
    @Benchmark
    public boolean validateOneRead(Records s) {
        boolean ok = s.engine.readsStillValid(s.readSets[s.nextSample()]);
        if (!ok) {
            throw new IllegalStateException("the read set should still be valid");
        }
        return ok;
    }

    /** StateMachine.apply of one record: validate its read, plan the write, write one row (no commit log). */
    @Benchmark
    public Outcome applyOneRecord(Records s) {
        s.applier.apply(List.of(s.records[s.nextSample()]), s.outcomes);
        return checkCommitted(s.outcomes[0]);
    }

    /**
     * StateMachine.apply of a read-modify-write record, the shape of most transactions: it reads one row at the
     * version it has and writes the same row. The record is built here, as decoding builds it on a member.
     */
    @Benchmark
    public Outcome applyReadModifyWrite(Records s) {
        int i = s.nextSample();
        ReadItem read = new ReadItem(s.table.tableId(), s.rmwKeys[i], s.rmwVersions[i]);
        s.applier.apply(List.of(CommitRecord.transaction(List.of(read), s.rmwWrites[i])), s.outcomes);
        Outcome o = checkCommitted(s.outcomes[0]);
        s.rmwVersions[i] = o.version();
        return o;
    }

    /** LocalCommitLog.append of a prebuilt record: sequence + validate + apply, uncontended. */
    @Benchmark
    public Outcome appendToLocalLog(Records s) {
        return checkCommitted(s.engine.commitLog().append(s.records[s.nextSample()]));
    }

    private static Outcome checkCommitted(Outcome o) {
        if (!o.isCommitted()) {
            throw new IllegalStateException("the record should commit, got " + o);
        }
        return o;
    }

    // ---- a dirty read taken apart -----------------------------------------------------------------------------

    /** Table.encodeKey: coerce and encode the key values the caller gave. */
    @Benchmark
    public byte[] readStep1EncodeKey(Records s) {
        return s.table.encodeKey(s.keyValues[s.nextSample()]);
    }

    /** Table.stored: one Chronicle Map get of an encoded key (copies the stored value onto the heap). */
    @Benchmark
    public byte[] readStep2MapGet(Records s) {
        return s.table.stored(s.keys[s.nextSample()]);
    }

    /** Table.decodeStored: decode a stored value into column values. */
    @Benchmark
    public Object readStep3DecodeRow(Records s) {
        return s.table.decodeStored(s.stored[s.nextSample()]);
    }
}
