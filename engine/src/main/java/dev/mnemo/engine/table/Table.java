package dev.mnemo.engine.table;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.DuplicateKeyException;
import dev.mnemo.engine.NotNullViolationException;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.TypeMismatchException;
import dev.mnemo.engine.ValueTooLargeException;
import dev.mnemo.engine.codec.ByteSink;
import dev.mnemo.engine.codec.KeyCodec;
import dev.mnemo.engine.codec.RowCodec;
import dev.mnemo.engine.codec.Values;
import dev.mnemo.engine.index.SecondaryIndex;
import dev.mnemo.engine.offheap.OffHeapSortedSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * One table on this member: its schema versions, its rows off-heap (a Chronicle Map from encoded primary key
 * to {@link StoredValue}), the key order of an ordered_set, and its secondary indexes. Readers never lock;
 * the applier thread alone changes it.
 */
public final class Table implements AutoCloseable {
    private final Map<Integer, TableSchema> versions = new ConcurrentHashMap<>();
    private final OffHeapMap rows;
    private final OffHeapSortedSet order;
    private final TableLimits limits;
    private final Reclaimer reclaimer;
    private volatile TableSchema schema;
    private volatile List<SecondaryIndex> indexes = List.of();
    private volatile long modVersion;

    public Table(TableSchema schema, TableLimits limits, Reclaimer reclaimer) {
        this.schema = schema;
        this.limits = limits;
        this.reclaimer = reclaimer;
        versions.put(schema.version(), schema);
        this.rows = new OffHeapMap(schema.name(), keyBytesGuess(schema), valueBytesGuess(schema),
                limits.rowsMax(), reclaimer);
        this.order = schema.kind() == TableKind.ORDERED_SET
                ? new OffHeapSortedSet(OffHeapSortedSet.pageBytesFor(limits.keyBytesMax()),
                limits.keyBytesMax()) : null;
        this.indexes = buildIndexes(schema);
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
            case TIMESTAMP: return 12;
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
        return schema;
    }

    public long tableId() {
        return schema.tableId();
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
        TableSchema s = schema;
        int[] kp = s.keyPositions();
        if (keyValues.length != kp.length) {
            throw new TypeMismatchException("table " + s.name() + " has a key of " + kp.length + " column(s) "
                    + s.primaryKeyNames() + ", got " + keyValues.length + " value(s)");
        }
        ByteSink out = new ByteSink(16);
        for (int i = 0; i < kp.length; i++) {
            ColumnDef c = s.column(kp[i]);
            Object v = Values.coerce(c.type(), keyValues[i], c.name());
            if (v == null) {
                throw new NotNullViolationException("primary key column " + c.name() + " of table " + s.name()
                        + " cannot be NULL");
            }
            KeyCodec.encode(c.type(), v, out);
        }
        return checkKeySize(out.toByteArray(), "primary key");
    }

    /** Encodes a key prefix (the first {@code values.length} key columns) for range bounds. */
    public byte[] encodeKeyPrefix(Object[] values) {
        TableSchema s = schema;
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
        return checkKeySize(out.toByteArray(), "primary key");
    }

    /** The encoded index key of a coerced row for index {@code i} of schema {@code s}. */
    public byte[] indexKeyOf(TableSchema s, int i, Object[] values) {
        ByteSink out = new ByteSink(16);
        for (int p : s.indexPositions(i)) {
            KeyCodec.encode(s.column(p).type(), values[p], out);
        }
        return checkKeySize(out.toByteArray(), "index " + s.indexes().get(i).name() + " key");
    }

    /** Encodes index values given by the user (a prefix of the index columns is allowed). */
    public byte[] encodeIndexValues(int i, Object[] values) {
        TableSchema s = schema;
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

    private byte[] checkKeySize(byte[] key, String what) {
        if (key.length > limits.keyBytesMax()) {
            throw ValueTooLargeException.tooLong(what + " of table " + schema.name() + " encodes to " + key.length
                    + " bytes, more than keyBytesMax " + limits.keyBytesMax());
        }
        return key;
    }

    /**
     * Coerces a user's row to the current schema: positional rows by position, rows of this table by column id,
     * other rows by column name; checks types, sizes and NOT NULL.
     */
    public Object[] coerceRow(Row row) {
        TableSchema s = schema;
        Object[] out = new Object[s.columnCount()];
        TableSchema from = row.schema();
        if (from == null && row.size() != s.columnCount()) {
            throw new TypeMismatchException("table " + s.name() + " has " + s.columnCount() + " columns, row has "
                    + row.size() + " values");
        }
        for (int i = 0; i < out.length; i++) {
            ColumnDef c = s.column(i);
            Object v = valueFor(s, i, row, from);
            v = Values.coerce(c.type(), v, c.name());
            if (v == null && !c.nullable()) {
                throw new NotNullViolationException("column " + c.name() + " of table " + s.name() + " is NOT NULL");
            }
            out[i] = v;
        }
        return out;
    }

    private static Object valueFor(TableSchema s, int i, Row row, TableSchema from) {
        if (from == null) {
            return row.get(i);
        }
        int p = from.tableId() == s.tableId() ? from.positionOfId(s.columnId(i))
                : from.hasColumn(s.column(i).name()) ? from.position(s.column(i).name()) : -1;
        return p >= 0 ? row.get(p) : s.column(i).defaultValue();
    }

    /** Encodes coerced values under the current schema, enforcing the row size limit. */
    public byte[] encodeRow(TableSchema s, Object[] values) {
        ByteSink out = new ByteSink(64);
        RowCodec.encode(s, values, out);
        if (out.size() > limits.rowBytesMax()) {
            throw new dev.mnemo.engine.RowTooLargeException("row of table " + s.name() + " encodes to " + out.size()
                    + " bytes, more than rowBytesMax " + limits.rowBytesMax());
        }
        return out.toByteArray();
    }

    /** Decodes a row image and projects it onto the current schema (added columns take their defaults). */
    public Object[] decode(int schemaVersion, byte[] buf, int off, int len) {
        TableSchema written = versions.get(schemaVersion);
        if (written == null) {
            throw new IllegalStateException("table " + schema.name() + " has no schema version " + schemaVersion);
        }
        Object[] values = RowCodec.decode(written, buf, off, len);
        TableSchema now = schema;
        if (written == now) {
            return values;
        }
        Object[] out = new Object[now.columnCount()];
        for (int i = 0; i < out.length; i++) {
            int p = written.positionOfId(now.columnId(i));
            out[i] = p >= 0 ? values[p] : now.column(i).defaultValue();
        }
        return out;
    }

    /** The rows held in a stored value, as values of the current schema. */
    public List<Object[]> decodeStored(byte[] stored) {
        if (schema.kind() != TableKind.BAG) {
            return List.<Object[]>of(decode(StoredValue.singleSchema(stored), stored, StoredValue.HEADER_BYTES,
                    stored.length - StoredValue.HEADER_BYTES));
        }
        List<Object[]> out = new ArrayList<>();
        for (StoredValue.Image im : StoredValue.bagRows(stored)) {
            out.add(decode(im.schemaVersion(), im.row(), 0, im.row().length));
        }
        return out;
    }

    public Row toRow(Object[] values) {
        return Row.ofSchema(schema, values);
    }

    // ---- reading --------------------------------------------------------------------------------------------

    /** The stored value under an encoded key, or null. */
    public byte[] stored(byte[] key) {
        return rows.get(key);
    }

    /**
     * Visits stored keys: for an ordered_set in key order from {@code from} (null for an end); for other kinds
     * in hash order (bounds ignored). The visitor returns false to stop.
     */
    public void forEachKey(byte[] from, boolean fromInclusive, boolean descending, Predicate<byte[]> visitor) {
        if (order != null) {
            order.forEach(from, fromInclusive, descending, visitor);
            return;
        }
        List<byte[]> keys = new ArrayList<>();
        rows.forEach((k, v) -> keys.add(k));
        for (byte[] k : keys) {
            if (!visitor.test(k)) {
                return;
            }
        }
    }

    public List<SecondaryIndex> indexes() {
        return indexes;
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
        List<SecondaryIndex> ixs = indexes;
        if (ixs.isEmpty()) {
            return;
        }
        TableSchema s = schema;
        for (Object[] values : decodeStored(stored)) {
            for (int i = 0; i < ixs.size(); i++) {
                ixs.get(i).add(indexKeyOf(s, i, values), hasNull(s, i, values), key);
            }
        }
    }

    private void unindex(byte[] key, byte[] stored) {
        List<SecondaryIndex> ixs = indexes;
        if (ixs.isEmpty()) {
            return;
        }
        TableSchema s = schema;
        for (Object[] values : decodeStored(stored)) {
            for (int i = 0; i < ixs.size(); i++) {
                ixs.get(i).remove(indexKeyOf(s, i, values), hasNull(s, i, values), key);
            }
        }
    }

    /**
     * Installs a new schema version. If the index set changed, the new indexes are built from the rows first;
     * a unique index that the rows violate fails with {@link DuplicateKeyException} and changes nothing.
     */
    public void alter(TableSchema next, long version) {
        if (next.tableId() != schema.tableId() || next.version() <= schema.version()) {
            throw new IllegalStateException("schema versions of a table only move forward: " + schema + " -> " + next);
        }
        List<SecondaryIndex> fresh = next.indexes().equals(schema.indexes()) ? null : buildFilled(next);
        versions.put(next.version(), next);
        schema = next;
        if (fresh != null) {
            List<SecondaryIndex> old = indexes;
            indexes = fresh;
            for (SecondaryIndex ix : old) {
                reclaimer.retire(ix);
            }
        }
        modVersion = Math.max(modVersion, version);
    }

    /** Registers an older schema version (recovery and snapshots bring every version rows may use). */
    public void addHistory(TableSchema older) {
        versions.putIfAbsent(older.version(), older);
    }

    public List<TableSchema> history() {
        List<TableSchema> out = new ArrayList<>(versions.values());
        out.sort((a, b) -> Integer.compare(a.version(), b.version()));
        return out;
    }

    /** Index changes never change columns, so rows decode alike under the current and the next schema. */
    private List<SecondaryIndex> buildFilled(TableSchema next) {
        List<SecondaryIndex> fresh = buildIndexes(next);
        try {
            rows.forEach((k, v) -> {
                for (Object[] values : decodeStored(v)) {
                    for (int i = 0; i < fresh.size(); i++) {
                        addChecked(next, i, fresh.get(i), values, k);
                    }
                }
            });
        } catch (RuntimeException e) {
            for (SecondaryIndex ix : fresh) {
                ix.close();
            }
            throw e;
        }
        return fresh;
    }

    private void addChecked(TableSchema s, int i, SecondaryIndex ix, Object[] values, byte[] key) {
        byte[] ik = indexKeyOf(s, i, values);
        boolean hasNull = hasNull(s, i, values);
        if (ix.def().isUnique() && !hasNull) {
            for (byte[] holder : ix.lookup(ik, false)) {
                if (!java.util.Arrays.equals(holder, key)) {
                    throw new DuplicateKeyException("cannot create unique index " + ix.def().name() + " on table "
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
    public void forEachStored(java.util.function.BiConsumer<byte[], byte[]> visitor) {
        rows.forEach(visitor);
    }

    /** Removes every row. */
    public void truncate(long version) {
        rows.clear();
        if (order != null) {
            order.clear();
        }
        for (SecondaryIndex ix : indexes) {
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
        for (SecondaryIndex ix : indexes) {
            reclaimer.retire(ix);
        }
    }
}
