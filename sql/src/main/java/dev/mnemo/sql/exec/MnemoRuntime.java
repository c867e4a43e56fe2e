package dev.mnemo.sql.exec;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.IndexScan;
import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.MnemoException;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableScan;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.Transaction;
import dev.mnemo.engine.codec.KeyCodec;
import dev.mnemo.engine.codec.Values;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.check.Checks;
import dev.mnemo.sql.check.TableChecks;
import dev.mnemo.sql.plan.KeyAccess;
import dev.mnemo.sql.plan.Operand;
import dev.mnemo.sql.schema.SqlValues;
import dev.mnemo.sql.sequence.Sequences;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.core.TableModify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The code compiled plans call to touch the engine: table reads through the chosen key access, and DML.
 * Both run inside the statement's transaction, so a statement sees its transaction's earlier writes.
 */
public final class MnemoRuntime {
    private MnemoRuntime() {
    }

    // ---- sequences -----------------------------------------------------------------------------------------

    /** The next value of a sequence, for {@code NEXT VALUE FOR} (see {@code SequenceCalls}). */
    public static long nextValue(DataContext root, String sequence) {
        return ((MnemoDataContext) root).sequences().next(sequence);
    }

    /**
     * {@code value}, drawn from {@code sequence} for the default of {@code column} (table.column, of type {@code
     * type}), if the column holds it; else 22003 naming them all (see {@code SequenceCalls.columnDefault}).
     */
    public static long sequenceDefault(long value, String sequence, String column, String type, long min, long max) {
        if (value < min || value > max) {
            throw new SqlError("22003", "sequence " + sequence + " gave " + value + " for the default of column "
                    + column + ", out of range for its type " + type + " (" + min + " to " + max + "): an ALTER"
                    + " SEQUENCE took the sequence's values past the column's; give the sequence a MAXVALUE and"
                    + " MINVALUE within them, or the column a wider type");
        }
        return value;
    }

    /** A sequence drawn for every row. */
    public static final int DRAW_ALWAYS = 0;
    /** A sequence drawn only for the rows of a MERGE that match no target row: its insert's alone. */
    public static final int DRAW_UNMATCHED = 1;
    /** A sequence drawn only for the rows of a MERGE that match a target row: its update's alone. */
    public static final int DRAW_MATCHED = 2;
    /**
     * What a row that does not draw holds in place of the value: read only by a MERGE's values that the row does
     * not write (the insert's of a matched row, the update's of an unmatched one); a value of every sequence type.
     */
    private static final long NOT_DRAWN = 1;

    /**
     * The rows of {@code input}, each with the next value of every sequence named appended, drawn once per row
     * when the row is reached, as a value of the SQL type named beside it (a sequence's values lie within its type).
     * Where {@code guard} is a column, each sequence draws only for the rows {@code when} says: a MERGE's insert
     * draws for the rows whose target columns (the guard among them) are null, its update for the others; or, where
     * {@code byAction}, the guard is each row's {@link ModifySpec#ACTION}, and they draw for the rows it inserts and
     * the rows it updates.
     */
    public static Enumerable<Object[]> drawPerRow(DataContext root, Enumerable<Object[]> input, String[] sequences,
                                                  String[] types, int guard, int[] when, boolean byAction) {
        Sequences s = ((MnemoDataContext) root).sequences();
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                Enumerator<Object[]> rows = input.enumerator();
                return new Enumerator<>() {
                    private Object[] current;

                    @Override
                    public Object[] current() {
                        return current;
                    }

                    @Override
                    public boolean moveNext() {
                        if (!rows.moveNext()) {
                            return false;
                        }
                        Object[] in = rows.current();
                        current = Arrays.copyOf(in, in.length + sequences.length);
                        int action = guard >= 0 && byAction ? ((Number) in[guard]).intValue() : ModifySpec.NONE;
                        boolean matched = guard >= 0 && (byAction ? action == ModifySpec.UPDATE : in[guard] != null);
                        boolean unmatched = guard >= 0 && (byAction ? action == ModifySpec.INSERT : in[guard] == null);
                        for (int i = 0; i < sequences.length; i++) {
                            boolean draws = when[i] == DRAW_ALWAYS || (when[i] == DRAW_MATCHED ? matched : unmatched);
                            long v = draws ? s.next(sequences[i]) : NOT_DRAWN;
                            current[in.length + i] = types[i].equals("INTEGER") ? (Object) (int) v
                                    : types[i].equals("SMALLINT") ? (Object) (short) v : (Object) v;
                        }
                        return true;
                    }

                    @Override
                    public void reset() {
                        rows.reset();
                        current = null;
                    }

                    @Override
                    public void close() {
                        rows.close();
                    }
                };
            }
        };
    }

    // ---- reads ---------------------------------------------------------------------------------------------

    /** The first {@code rows} rows of {@code input}; never asks it for more (see {@code RowsAtMost}). */
    public static <T> Enumerable<T> atMost(Enumerable<T> input, int rows) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<T> enumerator() {
                Enumerator<T> in = input.enumerator();
                return new Enumerator<>() {
                    private int given;

                    @Override
                    public T current() {
                        return in.current();
                    }

                    @Override
                    public boolean moveNext() {
                        if (given >= rows || !in.moveNext()) {
                            return false;
                        }
                        given++;
                        return true;
                    }

                    @Override
                    public void reset() {
                        in.reset();
                        given = 0;
                    }

                    @Override
                    public void close() {
                        in.close();
                    }
                };
            }
        };
    }

    /** Rows of a table in Calcite's internal form: arrays, or bare values when the spec says scalar. */
    public static Enumerable<Object> scan(DataContext root, ScanSpec spec) {
        Transaction tx = ((MnemoDataContext) root).transaction();
        String table = spec.schema.name();
        KeyAccess a = spec.access;
        if (a.kind == KeyAccess.Kind.FULL) {
            return spec.schema.kind() == TableKind.ORDERED_SET ? new OrderedScan(tx, spec, inOrder(a, KeyRange.all()))
                    : new HashScan(tx, spec);
        }
        // Key ranges are chosen for ordered_set tables only.
        if (a.kind == KeyAccess.Kind.KEY_RANGE) {
            KeyRange range = range(root, a, spec.accessTypes);
            return range == null ? Linq4j.emptyEnumerable() : new OrderedScan(tx, spec, inOrder(a, range));
        }
        if (a.kind == KeyAccess.Kind.INDEX_EQ) {
            Object[] values = equalValues(root, a.prefix, spec.accessTypes);
            return values == null ? Linq4j.emptyEnumerable()
                    : new IndexLookup(tx, spec, List.of(inOrder(a, KeyRange.prefix(values))));
        }
        if (a.kind == KeyAccess.Kind.INDEX_RANGE) {
            KeyRange range = range(root, a, spec.accessTypes);
            return range == null ? Linq4j.emptyEnumerable() : new IndexLookup(tx, spec, List.of(inOrder(a, range)));
        }
        if (a.kind == KeyAccess.Kind.INDEX_IN) {
            List<Object[]> points = distinctPoints(root, spec);
            if (spec.schema.indexes().get(spec.schema.findIndex(a.index)).isOrdered()) {
                sortInOrder(points, spec);
            }
            List<KeyRange> ranges = new ArrayList<>();
            points.forEach(values -> ranges.add(inOrder(a, KeyRange.prefix(values))));
            return new IndexLookup(tx, spec, ranges);
        }
        if (a.kind == KeyAccess.Kind.KEY_IN) {
            List<Object[]> points = distinctPoints(root, spec);
            if (spec.schema.kind() == TableKind.ORDERED_SET) {
                sortInOrder(points, spec);
            }
            return new KeyLookup(tx, spec, points);
        }
        if (a.kind != KeyAccess.Kind.KEY_EQ) {
            throw new IllegalStateException("unhandled key access " + a.kind);
        }
        Object[] key = equalValues(root, a.prefix, spec.accessTypes);
        List<Object> out = new ArrayList<>();
        if (key != null) {
            tx.readAll(table, key).forEach(r -> out.add(internalRow(spec, r)));
        }
        return Linq4j.asEnumerable(out);
    }

    /**
     * Rows read lazily a chunk at a time, in Calcite's internal form: the heap holds one chunk, whatever the size of
     * the table. {@link #fill} reads the next chunk; {@link #restart} goes back to the first.
     */
    private abstract static class ChunkedEnumerator implements Enumerator<Object> {
        /** Rows of the first chunk of a scan that grows its chunks: a consumer that stops early reads few. */
        static final int FIRST_CHUNK = 16;
        /** The most rows of a chunk; each chunk after the first holds four times the last, up to this. */
        static final int LARGEST_CHUNK = 4096;

        private final List<Object> chunk = new ArrayList<>();
        private int next;
        private boolean over;
        private Object current;

        /** Adds the next chunk's rows to {@code chunk} (empty); returns false when no rows follow them. */
        abstract boolean fill(List<Object> chunk);

        /** Makes the next {@link #fill} read the first chunk again. */
        abstract void restart();

        @Override
        public Object current() {
            return current;
        }

        @Override
        public boolean moveNext() {
            while (next == chunk.size()) {
                if (over) {
                    return false;
                }
                chunk.clear();
                next = 0;
                over = !fill(chunk);
            }
            current = chunk.get(next++);
            return true;
        }

        @Override
        public void reset() {
            chunk.clear();
            next = 0;
            over = false;
            current = null;
            restart();
        }

        @Override
        public void close() {
            chunk.clear();
            next = 0;
            over = true;
        }
    }

    /**
     * The rows of a whole set or bag table, read lazily a piece at a time through the engine's
     * {@link Transaction#scanInPieces} (a segment of the table's map, then the transaction's own writes): the heap
     * holds one piece, never the table. Every enumerator starts from the beginning, as Calcite expects when it reads
     * an input twice.
     */
    private static final class HashScan extends AbstractEnumerable<Object> {
        private final Transaction tx;
        private final ScanSpec spec;

        HashScan(Transaction tx, ScanSpec spec) {
            this.tx = tx;
            this.spec = spec;
        }

        @Override
        public Enumerator<Object> enumerator() {
            return new ChunkedEnumerator() {
                private TableScan scan;

                @Override
                boolean fill(List<Object> chunk) {
                    if (scan == null) {
                        scan = tx.scanInPieces(spec.schema.name());
                    }
                    return scan.readPiece(r -> chunk.add(internalRow(spec, r)));
                }

                @Override
                void restart() {
                    scan = null;
                }
            };
        }
    }

    /**
     * The rows of an ordered_set key range, read lazily in chunks of growing size, each resuming after the last
     * key read: a consumer that stops early (LIMIT, EXISTS, a merge join) reads little more than it uses.
     * Every enumerator starts from the beginning, as Calcite expects when it reads an input twice.
     */
    private static final class OrderedScan extends AbstractEnumerable<Object> {
        private final Transaction tx;
        private final ScanSpec spec;
        private final KeyRange range;

        OrderedScan(Transaction tx, ScanSpec spec, KeyRange range) {
            this.tx = tx;
            this.spec = spec;
            this.range = range;
        }

        @Override
        public Enumerator<Object> enumerator() {
            return new ChunkedEnumerator() {
                private KeyRange rest = range;
                private int chunkRows = firstChunkRows(spec);

                @Override
                boolean fill(List<Object> chunk) {
                    rest = readChunk(tx, spec, rest, chunkRows, chunk);
                    if (rest == null) {
                        return false;
                    }
                    chunkRows = Math.min(ChunkedEnumerator.LARGEST_CHUNK, chunkRows * 4);
                    return true;
                }

                @Override
                void restart() {
                    rest = range;
                    chunkRows = firstChunkRows(spec);
                }
            };
        }
    }

    /** The range walked in the access's direction: from its highest key or index entry down for a descending access. */
    private static KeyRange inOrder(KeyAccess a, KeyRange range) {
        return a.descending ? range.descending() : range;
    }

    /** Rows a scan in key order reads first: what a LIMIT above it wants, else the usual first chunk. */
    private static int firstChunkRows(ScanSpec spec) {
        return spec.firstChunkRows > 0 ? Math.min(spec.firstChunkRows, ChunkedEnumerator.LARGEST_CHUNK)
                : ChunkedEnumerator.FIRST_CHUNK;
    }

    /**
     * Adds to {@code chunk} the rows of the first {@code rows} keys of an ordered_set's key range; returns the rest of
     * the range, after them, or null when the range held no more.
     */
    private static KeyRange readChunk(Transaction tx, ScanSpec spec, KeyRange range, int rows, List<Object> chunk) {
        Row[] last = {null};
        int[] read = {0};
        tx.forEach(spec.schema.name(), range.limit(rows), r -> {
            last[0] = r;
            read[0]++;
            chunk.add(internalRow(spec, r));
            return true;
        });
        return read[0] < rows ? null : resumeAfter(spec, range, last[0]);
    }

    /** The same key range of an ordered_set, in the same direction, starting just after the row's key. */
    private static KeyRange resumeAfter(ScanSpec spec, KeyRange r, Row row) {
        int[] keyPositions = spec.schema.keyPositions();
        Object[] key = new Object[keyPositions.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = row.get(keyPositions[i]);
        }
        KeyRange next = (r.isDescending() ? KeyRange.all().descending() : KeyRange.all()).from(false, key);
        Object[] to = r.toValues();
        return to == null ? next : next.to(r.toInclusive(), to);
    }

    /**
     * The rows of index lookups or a range (INDEX_EQ, INDEX_IN: one range per value list; INDEX_RANGE), range after
     * range, read lazily through the engine's {@link Transaction#indexScan} in chunks of growing size, in index order
     * within a range: a consumer that stops early (LIMIT, EXISTS) reads little more than it uses, and the heap holds
     * one chunk however many rows share the values looked up. Every enumerator starts from the beginning, as Calcite
     * expects when it reads an input twice.
     */
    private static final class IndexLookup extends AbstractEnumerable<Object> {
        private final Transaction tx;
        private final ScanSpec spec;
        private final List<KeyRange> ranges;

        IndexLookup(Transaction tx, ScanSpec spec, List<KeyRange> ranges) {
            this.tx = tx;
            this.spec = spec;
            this.ranges = ranges;
        }

        @Override
        public Enumerator<Object> enumerator() {
            return new ChunkedEnumerator() {
                private int next;
                private IndexScan scan;
                private int chunkRows = FIRST_CHUNK;

                @Override
                boolean fill(List<Object> chunk) {
                    while (true) {
                        if (scan == null) {
                            if (next == ranges.size()) {
                                return false;
                            }
                            scan = tx.indexScan(spec.schema.name(), spec.access.index, ranges.get(next++));
                        }
                        if (scan.readPiece(chunkRows, r -> chunk.add(internalRow(spec, r)))) {
                            chunkRows = Math.min(LARGEST_CHUNK, chunkRows * 4);
                            return true;
                        }
                        scan = null;
                    }
                }

                @Override
                void restart() {
                    next = 0;
                    scan = null;
                    chunkRows = FIRST_CHUNK;
                }
            };
        }
    }

    /**
     * The rows of key lookups (KEY_IN), value after value (an ordered_set's sorted in key order, ascending or
     * descending as the access reads, so the rows come in that order), read lazily in chunks of growing size (the
     * first as large as a LIMIT above wants): a whole key's rows
     * (one, or a bag's under that key) at once; the range of an ordered_set's keys that start with a value of its
     * leading columns a chunk at a time, in key order, through {@link Transaction#forEach}. The heap holds one chunk
     * however many rows the values match, and a consumer that stops early (LIMIT, EXISTS) reads little more than it
     * uses. Every enumerator starts from the beginning, as Calcite expects when it reads an input twice.
     */
    private static final class KeyLookup extends AbstractEnumerable<Object> {
        private final Transaction tx;
        private final ScanSpec spec;
        private final List<Object[]> points;

        KeyLookup(Transaction tx, ScanSpec spec, List<Object[]> points) {
            this.tx = tx;
            this.spec = spec;
            this.points = points;
        }

        @Override
        public Enumerator<Object> enumerator() {
            return new ChunkedEnumerator() {
                private int next;
                /** What is left to read of the key range of the value being read; null between values. */
                private KeyRange rest;
                private int chunkRows = firstChunkRows(spec);

                @Override
                boolean fill(List<Object> chunk) {
                    while (chunk.size() < chunkRows) {
                        if (rest == null) {
                            if (next == points.size()) {
                                return false;
                            }
                            Object[] key = points.get(next++);
                            if (key.length == spec.accessTypes.length) {
                                tx.readAll(spec.schema.name(), key).forEach(r -> chunk.add(internalRow(spec, r)));
                                continue;
                            }
                            rest = inOrder(spec.access, KeyRange.prefix(key));
                        }
                        rest = readChunk(tx, spec, rest, chunkRows - chunk.size(), chunk);
                    }
                    chunkRows = Math.min(LARGEST_CHUNK, chunkRows * 4);
                    return true;
                }

                @Override
                void restart() {
                    next = 0;
                    rest = null;
                    chunkRows = firstChunkRows(spec);
                }
            };
        }
    }

    /**
     * The rows of a VALUES (or of an IN list's values) in Calcite's internal form. Its cells are data in the
     * spec, not generated code, so a statement of any number of rows compiles to the same few lines.
     */
    public static Enumerable<Object> values(DataContext root, ValuesSpec spec) {
        List<Object> out = new ArrayList<>(spec.rows.size());
        for (List<Operand> row : spec.rows) {
            if (spec.scalar) {
                out.add(row.get(0).value(root));
                continue;
            }
            Object[] values = new Object[row.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(i).value(root);
            }
            out.add(values);
        }
        return Linq4j.asEnumerable(out);
    }

    private static Object internalRow(ScanSpec spec, Row r) {
        return internalRow(spec.schema, spec.scalar, r);
    }

    /** A row of {@code schema}'s table in Calcite's internal form: an array, or its only value when scalar. */
    static Object internalRow(TableSchema schema, boolean scalar, Row r) {
        if (r.schema() != null && r.schema().version() != schema.version()) {
            throw new SqlError("40001", "table " + schema.name() + " was altered while the statement ran;"
                    + " run the statement again");
        }
        if (scalar) {
            return SqlValues.engineToInternal(r.get(0), schema.column(0).type());
        }
        Object[] v = r.values();
        for (int i = 0; i < v.length; i++) {
            v[i] = SqlValues.engineToInternal(v[i], schema.column(i).type());
        }
        return v;
    }

    /**
     * Sorts an ordered_set's KEY_IN points (whole keys, or values of its leading columns, whose ranges do not overlap),
     * or an ordered index's INDEX_IN points, in the order the scan declares to the planner: the table's or the index's
     * own, descending for a descending access.
     */
    private static void sortInOrder(List<Object[]> points, ScanSpec spec) {
        List<byte[]> encoded = new ArrayList<>(points.size());
        Integer[] order = new Integer[points.size()];
        for (int i = 0; i < order.length; i++) {
            Object[] p = points.get(i);
            encoded.add(KeyCodec.encode(Arrays.copyOf(spec.accessTypes, p.length), p));
            order[i] = i;
        }
        int sign = spec.access.descending ? -1 : 1;
        Arrays.sort(order, (a, b) -> sign * Arrays.compareUnsigned(encoded.get(a), encoded.get(b)));
        List<Object[]> sorted = new ArrayList<>(order.length);
        for (Integer i : order) {
            sorted.add(points.get(i));
        }
        points.clear();
        points.addAll(sorted);
    }

    /** The engine values of a KEY_IN's or INDEX_IN's points, each once, in order, less those that never match. */
    private static List<Object[]> distinctPoints(DataContext root, ScanSpec spec) {
        Set<List<Object>> seen = new LinkedHashSet<>();
        List<Object[]> out = new ArrayList<>();
        for (List<Operand> p : spec.access.points) {
            Object[] values = equalValues(root, p, spec.accessTypes);
            if (values != null && seen.add(List.of(values))) {
                out.add(values);
            }
        }
        return out;
    }

    /** The engine values of equalities, or null when one can never match (NULL, or not a value of the column). */
    private static Object[] equalValues(DataContext root, List<Operand> operands, ColumnType[] types) {
        Object[] out = new Object[operands.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = engineValue(operands.get(i).value(root), types[i]);
            if (out[i] == null) {
                return null;
            }
        }
        return out;
    }

    /** A value as the engine stores it in a column of this type, or null if it cannot be one. */
    static Object engineValue(Object internal, ColumnType type) {
        if (internal == null) {
            return null;
        }
        try {
            return Values.coerce(type, SqlValues.internalToEngine(internal, type), "key");
        } catch (MnemoException | ClassCastException e) {
            return null;
        }
    }

    /** The key range of the access, or null when it is empty (a bound is NULL or a prefix cannot match). */
    private static KeyRange range(DataContext root, KeyAccess a, ColumnType[] types) {
        Object[] prefix = equalValues(root, a.prefix, types);
        if (prefix == null) {
            return null;
        }
        KeyRange r = KeyRange.all();
        ColumnType next = a.prefix.size() < types.length ? types[a.prefix.size()] : null;
        Bound lo = bound(root, a.lower, next);
        Bound hi = bound(root, a.upper, next);
        if (lo == NO_ROWS || hi == NO_ROWS) {
            return null;
        }
        if (lo != null) {
            r = r.from(a.lowerInclusive || !lo.exact(), append(prefix, lo.value()));
        } else if (prefix.length > 0) {
            r = r.from(true, prefix);
        }
        if (hi != null) {
            r = r.to(a.upperInclusive || !hi.exact(), append(prefix, hi.value()));
        } else if (prefix.length > 0) {
            r = r.to(true, prefix);
        }
        return r;
    }

    /**
     * A range bound as the engine stores it in the column. Not {@code exact} when storing rounded it (1.555 as
     * 1.56 in a DECIMAL(6,2), a DOUBLE as a REAL): the range then includes the rounded value itself. No value
     * of the column lies strictly between the two, so the range holds every row that can match; the filter kept
     * above the scan drops the rounded value again if it does not.
     */
    private record Bound(Object value, boolean exact) {
    }

    private static final Bound NO_ROWS = new Bound(null, true);

    /**
     * A bound's engine value; null for no bound (absent or not representable: the filter still applies). Text of any
     * characters bounds a range: the engine orders text keys as SQL compares text, by UTF-16 code unit.
     */
    private static Bound bound(DataContext root, Operand o, ColumnType type) {
        if (o == null || type == null) {
            return null;
        }
        Object v = o.value(root);
        if (v == null) {
            return NO_ROWS;
        }
        Object stored = engineValue(v, type);
        if (stored == null) {
            return null;
        }
        return new Bound(stored, sameValue(SqlValues.internalToEngine(v, type), stored));
    }

    /** Whether two values are the same value: numbers by value whatever their classes, others by equality. */
    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            BigDecimal x = exactDecimal((Number) a);
            BigDecimal y = exactDecimal((Number) b);
            return x != null && y != null && x.compareTo(y) == 0;
        }
        return Objects.deepEquals(a, b);
    }

    private static BigDecimal exactDecimal(Number n) {
        if (n instanceof BigDecimal) {
            return (BigDecimal) n;
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? new BigDecimal(d) : null;
        }
        if (n instanceof BigInteger) {
            return new BigDecimal((BigInteger) n);
        }
        return BigDecimal.valueOf(n.longValue());
    }

    private static Object[] append(Object[] prefix, Object v) {
        Object[] out = Arrays.copyOf(prefix, prefix.length + 1);
        out[prefix.length] = v;
        return out;
    }

    // ---- writes --------------------------------------------------------------------------------------------

    /** Applies a DML statement's input rows; returns one row, the count of rows inserted, changed or deleted. */
    public static Enumerable<Long> modify(DataContext root, ModifySpec spec, Enumerable<?> input) {
        Transaction tx = ((MnemoDataContext) root).transaction();
        List<Object[]> rows = new ArrayList<>();
        try (Enumerator<?> e = input.enumerator()) {
            while (e.moveNext()) {
                Object c = e.current();
                rows.add(spec.scalarInput ? new Object[] {c} : (Object[]) c);
            }
        }
        if (spec.operation == TableModify.Operation.DELETE) {
            return Linq4j.singletonEnumerable(delete(tx, spec, rows, 0));
        }
        MnemoDataContext ctx = (MnemoDataContext) root;
        TableChecks checks = checks(ctx, spec);
        long count;
        switch (spec.operation) {
            case INSERT: count = insert(ctx, spec, checks, rows, 0); break;
            case UPDATE: count = update(ctx, spec, checks, rows, 0); break;
            case MERGE: count = merge(ctx, spec, checks, rows); break;
            default: throw new SqlError("0A000", spec.operation + " is not supported");
        }
        Checks.confirm(checks);
        return Linq4j.singletonEnumerable(count);
    }

    /**
     * The check constraints the statement's rows must pass (see {@link Checks#of}): a check added before it commits
     * makes it conflict. Checks that no longer compile for the version of the table it was planned for mean the
     * table changed under the statement: 40001, to run it again.
     */
    private static TableChecks checks(MnemoDataContext ctx, ModifySpec spec) {
        try {
            return ctx.checks().of(ctx.transaction(), spec.schema);
        } catch (RuntimeException e) {
            if (ctx.checks().isCurrent(spec.schema)) {
                throw e;
            }
            throw new SqlError("40001", "table " + spec.schema.name() + " was altered while the statement ran; run"
                    + " the statement again", e);
        }
    }

    private static Object[] engineRow(TableSchema s, Object[] row, int offset) {
        Object[] out = new Object[s.columnCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = SqlValues.internalToEngine(row[offset + i], s.column(i).type());
        }
        return out;
    }

    /**
     * Inserts (or upserts) rows; returns how many it stored. A bag stores a row only if no identical row is
     * there (Mnesia's bag semantics), so one that is, already or from earlier in the statement, is not counted.
     */
    private static long insert(MnemoDataContext ctx, ModifySpec spec, TableChecks checks, List<Object[]> rows,
                               int offset) {
        Transaction tx = ctx.transaction();
        long n = 0;
        boolean bag = spec.schema.kind() == TableKind.BAG;
        for (Object[] row : rows) {
            Object[] values = engineRow(spec.schema, row, offset);
            checks.verify(values);
            Row r = Row.of(values);
            if (spec.upsert && !bag) {
                tx.write(spec.schema.name(), r);
                n++;
            } else if (tx.insert(spec.schema.name(), r)) {
                n++;
            } else {
                continue;
            }
            if (spec.identity >= 0) {
                // As the column stores it: a written integer may reach here wider than its column (see WriteCasts).
                ColumnDef c = spec.schema.column(spec.identity);
                ctx.generated(c, Values.coerce(c.type(), r.get(spec.identity), c.name()));
            }
        }
        return n;
    }

    /** Deletes rows given as whole rows at {@code offset}; returns how many were there. */
    private static long delete(Transaction tx, ModifySpec spec, List<Object[]> rows, int offset) {
        long n = 0;
        for (Object[] row : rows) {
            Object[] old = engineRow(spec.schema, row, offset);
            boolean gone = spec.schema.kind() == TableKind.BAG ? tx.deleteObject(spec.schema.name(), Row.of(old))
                    : tx.delete(spec.schema.name(), keyOf(spec.schema, old));
            n += gone ? 1 : 0;
        }
        return n;
    }

    /**
     * Updates rows given as (old row, new values of the updated columns) at {@code offset}. Rows whose key
     * changes are removed first and re-inserted after, so keys may move past each other within one statement.
     * In a bag every old row goes before any new one is added: a new row may equal an old row not yet updated
     * (SET v = v + 1 over v = 1, 2, 3), and removing that old row afterwards must not take the new one with it.
     * Rows whose unique-indexed values change are removed and added back the same way, so that values may pass
     * between rows (SET u = 3 - u over u = 1, 2): uniqueness is judged on the statement's result. Each such row is
     * declared moved to the engine, so that foreign keys referencing its changed columns run their ON UPDATE action
     * on its own children, not ON DELETE.
     * Returns the rows matched, except in a bag, where a row is its values: a row set to the values it has is
     * left alone and not counted (rows that come to equal another become one row, and each of them counts).
     */
    private static long update(MnemoDataContext ctx, ModifySpec spec, TableChecks checks, List<Object[]> rows,
                               int offset) {
        Transaction tx = ctx.transaction();
        TableSchema s = spec.schema;
        String table = s.name();
        boolean bag = s.kind() == TableKind.BAG;
        int[] unique = uniquelyIndexedColumns(s);
        List<Object[]> later = new ArrayList<>();
        long unchanged = 0;
        for (Object[] row : rows) {
            Object[] old = engineRow(s, row, offset);
            Object[] nu = old.clone();
            for (int j = 0; j < spec.updated.length; j++) {
                int p = spec.updated[j];
                nu[p] = SqlValues.internalToEngine(row[offset + s.columnCount() + j], s.column(p).type());
            }
            checks.verify(nu);
            if (bag) {
                if (storedAlike(s, spec.updated, old, nu)) {
                    unchanged++;
                } else {
                    tx.moved(table, Row.of(old), Row.of(nu));
                    tx.deleteObject(table, Row.of(old));
                    later.add(nu);
                }
                continue;
            }
            Object[] oldKey = keyOf(s, old);
            if (!Arrays.deepEquals(oldKey, keyOf(s, nu)) || changesAny(unique, old, nu)) {
                tx.moved(table, Row.of(old), Row.of(nu));
                tx.delete(table, oldKey);
                later.add(nu);
            } else {
                tx.write(table, Row.of(nu));
            }
        }
        for (Object[] nu : later) {
            if (bag) {
                tx.write(table, Row.of(nu));
            } else {
                tx.insert(table, Row.of(nu));
            }
        }
        return rows.size() - unchanged;
    }

    /** Whether the updated columns would store the same values as the old row's (as the engine coerces them). */
    private static boolean storedAlike(TableSchema s, int[] updated, Object[] old, Object[] nu) {
        for (int p : updated) {
            ColumnDef c = s.column(p);
            try {
                if (!Objects.deepEquals(Values.coerce(c.type(), old[p], c.name()),
                        Values.coerce(c.type(), nu[p], c.name()))) {
                    return false;
                }
            } catch (MnemoException e) {
                return false; // not a value of the column: the write reports it
            }
        }
        return true;
    }

    /** The positions of the columns that some unique index covers. */
    private static int[] uniquelyIndexedColumns(TableSchema s) {
        BitSet columns = new BitSet();
        for (int i = 0; i < s.indexes().size(); i++) {
            if (s.indexes().get(i).isUnique()) {
                for (int p : s.indexPositions(i)) {
                    columns.set(p);
                }
            }
        }
        return columns.stream().toArray();
    }

    private static boolean changesAny(int[] positions, Object[] old, Object[] nu) {
        for (int p : positions) {
            if (!Objects.deepEquals(old[p], nu[p])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Applies a MERGE's rows: each matched row is updated (or, by its action, deleted or left alone), each unmatched
     * one inserted (or left alone). A target row that more than one source row would update or delete fails with
     * 21000 before anything changes; source rows that match it and that no clause takes do not count. Deletes go
     * first, so that a row updated or inserted may take the unique values of one deleted.
     */
    private static long merge(MnemoDataContext ctx, ModifySpec spec, TableChecks checks, List<Object[]> rows) {
        int n = spec.schema.columnCount();
        int k = spec.updated.length;
        if (k == 0) {
            // Calcite hands an insert-only MERGE every source row, matched or not, with nothing to tell them
            // apart; inserting them all would be wrong. MergeInserts rewrites all but one that inserts only
            // DEFAULT into an INSERT.
            throw new SqlError("0A000", "a MERGE without WHEN MATCHED that inserts only DEFAULT values is not"
                    + " supported; use INSERT ... SELECT ... WHERE NOT EXISTS (...)");
        }
        int width = spec.inputWidth - (spec.actions ? 1 : 0);
        boolean inserts = width == 2 * n + k;
        if (!inserts && width != n + k) {
            // Calcite lays some MERGE sources out differently (a subquery over VALUES); refuse, never guess.
            throw new SqlError("0A000", "this MERGE source is not supported; merge from a table or a view of one");
        }
        int oldAt = inserts ? n : 0;
        int keyColumn = spec.schema.keyPositions()[0];
        List<Object[]> toInsert = new ArrayList<>();
        List<Object[]> toUpdate = new ArrayList<>();
        List<Object[]> toDelete = new ArrayList<>();
        Set<List<Object>> matched = new HashSet<>();
        for (Object[] row : rows) {
            boolean isMatched = row[oldAt + keyColumn] != null;
            int action = spec.actions ? ((Number) row[width]).intValue()
                    : isMatched ? ModifySpec.UPDATE : inserts ? ModifySpec.INSERT : ModifySpec.NONE;
            boolean actsOnTarget = action == ModifySpec.UPDATE || action == ModifySpec.DELETE;
            if (isMatched && actsOnTarget && !matched.add(targetRow(spec.schema, row, oldAt))) {
                throw new SqlError("21000", "cardinality violation: MERGE would change a row of "
                        + spec.schema.name() + " for more than one source row that matched it; each row may"
                        + " change once");
            }
            switch (action) {
                case ModifySpec.UPDATE: toUpdate.add(row); break;
                case ModifySpec.DELETE: toDelete.add(row); break;
                case ModifySpec.INSERT: toInsert.add(row); break;
                default: break;
            }
        }
        long count = delete(ctx.transaction(), spec, toDelete, oldAt) + update(ctx, spec, checks, toUpdate, oldAt);
        ModifySpec asInsert = new ModifySpec(spec.schema, TableModify.Operation.INSERT, false, List.of(),
                n, false, spec.identity, false);
        return count + insert(ctx, asInsert, checks, toInsert, 0);
    }

    /**
     * What tells a target row of a MERGE from the others: its key, or in a bag, where rows share keys, its values
     * (never two alike). Values are in Calcite's internal form, whose equality is by value (bytes as ByteString).
     */
    private static List<Object> targetRow(TableSchema s, Object[] row, int offset) {
        if (s.kind() == TableKind.BAG) {
            return Arrays.asList(Arrays.copyOfRange(row, offset, offset + s.columnCount()));
        }
        List<Object> key = new ArrayList<>();
        for (int p : s.keyPositions()) {
            key.add(row[offset + p]);
        }
        return key;
    }

    private static Object[] keyOf(TableSchema s, Object[] row) {
        int[] kp = s.keyPositions();
        Object[] key = new Object[kp.length];
        for (int i = 0; i < kp.length; i++) {
            key[i] = row[kp[i]];
        }
        return key;
    }
}
