package dev.mnemo.engine.table;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.DuplicateKeyException;
import dev.mnemo.engine.NotNullViolationException;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.RowTooLargeException;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.TypeMismatchException;
import dev.mnemo.engine.UnsupportedChangeException;
import dev.mnemo.engine.ValueTooLargeException;
import dev.mnemo.engine.codec.ByteSink;
import dev.mnemo.engine.codec.Conversions;
import dev.mnemo.engine.codec.KeyCodec;
import dev.mnemo.engine.codec.RowCodec;
import dev.mnemo.engine.codec.Values;
import dev.mnemo.engine.index.SecondaryIndex;
import dev.mnemo.engine.offheap.OffHeapSortedSet;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One table on this member: its schema versions, its rows off-heap (a Chronicle Map from encoded primary key
 * to {@link StoredValue}), the key order of an ordered_set, and its secondary indexes. Readers never lock;
 * the applier thread alone changes it.
 */
public final class Table implements AutoCloseable {
    private final Map<Integer, TableSchema> versions = new ConcurrentHashMap<>();
    private final OffHeapMap rows;
    /** The key order of an ordered_set (null for other kinds); replaced when the table is re-keyed. */
    private volatile OffHeapSortedSet order;
    private final TableLimits limits;
    private final Reclaimer reclaimer;
    /** The current schema with the indexes built for it, published as one so that readers see a matching pair. */
    private volatile Shape shape;
    private volatile long modVersion;
    /** What rows written before each column of the current schema existed read in it; rebuilt when stale. */
    private volatile Backfill backfill;
    /**
     * The oldest schema version whose columns have the types they have now: the last type change rewrote every row,
     * so no row is stored under an older version, and a write encoded under one is stale ({@link #encodesAsNow}).
     */
    private volatile int typesSince;

    /** {@code values[i]}: what a row that predates column {@code i} of schema version {@code version} reads. */
    private record Backfill(int version, Object[] values) {
    }

    /**
     * A schema version and the secondary indexes built for it ({@code indexes.get(i)} serves
     * {@code schema.indexes().get(i)}). An operation that uses both reads the shape once: DDL on another thread may
     * replace it meanwhile.
     */
    public record Shape(TableSchema schema, List<SecondaryIndex> indexes) {
    }

    public Table(TableSchema schema, TableLimits limits, Reclaimer reclaimer) {
        this.limits = limits;
        this.reclaimer = reclaimer;
        versions.put(schema.version(), schema);
        this.rows = new OffHeapMap(schema.name(), keyBytesGuess(schema), valueBytesGuess(schema),
                limits.rowsMax(), reclaimer);
        this.order = schema.kind() == TableKind.ORDERED_SET
                ? new OffHeapSortedSet(OffHeapSortedSet.pageBytesFor(limits.keyBytesMax()),
                limits.keyBytesMax()) : null;
        this.shape = new Shape(schema, buildIndexes(schema));
    }

    private static int keyBytesGuess(TableSchema s) {
        int n = 0;
        for (int p : s.keyPositions()) {
            n += typeBytesGuess(s.column(p).type()) + 1;
        }
        return n;
    }

    private static int valueBytesGuess(TableSchema s) {
        int n = StoredValue.HEADER_BYTES + (s.columnCount() + 7) / 8;
        for (ColumnDef c : s.columns()) {
            n += typeBytesGuess(c.type());
        }
        return n;
    }

    private static int typeBytesGuess(ColumnType t) {
        switch (t.kind()) {
            case VARCHAR: case CHAR: case VARBINARY: return Math.min(t.length(), 32) + 2;
            case DECIMAL: return 9;
            case TIMESTAMP: case TIMESTAMP_TZ: return 12;
            case UUID: return 16;
            default: return 8;
        }
    }

    private List<SecondaryIndex> buildIndexes(TableSchema s) {
        List<SecondaryIndex> out = new ArrayList<>();
        for (int i = 0; i < s.indexes().size(); i++) {
            // No entry limit of its own: tableRowsMax counts keys, and a bag key holds any number of indexed rows.
            out.add(new SecondaryIndex(s.name(), s.indexes().get(i), limits.keyBytesMax(), Long.MAX_VALUE, reclaimer));
        }
        return List.copyOf(out);
    }

    public TableSchema schema() {
        return shape.schema();
    }

    /** The schema and its indexes, as one consistent pair. */
    public Shape shape() {
        return shape;
    }

    public long tableId() {
        return shape.schema().tableId();
    }

    /** The commit version that last changed any row of this table (what scans validate against). */
    public long modVersion() {
        return modVersion;
    }

    public long size() {
        return rows.size();
    }

    public boolean isOrdered() {
        return order != null;
    }

    // ---- keys and rows ------------------------------------------------------------------------------------

    /** Encodes primary key values given by the user, coercing them to the key column types. */
    public byte[] encodeKey(Object[] keyValues) {
        ByteSink out = new ByteSink(16);
        encodeKey(keyValues, out);
        return out.toByteArray();
    }

    private void encodeKey(Object[] keyValues, ByteSink out) {
        TableSchema s = schema();
        int keyColumns = s.keyColumnCount();
        if (keyValues.length != keyColumns) {
            throw new TypeMismatchException("table " + s.name() + " has a key of " + keyColumns + " column(s) "
                    + s.primaryKeyNames() + ", got " + keyValues.length + " value(s)");
        }
        for (int i = 0; i < keyColumns; i++) {
            ColumnDef c = s.column(s.keyPosition(i));
            Object v = Values.coerce(c.type(), keyValues[i], c.name());
            if (v == null) {
                throw new NotNullViolationException("primary key column " + c.name() + " of table " + s.name()
                        + " cannot be NULL");
            }
            KeyCodec.encode(c.type(), v, out);
        }
        checkKeySize(out.size(), "primary key");
    }

    /** Encodes a key prefix (the first {@code values.length} key columns) for range bounds. */
    public byte[] encodeKeyPrefix(Object[] values) {
        TableSchema s = schema();
        int[] kp = s.keyPositions();
        if (values.length > kp.length) {
            throw new TypeMismatchException("range bound has " + values.length + " values, key of " + s.name()
                    + " has " + kp.length + " column(s)");
        }
        ByteSink out = new ByteSink(16);
        for (int i = 0; i < values.length; i++) {
            ColumnDef c = s.column(kp[i]);
            KeyCodec.encode(c.type(), Values.coerce(c.type(), values[i], c.name()), out);
        }
        return out.toByteArray();
    }

    /** The encoded primary key of a coerced row of the current schema. */
    public byte[] keyOf(TableSchema s, Object[] values) {
        ByteSink out = new ByteSink(16);
        for (int p : s.keyPositions()) {
            KeyCodec.encode(s.column(p).type(), values[p], out);
        }
        byte[] key = out.toByteArray();
        checkKeySize(key.length, "primary key");
        return key;
    }

    /**
     * A primary key (or a prefix of one) of this table's current schema as data format 10 and older may have encoded
     * it, in this build's encoding ({@link KeyCodec#upgradeText}); {@code key} itself if it is so already.
     */
    public byte[] upgradeKey(byte[] key) {
        if (!KeyCodec.mayHoldOlderText(key)) {
            return key;
        }
        TableSchema s = schema();
        int[] kp = s.keyPositions();
        ColumnType[] types = new ColumnType[kp.length];
        for (int i = 0; i < kp.length; i++) {
            types[i] = s.column(kp[i]).type();
        }
        return KeyCodec.upgradeText(types, key);
    }

    /** The encoded index key of a coerced row for index {@code i} of schema {@code s}. */
    public byte[] indexKeyOf(TableSchema s, int i, Object[] values) {
        ByteSink out = new ByteSink(16);
        for (int p : s.indexPositions(i)) {
            KeyCodec.encode(s.column(p).type(), values[p], out);
        }
        byte[] key = out.toByteArray();
        checkKeySize(key.length, "index " + s.indexes().get(i).name() + " key");
        return key;
    }

    /** How many leading bytes of an index entry (index key, then primary key) of index {@code i} are its index key. */
    public static int indexKeyLength(TableSchema s, int i, byte[] composite) {
        int pos = 0;
        for (int p : s.indexPositions(i)) {
            pos = KeyCodec.skip(s.column(p).type(), composite, pos);
        }
        return pos;
    }

    /** Encodes index values given by the user for index {@code i} of {@code s} (a prefix of its columns is allowed). */
    public byte[] encodeIndexValues(TableSchema s, int i, Object[] values) {
        int[] ip = s.indexPositions(i);
        if (values.length > ip.length) {
            throw new TypeMismatchException("index " + s.indexes().get(i).name() + " has " + ip.length
                    + " column(s), got " + values.length + " value(s)");
        }
        ByteSink out = new ByteSink(16);
        for (int k = 0; k < values.length; k++) {
            ColumnDef c = s.column(ip[k]);
            KeyCodec.encode(c.type(), Values.coerce(c.type(), values[k], c.name()), out);
        }
        return out.toByteArray();
    }

    public static boolean hasNull(TableSchema s, int i, Object[] values) {
        for (int p : s.indexPositions(i)) {
            if (values[p] == null) {
                return true;
            }
        }
        return false;
    }

    private void checkKeySize(int keyBytes, String what) {
        if (keyBytes > limits.keyBytesMax()) {
            throw ValueTooLargeException.tooLong(what + " of table " + schema().name() + " encodes to " + keyBytes
                    + " bytes, more than keyBytesMax " + limits.keyBytesMax());
        }
    }

    /**
     * Coerces a user's row to schema {@code s} of this table: positional rows by position, rows of this table by
     * column id, other rows by column name; checks types, sizes and NOT NULL. A column the row does not have takes its
     * default; one whose default is the time of the write takes {@code now}, one whose default is a random UUID a
     * new one.
     */
    public Object[] coerceRow(TableSchema s, Row row, Supplier<ZonedDateTime> now) {
        Object[] out = new Object[s.columnCount()];
        TableSchema from = row.schema();
        if (from == null && row.size() != s.columnCount()) {
            throw new TypeMismatchException("table " + s.name() + " has " + s.columnCount() + " columns, row has "
                    + row.size() + " values");
        }
        for (int i = 0; i < out.length; i++) {
            ColumnDef c = s.column(i);
            Object v = valueFor(s, i, row, from, now);
            v = Values.coerce(c.type(), v, c.name());
            if (v == null && !c.nullable()) {
                throw new NotNullViolationException("column " + c.name() + " of table " + s.name() + " is NOT NULL");
            }
            out[i] = v;
        }
        return out;
    }

    private static Object valueFor(TableSchema s, int i, Row row, TableSchema from, Supplier<ZonedDateTime> now) {
        if (from == null) {
            return row.get(i);
        }
        int p = from.tableId() == s.tableId() ? from.positionOfId(s.columnId(i))
                : from.hasColumn(s.column(i).name()) ? from.position(s.column(i).name()) : -1;
        if (p >= 0) {
            return row.get(p);
        }
        ColumnDef c = s.column(i);
        return c.drawnAtWrite() ? c.defaultAt(now.get()) : c.defaultValue();
    }

    /** Encodes coerced values under the current schema, enforcing the row size limit. */
    public byte[] encodeRow(TableSchema s, Object[] values) {
        ByteSink out = new ByteSink(64);
        RowCodec.encode(s, values, out);
        if (out.size() > limits.rowBytesMax()) {
            throw new RowTooLargeException("row of table " + s.name() + " encodes to " + out.size()
                    + " bytes, more than rowBytesMax " + limits.rowBytesMax());
        }
        return out.toByteArray();
    }

    /** Decodes a row image and projects it onto the current schema (added columns take their defaults). */
    public Object[] decode(int schemaVersion, byte[] buf, int off, int len) {
        return decode(schema(), schemaVersion, buf, off, len);
    }

    private Object[] decode(TableSchema now, int schemaVersion, byte[] buf, int off, int len) {
        TableSchema written = now.version() == schemaVersion ? now : versions.get(schemaVersion);
        if (written == null) {
            throw new IllegalStateException("table " + now.name() + " has no schema version " + schemaVersion);
        }
        Object[] values = RowCodec.decode(written, buf, off, len);
        if (written == now) {
            return values;
        }
        Object[] out = new Object[now.columnCount()];
        Object[] missing = null;
        for (int i = 0; i < out.length; i++) {
            int p = written.positionOfId(now.columnId(i));
            if (p < 0 && missing == null) {
                missing = backfill(now);
            }
            out[i] = p < 0 ? missing[i] : written.column(p).type().equals(now.column(i).type()) ? values[p]
                    : Conversions.convert(written.column(p).type(), now.column(i).type(), values[p],
                    now.column(i).name());
        }
        return out;
    }

    /**
     * What rows that predate each column of {@code now} read in it: the column's default in the version that added
     * it, so that a later SET DEFAULT or DROP DEFAULT leaves the rows already there unchanged.
     */
    private Object[] backfill(TableSchema now) {
        Backfill b = backfill;
        if (b != null && b.version() == now.version()) {
            return b.values();
        }
        List<TableSchema> history = history();
        Object[] values = new Object[now.columnCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = now.column(i).defaultValue();
            for (TableSchema s : history) {
                int p = s.positionOfId(now.columnId(i));
                if (p >= 0 && s.version() >= typesSince) { // rows of older versions were rewritten with every column
                    values[i] = Values.coerce(now.column(i).type(), s.column(p).defaultValue(), s.column(p).name());
                    break;
                }
            }
        }
        backfill = new Backfill(now.version(), values);
        return values;
    }

    /**
     * Checks a row written under an older schema version against the NOT NULL columns of the current one: a write
     * ordered after SET NOT NULL fails, on every member alike, whatever schema its writer saw.
     */
    public void checkNotNull(int schemaVersion, byte[] row) {
        TableSchema now = schema();
        if (schemaVersion == now.version()) {
            return; // encoded under the current schema, whose NOT NULL columns the writer already checked
        }
        checkNotNull(now, decode(now, schemaVersion, row, 0, row.length));
    }

    private static void checkNotNull(TableSchema s, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null && !s.column(i).nullable()) {
                throw new NotNullViolationException("column " + s.column(i).name() + " of table " + s.name()
                        + " is NOT NULL");
            }
        }
    }

    /** The rows held in a stored value, as values of the current schema. */
    public List<Object[]> decodeStored(byte[] stored) {
        List<Object[]> out = new ArrayList<>(1);
        decodeAndVisit(schema(), stored, stored.length, Integer.MAX_VALUE, out::add);
        return out;
    }

    /**
     * Gives {@code visitor} up to {@code rowsMax} rows of the stored value held in the first {@code len} bytes of
     * {@code buf} (its one row for a set or ordered_set; none when {@code len} is negative, for an absent key), in
     * stored order, until it returns false; returns false if it did. Every row is decoded before the visitor sees
     * the first, so a visitor may read again through this thread's scratch buffer, which {@code buf} may be.
     */
    private boolean decodeAndVisit(TableSchema now, byte[] buf, int len, int rowsMax, Predicate<Object[]> visitor) {
        if (len < 0) {
            return true;
        }
        if (now.kind() != TableKind.BAG) {
            return visitor.test(decodeSingle(now, buf, len));
        }
        for (Object[] values : decodeBag(now, buf, len, rowsMax)) {
            if (!visitor.test(values)) {
                return false;
            }
        }
        return true;
    }

    /** The row of the set or ordered_set value held in the first {@code len} bytes of {@code buf}. */
    private Object[] decodeSingle(TableSchema now, byte[] buf, int len) {
        int header = StoredValue.HEADER_BYTES;
        return decode(now, StoredValue.singleSchema(buf), buf, header, len - header);
    }

    /** Up to {@code rowsMax} rows of the bag value held in the first {@code len} bytes of {@code buf}. */
    private List<Object[]> decodeBag(TableSchema now, byte[] buf, int len, int rowsMax) {
        List<Object[]> out = new ArrayList<>();
        StoredValue.visitBagRows(buf, len, rowsMax,
                (schemaVersion, rowBuf, off, rowBytes) -> out.add(decode(now, schemaVersion, rowBuf, off, rowBytes)));
        return out;
    }

    public Row toRow(Object[] values) {
        return Row.ofSchema(schema(), values);
    }

    // ---- reading --------------------------------------------------------------------------------------------

    /** The stored value under an encoded key, or null. */
    public byte[] stored(byte[] key) {
        return rows.get(key);
    }

    /**
     * Gives {@code visitor} the committed rows under an encoded key (none when absent), in stored order, until it
     * returns false; returns false if it did. The value is read as {@link #readFirst} reads it, through this thread's
     * scratch buffer, and decoded whole before the visitor runs, so a visitor may read again: a walk over many keys
     * makes no array per stored value.
     */
    public boolean visitStored(byte[] key, Predicate<Object[]> visitor) {
        TableSchema now = schema();
        ReadScratch scratch = ReadScratch.begin();
        int len = rows.read(key, scratch);
        return decodeAndVisit(now, scratch.value(), len, Integer.MAX_VALUE, visitor);
    }

    /**
     * The committed row under a key given by the user (the first one for a bag), or null. The stored value is
     * copied whole, under its segment's read lock, into this thread's scratch buffer and decoded from there: no
     * array is made for the key or the stored value, and the row returned shares nothing with the buffer.
     */
    public Row readFirst(Object[] keyValues) {
        TableSchema now = schema();
        ReadScratch scratch = ReadScratch.begin();
        int len = readStored(keyValues, scratch);
        Row[] first = new Row[1];
        decodeAndVisit(now, scratch.value(), len, 1, values -> {
            first[0] = Row.ofSchema(now, values);
            return false;
        });
        return first[0];
    }

    /** Every committed row under a key given by the user (several for a bag), read as {@link #readFirst} reads. */
    public List<Row> readAll(Object[] keyValues) {
        TableSchema now = schema();
        ReadScratch scratch = ReadScratch.begin();
        int len = readStored(keyValues, scratch);
        List<Row> out = new ArrayList<>();
        decodeAndVisit(now, scratch.value(), len, Integer.MAX_VALUE, values -> out.add(Row.ofSchema(now, values)));
        return out;
    }

    private int readStored(Object[] keyValues, ReadScratch scratch) {
        encodeKey(keyValues, scratch.key());
        return rows.read(scratch);
    }

    /**
     * Visits the stored keys of an ordered_set in key order from {@code from} (null for an end). The visitor
     * returns false to stop; it wants about {@code keysWanted} keys ({@code Long.MAX_VALUE} when unknown), which
     * sizes the first chunk of keys copied (see {@link OffHeapSortedSet#forEach}).
     */
    public void forEachKey(byte[] from, boolean fromInclusive, boolean descending, long keysWanted,
                           Predicate<byte[]> visitor) {
        if (order == null) {
            throw new IllegalStateException("table " + shape.schema().name() + " keeps no key order");
        }
        order.forEach(from, fromInclusive, descending, keysWanted, visitor);
    }

    /**
     * The primary key values of an ordered_set's lowest committed row, or its highest if {@code highest}; null if it
     * holds none. Two reads (one key at an end of the order, then its row), cheap enough for a planner to place a
     * range between the ends and so guess the share of rows it holds. Not a transactional read: no read set records
     * it, and a row removed between the two reads gives null.
     */
    public Object[] endKey(boolean highest) {
        byte[][] key = new byte[1][];
        forEachKey(null, true, highest, 1, k -> {
            key[0] = k;
            return false;
        });
        if (key[0] == null) {
            return null;
        }
        TableSchema now = schema();
        ReadScratch scratch = ReadScratch.begin();
        int len = rows.read(key[0], scratch);
        Object[][] ends = new Object[1][];
        decodeAndVisit(now, scratch.value(), len, 1, values -> {
            int[] kp = now.keyPositions();
            ends[0] = new Object[kp.length];
            for (int i = 0; i < kp.length; i++) {
                ends[0][i] = values[kp[i]];
            }
            return false;
        });
        return ends[0];
    }

    /** The stored entries (key, stored value) in hash order, a segment at a time, for a scan in hash order. */
    public OffHeapMap.SegmentWalk storedSegments() {
        return rows.segmentWalk();
    }

    public List<SecondaryIndex> indexes() {
        return shape.indexes();
    }

    // ---- writing (applier thread only) --------------------------------------------------------------------

    /** Makes room for {@code more} new keys or throws {@link dev.mnemo.engine.TableFullException}. */
    public void reserve(int more) {
        rows.reserve(more);
    }

    /** Replaces the stored value under {@code key} ({@code newStored} null deletes it) and maintains indexes. */
    public void change(byte[] key, byte[] oldStored, byte[] newStored, long version) {
        if (oldStored != null) {
            unindex(key, oldStored);
        }
        if (newStored == null) {
            if (oldStored != null) {
                rows.remove(key);
                if (order != null) {
                    order.remove(key);
                }
            }
        } else {
            rows.put(key, newStored, oldStored);
            if (order != null && oldStored == null) {
                order.add(key);
            }
            index(key, newStored);
        }
    }

    private void index(byte[] key, byte[] stored) {
        Shape now = shape;
        List<SecondaryIndex> ixs = now.indexes();
        if (ixs.isEmpty()) {
            return;
        }
        TableSchema s = now.schema();
        for (Object[] values : decodeStored(stored)) {
            for (int i = 0; i < ixs.size(); i++) {
                ixs.get(i).add(indexKeyOf(s, i, values), hasNull(s, i, values), key);
            }
        }
    }

    private void unindex(byte[] key, byte[] stored) {
        Shape now = shape;
        List<SecondaryIndex> ixs = now.indexes();
        if (ixs.isEmpty()) {
            return;
        }
        TableSchema s = now.schema();
        for (Object[] values : decodeStored(stored)) {
            for (int i = 0; i < ixs.size(); i++) {
                ixs.get(i).remove(indexKeyOf(s, i, values), hasNull(s, i, values), key);
            }
        }
    }

    /**
     * Installs a new schema version. If the index set changed, the new indexes are built from the rows first;
     * a unique index that the rows violate fails with {@link DuplicateKeyException} and changes nothing. If a
     * column's type or the primary key changed, every row is converted to the new schema, moved to its new key and
     * stamped with {@code version} (so that transactions that read it conflict), and the indexes are rebuilt; a row
     * the new type cannot hold, or two rows on one new key (23505), fail the change and change nothing.
     */
    public void alter(TableSchema next, long version) {
        Shape was = shape;
        TableSchema current = was.schema();
        if (next.tableId() != current.tableId() || next.version() <= current.version()) {
            throw new IllegalStateException("schema versions of a table only move forward: " + current + " -> " + next);
        }
        checkNewNotNulls(current, next);
        checkNoRowsForDrawnPerRow(current, next);
        boolean rekey = !sameKey(current, next);
        boolean rewrite = rekey || retyped(current, next, false);
        boolean rebuild = rekey || !next.indexes().equals(current.indexes()) || retyped(current, next, true);
        // One pass converts every row to check it fits and to fill the new indexes, a second writes the converted
        // rows into a copy of the map: neither holds the table on the heap, and both run before anything changes.
        long[] bytes = new long[2];
        List<SecondaryIndex> fresh = rebuild || rewrite ? buildFilled(next, rewrite ? current : null, version,
                rebuild, rekey, bytes) : null;
        OffHeapSortedSet keyOrder = rekey && order != null ? new OffHeapSortedSet(
                OffHeapSortedSet.pageBytesFor(limits.keyBytesMax()), limits.keyBytesMax()) : null;
        OffHeapMap.Rewritten copy;
        try {
            copy = !rewrite ? null : rekey ? rekeyedCopy(current, next, version, bytes, keyOrder)
                    : rows.rewritten((k, v) -> converted(current, next, v, version).stored(), bytes[1]);
        } catch (RuntimeException e) {
            closeAll(fresh);
            if (keyOrder != null) {
                keyOrder.close();
            }
            throw e;
        }
        versions.put(next.version(), next);
        shape = new Shape(next, rebuild ? fresh : was.indexes());
        if (copy != null) {
            typesSince = next.version();
            backfill = null;
            rows.install(copy);
        } else if (addsDrawnPerRow(current, next)) {
            typesSince = next.version();
        }
        if (keyOrder != null) {
            OffHeapSortedSet old = order;
            order = keyOrder;
            reclaimer.retire(old);
        }
        if (rebuild) {
            for (SecondaryIndex ix : was.indexes()) {
                reclaimer.retire(ix);
            }
        }
        modVersion = Math.max(modVersion, version);
    }

    /** Whether two versions of a table have the same primary key: the same columns, in the same order. */
    private static boolean sameKey(TableSchema a, TableSchema b) {
        if (a.keyColumnCount() != b.keyColumnCount()) {
            return false;
        }
        for (int i = 0; i < a.keyColumnCount(); i++) {
            if (a.columnId(a.keyPosition(i)) != b.columnId(b.keyPosition(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A copy of the map with every row converted to {@code next} and stored under its key there, the keys added to
     * {@code keyOrder} (when the table keeps an order); two rows on one key fail with {@link DuplicateKeyException}.
     * {@code bytes} holds what the new keys and values add up to.
     */
    private OffHeapMap.Rewritten rekeyedCopy(TableSchema current, TableSchema next, long version, long[] bytes,
                                             OffHeapSortedSet keyOrder) {
        Object[][] moving = new Object[1][];
        return rows.rewritten((k, v) -> {
            Converted c = converted(current, next, v, version);
            moving[0] = c.rows().get(0); // a bag is never re-keyed: one row per key
            byte[] key = keyOf(next, moving[0]);
            if (keyOrder != null) {
                keyOrder.add(key);
            }
            return new OffHeapMap.Entry(key, c.stored());
        }, bytes[0], bytes[1], clash -> {
            throw new DuplicateKeyException("cannot make " + next.primaryKeyNames() + " the primary key of table "
                    + next.name() + ": rows repeat the key " + keyText(next, moving[0]));
        });
    }

    private static void closeAll(List<SecondaryIndex> indexes) {
        if (indexes != null) {
            for (SecondaryIndex ix : indexes) {
                ix.close();
            }
        }
    }

    /** A stored value's rows converted to a new schema, and the value that stores them under it. */
    private record Converted(List<Object[]> rows, byte[] stored) {
    }

    /** Whether a column of {@code current} has another type in {@code next} (with {@code indexed}, an indexed one). */
    private static boolean retyped(TableSchema current, TableSchema next, boolean indexed) {
        for (int i = 0; i < next.columnCount(); i++) {
            int p = current.positionOfId(next.columnId(i));
            if (p >= 0 && !current.column(p).type().equals(next.column(i).type())
                    && (!indexed || isIndexed(next, i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIndexed(TableSchema s, int position) {
        for (int i = 0; i < s.indexes().size(); i++) {
            for (int p : s.indexPositions(i)) {
                if (p == position) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The rows of one stored value converted to {@code next}'s column types, or the first that does not fit. */
    private Converted converted(TableSchema current, TableSchema next, byte[] stored, long version) {
        List<Object[]> converted = new ArrayList<>();
        for (Object[] values : decodeStored(stored)) {
            Object[] row = converted(current, next, values);
            if (converted.stream().noneMatch(r -> Arrays.deepEquals(r, row))) {
                converted.add(row); // a bag never holds two equal rows, even where conversion made them so
            }
        }
        return new Converted(converted, encodeStored(next, converted, version));
    }

    private static Object[] converted(TableSchema current, TableSchema next, Object[] values) {
        Object[] out = new Object[next.columnCount()];
        for (int i = 0; i < out.length; i++) {
            int p = current.positionOfId(next.columnId(i));
            ColumnType from = current.column(p).type();
            ColumnType to = next.column(i).type();
            try {
                out[i] = Conversions.convert(from, to, values[p], next.column(i).name());
            } catch (ValueTooLargeException | TypeMismatchException e) {
                String why = "cannot change column " + next.column(i).name() + " of table " + current.name() + " to "
                        + to + ": the row with key " + keyText(current, values) + " holds " + values[p] + " ("
                        + e.getMessage() + ")";
                throw e instanceof ValueTooLargeException ? new ValueTooLargeException(e.sqlState(), why)
                        : new TypeMismatchException(why);
            }
        }
        return out;
    }

    private static String keyText(TableSchema s, Object[] values) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < s.keyColumnCount(); i++) {
            int p = s.keyPosition(i);
            sb.append(i == 0 ? "" : ", ").append(s.column(p).name()).append('=').append(values[p]);
        }
        return sb.append(')').toString();
    }

    private byte[] encodeStored(TableSchema s, List<Object[]> rowValues, long version) {
        if (s.kind() != TableKind.BAG) {
            return StoredValue.single(version, s.version(), encodeRow(s, rowValues.get(0)));
        }
        List<StoredValue.Image> images = new ArrayList<>(rowValues.size());
        for (Object[] values : rowValues) {
            images.add(new StoredValue.Image(s.version(), encodeRow(s, values)));
        }
        return StoredValue.bag(version, images);
    }

    /**
     * Whether a row encoded under schema version {@code schemaVersion} is encoded as a row written now would be: not
     * if a column's type or the primary key changed since. Such a write was made before the change and is ordered
     * after it: its transaction conflicts, and runs again under the new types or key.
     */
    public boolean encodesAsNow(int schemaVersion) {
        return schemaVersion >= typesSince;
    }

    /**
     * A column added with a random UUID default, or the next value of a sequence, would give every row already there
     * the one value it is added with, and a schema change cannot draw one for each row (its apply runs on every member
     * and must agree; the engine keeps no sequences): it is made on an empty table only, checked in log order.
     */
    private void checkNoRowsForDrawnPerRow(TableSchema current, TableSchema next) {
        ColumnDef column = addedDrawnPerRow(current, next);
        if (column == null || rows.size() == 0) {
            return;
        }
        String name = column.name();
        if (column.randomUuidDefault()) {
            throw new UnsupportedChangeException("cannot add column " + name + " with DEFAULT RANDOM_UUID() to"
                    + " table " + next.name() + ", which has rows: they would all share one UUID. Add the column"
                    + " without the default, give each row its own (UPDATE ... SET " + name + " = RANDOM_UUID()),"
                    + " then SET DEFAULT RANDOM_UUID()");
        }
        String call = "NEXT VALUE FOR " + column.sequenceDefault();
        throw new UnsupportedChangeException("cannot add column " + name + " with DEFAULT " + call + " to table "
                + next.name() + ", which has rows: a change cannot draw a value for each of them. Add the column"
                + " without the default, give each row its own (UPDATE ... SET " + name + " = " + call + "), then"
                + " ALTER COLUMN " + name + " SET DEFAULT " + call);
    }

    /**
     * Whether {@code next} has a column that {@code current} lacks whose default is drawn for each row: a random
     * UUID or a sequence's next value. A write encoded before it would read the column as NULL, so such writes are
     * stale ({@link #encodesAsNow}) and run again.
     */
    private static boolean addsDrawnPerRow(TableSchema current, TableSchema next) {
        return addedDrawnPerRow(current, next) != null;
    }

    /** The column {@link #addsDrawnPerRow} finds, or null. */
    private static ColumnDef addedDrawnPerRow(TableSchema current, TableSchema next) {
        for (int i = 0; i < next.columnCount(); i++) {
            ColumnDef c = next.column(i);
            if ((c.randomUuidDefault() || c.sequenceDefault() != null) && current.positionOfId(next.columnId(i)) < 0) {
                return c;
            }
        }
        return null;
    }

    /** A column made NOT NULL must hold a value in every row already there, else the change fails (23502). */
    private void checkNewNotNulls(TableSchema current, TableSchema next) {
        for (int i = 0; i < next.columnCount(); i++) {
            int p = current.positionOfId(next.columnId(i));
            if (p < 0 || next.column(i).nullable() || !current.column(p).nullable()) {
                continue;
            }
            String column = next.column(i).name();
            rows.forEach((k, v) -> {
                for (Object[] values : decodeStored(v)) {
                    if (values[p] == null) {
                        throw new NotNullViolationException("cannot make column " + column + " of table "
                                + current.name() + " NOT NULL: a row holds NULL in it");
                    }
                }
            });
        }
    }

    /** Registers an older schema version (recovery and snapshots bring every version rows may use). */
    public void addHistory(TableSchema older) {
        versions.putIfAbsent(older.version(), older);
        backfill = null;
        typesSince = typesSince(history(), schema());
    }

    /**
     * The oldest version of {@code history} after which neither a column's type nor the primary key changed up to
     * {@code now}: every change since left the rows as they were encoded.
     */
    private static int typesSince(List<TableSchema> history, TableSchema now) {
        int since = now.version();
        for (int i = history.size() - 1; i >= 0 && !retyped(history.get(i), now, false)
                && sameKey(history.get(i), now)
                && (i == history.size() - 1 || !addsDrawnPerRow(history.get(i), history.get(i + 1))); i--) {
            since = history.get(i).version();
        }
        return since;
    }

    public List<TableSchema> history() {
        List<TableSchema> out = new ArrayList<>(versions.values());
        out.sort((a, b) -> Integer.compare(a.version(), b.version()));
        return out;
    }

    /**
     * The indexes of {@code next} filled from the rows (when {@code fill}), each row converted from {@code from}
     * first when the change converts them (else null: an index change without a type change leaves rows decoding
     * alike under the current and the next schema), and entered under its key in {@code next} when {@code rekey}. A
     * conversion visits every row, so it also checks each fits and adds up the bytes of the keys and converted
     * values into {@code bytes[0]} and {@code bytes[1]}. Fails, closing what it built, on the first row that does
     * not fit or repeats a unique value.
     */
    private List<SecondaryIndex> buildFilled(TableSchema next, TableSchema from, long version, boolean fill,
                                             boolean rekey, long[] bytes) {
        List<SecondaryIndex> fresh = fill ? buildIndexes(next) : List.of();
        String change = rekey ? "change the primary key under unique index"
                : from == null ? "create unique index" : "change a column's type under unique index";
        try {
            rows.forEach((k, v) -> {
                List<Object[]> rowValues;
                if (from == null) {
                    rowValues = decodeStored(v);
                } else {
                    Converted c = converted(from, next, v, version);
                    bytes[1] += c.stored().length;
                    rowValues = c.rows();
                }
                for (Object[] values : rowValues) {
                    byte[] key = rekey ? keyOf(next, values) : k;
                    bytes[0] += key.length;
                    for (int i = 0; i < fresh.size(); i++) {
                        addChecked(next, i, fresh.get(i), values, key, change);
                    }
                }
            });
        } catch (RuntimeException e) {
            closeAll(fresh);
            throw e;
        }
        return fill ? fresh : null;
    }

    /** Adds a row's entry to a new index; {@code change} says what a repeated unique entry refuses. */
    private void addChecked(TableSchema s, int i, SecondaryIndex ix, Object[] values, byte[] key, String change) {
        byte[] ik = indexKeyOf(s, i, values);
        boolean hasNull = hasNull(s, i, values);
        if (ix.def().isUnique() && !hasNull) {
            for (byte[] holder : ix.lookup(ik, false)) {
                if (!Arrays.equals(holder, key)) {
                    throw new DuplicateKeyException("cannot " + change + " " + ix.def().name() + " on table "
                            + s.name() + ": rows repeat the value " + describe(s, i, values));
                }
            }
        }
        ix.add(ik, hasNull, key);
    }

    /** The indexed values of a row, for error messages. */
    public static String describe(TableSchema s, int i, Object[] values) {
        StringBuilder sb = new StringBuilder("(");
        int[] ip = s.indexPositions(i);
        for (int k = 0; k < ip.length; k++) {
            sb.append(k == 0 ? "" : ", ").append(s.column(ip[k]).name()).append('=').append(values[ip[k]]);
        }
        return sb.append(')').toString();
    }

    /** Visits every stored entry (key, stored value); weakly consistent unless writes are held off. */
    public void forEachStored(BiConsumer<byte[], byte[]> visitor) {
        rows.forEach(visitor);
    }

    /** Removes every row. */
    public void truncate(long version) {
        rows.clear();
        if (order != null) {
            order.clear();
        }
        for (SecondaryIndex ix : indexes()) {
            ix.clear();
        }
        modVersion = Math.max(modVersion, version);
    }

    /**
     * Records that a commit at {@code version} changed this table. The applier calls it after writing all of a
     * record's rows: a scan that reads the new version then sees every row of that commit, and a scan that read
     * the old one while rows were being written fails validation.
     */
    public void setModVersion(long version) {
        modVersion = Math.max(modVersion, version);
    }

    @Override
    public void close() {
        rows.close();
        if (order != null) {
            reclaimer.retire(order);
        }
        for (SecondaryIndex ix : indexes()) {
            reclaimer.retire(ix);
        }
    }
}
