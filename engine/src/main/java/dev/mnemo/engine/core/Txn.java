package dev.mnemo.engine.core;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.DuplicateKeyException;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.IndexScan;
import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.SchemaException;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableScan;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.Transaction;
import dev.mnemo.engine.TransactionAbortedException;
import dev.mnemo.engine.UnknownIndexException;
import dev.mnemo.engine.codec.ByteKey;
import dev.mnemo.engine.codec.Utf8;
import dev.mnemo.engine.codec.Values;
import dev.mnemo.engine.index.SecondaryIndex;
import dev.mnemo.engine.table.Bounds;
import dev.mnemo.engine.table.StoredValue;
import dev.mnemo.engine.table.Table;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.DdlOp;
import dev.mnemo.engine.txn.Outcome;
import dev.mnemo.engine.txn.ReadItem;
import dev.mnemo.engine.txn.WriteOp;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One attempt of an optimistic transaction: reads record (table, key, version) — scans the table's
 * modification version — and see the buffered writes; commit hands read and write sets to the commit log,
 * or, with no writes, validates locally without touching the log.
 */
final class Txn implements Transaction {
    private final Engine engine;
    private final Map<KeyRef, ReadItem> reads = new LinkedHashMap<>();
    private final Map<Long, Long> scans = new HashMap<>();
    /** The walks over ordered_sets' key ranges, by table, while they stay small enough to check one by one. */
    private final Map<Long, Walks> walks = new HashMap<>();
    /**
     * The highest table version a walk ended at. A walk stays valid over commits elsewhere in its table, and also over
     * one that removed a key before the walk reached it: what it gave depends on that commit being durable.
     */
    private long walkedTo;
    private final List<WriteOp> writes = new ArrayList<>();
    private final Map<Long, TreeMap<ByteKey, List<WriteOp>>> pending = new HashMap<>();
    /** The walks under way (a visitor may begin another): each keeps the writes it began with. */
    private final List<OwnWritesAtStart> walking = new ArrayList<>(1);
    /** The declared moves by the row each made (table id, encoded row): a later move of that row continues it. */
    private final Map<KeyRef, WriteOp> moves = new HashMap<>();
    private boolean doomed;
    /** Set once this attempt committed (its result is final even when null). */
    boolean committed;
    /** Set when the whole attempt ran with applies held off: a read-only attempt is then valid as it stands. */
    boolean heldThroughout;
    /** Set when the function threw on a state that changed under it: the attempt must run again. */
    boolean ranStale;
    /** The time of this attempt's writes, read from the clock once, when a default first needs it. */
    private ZonedDateTime now;

    Txn(Engine engine) {
        this.engine = engine;
    }

    private record KeyRef(long tableId, ByteKey key) {
    }

    /**
     * How much checking the range walks of one table may ask of the applier: a walk costs one per row it saw and
     * one for itself. Past this, the table is read whole as far as validation goes: the applier re-walks a range
     * only when its table changed, and a transaction that saw many rows would have it do so on every busy commit.
     */
    static final int WALK_COST_MAX = 64;

    /** A table's range walks, and what checking them costs. */
    private static final class Walks {
        final List<ReadItem> items = new ArrayList<>();
        long cost;
    }

    /** Where a read made in pieces keeps its place among its table's walks, so that each piece widens it there. */
    static final class WalkSlot {
        private Walks walks;
        private int at;
        private long rows;
    }

    boolean isReadOnly() {
        return writes.isEmpty();
    }

    /** True when a read already saw two versions of one thing: the attempt cannot commit. */
    boolean isDoomed() {
        return doomed;
    }

    // ---- reads -------------------------------------------------------------------------------------------

    @Override
    public Row read(String table, Object... key) {
        List<Row> rows = readAll(table, key);
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Override
    public List<Row> readAll(String table, Object... key) {
        Table t = engine.catalog().require(table);
        return toRows(t, view(t, t.encodeKey(key)));
    }

    @Override
    public boolean tableExists(String table) {
        Table t = engine.catalog().find(table);
        byte[] name = Utf8.encode(table.toUpperCase(Locale.ROOT));
        recordRead(ReadItem.CATALOG, name, t == null ? 0 : t.tableId());
        return t != null;
    }

    /** The rows under a key as this transaction sees them: committed state, then its own writes on top. */
    private List<Object[]> view(Table t, byte[] key) {
        return view(t, key, pendingOps(t.tableId(), key));
    }

    /** The rows under a key: committed state, then {@code ops} (this transaction's writes to it, or null) on top. */
    List<Object[]> view(Table t, byte[] key, List<WriteOp> ops) {
        boolean overwrites = ops != null && t.schema().kind() != TableKind.BAG;
        List<Object[]> rows = overwrites ? new ArrayList<>() : committed(t, key, true);
        if (ops != null) {
            rows = applyOps(t, rows, ops);
        }
        return rows;
    }

    private List<Object[]> committed(Table t, byte[] key, boolean record) {
        byte[] stored = t.stored(key);
        if (record) {
            recordRead(t.tableId(), key, stored == null ? 0 : StoredValue.version(stored));
        }
        return stored == null ? new ArrayList<>() : new ArrayList<>(t.decodeStored(stored));
    }

    private void recordRead(long tableId, byte[] key, long version) {
        ReadItem prior = reads.putIfAbsent(new KeyRef(tableId, new ByteKey(key)), new ReadItem(tableId, key, version));
        if (prior != null && prior.version() != version) {
            doomed = true;
        }
    }

    private void recordScan(Table t) {
        // The applier raises a table's version only after writing all of a commit's rows, so a scan that starts
        // mid-commit reads the older version and fails validation rather than commit on part of it.
        recordScan(t.tableId(), t.modVersion());
    }

    private void recordScan(long tableId, long seen) {
        Long prior = scans.putIfAbsent(tableId, seen);
        if (prior != null && prior != seen) {
            doomed = true;
        }
    }

    /**
     * Records a walk over an ordered_set begun at the table's version {@code seen}: within {@code b}, and up to
     * {@code cutAt} if it stopped there (null: it reached the end of {@code b}), it visited {@code rows} stored keys.
     */
    private void recordWalk(Table t, Bounds b, long seen, long rows, byte[] cutAt) {
        addWalk(t.tableId(), ReadItem.range(t.tableId(), b.coveredUpTo(cutAt), rows, seen), null);
    }

    /**
     * Records what an index read made in pieces ({@link IndexPieceScan}) covered so far: in place of what it recorded
     * under {@code slot} before.
     */
    void recordIndexWalk(Table t, ReadItem read, WalkSlot slot) {
        walkedTo = Math.max(walkedTo, t.modVersion());
        addWalk(t.tableId(), read, slot);
    }

    /**
     * Adds a walk's read to those of its table, or puts it in place of the one added under {@code slot} (null for a
     * walk made at once). Past {@link #WALK_COST_MAX}, the table counts as read whole, at each walk's version.
     */
    private void addWalk(long id, ReadItem read, WalkSlot slot) {
        if (scans.containsKey(id)) {
            recordScan(id, read.version());
            return;
        }
        Walks w = walks.computeIfAbsent(id, k -> new Walks());
        long rows = read.range().rows();
        if (slot != null && slot.walks == w) {
            w.items.set(slot.at, read);
            w.cost += rows - slot.rows;
        } else {
            w.items.add(read);
            w.cost += rows + 1;
            if (slot != null) {
                slot.walks = w;
                slot.at = w.items.size() - 1;
            }
        }
        if (slot != null) {
            slot.rows = rows;
        }
        if (w.cost > WALK_COST_MAX) {
            walks.remove(id);
            for (ReadItem r : w.items) {
                recordScan(id, r.version());
            }
        }
    }

    @Override
    public void readLockTable(String table) {
        recordScan(engine.catalog().require(table));
    }

    private static List<Object[]> applyOps(Table t, List<Object[]> rows, List<WriteOp> ops) {
        for (WriteOp w : ops) {
            Object[] v = w.carriesRow() ? t.decode(w.schemaVersion(), w.row(), 0, w.row().length) : null;
            switch (w.type()) {
                case DELETE:
                    rows.clear();
                    break;
                case BAG_REMOVE:
                    rows.removeIf(r -> Arrays.deepEquals(r, v));
                    break;
                case PUT: case INSERT:
                    rows.clear();
                    rows.add(v);
                    break;
                case BAG_ADD:
                    if (rows.stream().noneMatch(r -> Arrays.deepEquals(r, v))) {
                        rows.add(v);
                    }
                    break;
                default:
                    throw new IllegalStateException("unhandled write " + w.type());
            }
        }
        return rows;
    }

    private List<WriteOp> pendingOps(long tableId, byte[] key) {
        TreeMap<ByteKey, List<WriteOp>> m = pending.get(tableId);
        return m == null ? null : m.get(new ByteKey(key));
    }

    private static List<Row> toRows(Table t, List<Object[]> values) {
        List<Row> out = new ArrayList<>(values.size());
        for (Object[] v : values) {
            out.add(t.toRow(v));
        }
        return out;
    }

    // ---- writes ------------------------------------------------------------------------------------------

    // A write reads the table's shape once: coercion, keys, unique checks and encoding must all use the schema
    // version the row is stamped with, and that version's indexes, even if DDL replaces them meanwhile.

    @Override
    public void write(String table, Row row) {
        Table t = engine.catalog().require(table);
        Table.Shape shape = t.shape();
        Object[] values = t.coerceRow(shape.schema(), row, this::now);
        checkUnique(t, shape, values);
        buffer(t, shape.schema(), shape.schema().kind() == TableKind.BAG ? WriteOp.Type.BAG_ADD : WriteOp.Type.PUT,
                values);
    }

    @Override
    public boolean insert(String table, Row row) {
        Table t = engine.catalog().require(table);
        Table.Shape shape = t.shape();
        TableSchema s = shape.schema();
        Object[] values = t.coerceRow(s, row, this::now);
        byte[] key = t.keyOf(s, values);
        if (s.kind() == TableKind.BAG) {
            // Reading the key's rows records them, so the answer is validated with the rest at commit.
            if (view(t, key).stream().anyMatch(r -> Arrays.deepEquals(r, values))) {
                return false;
            }
            checkUnique(t, shape, values);
            buffer(t, s, WriteOp.Type.BAG_ADD, values);
            return true;
        }
        if (!view(t, key).isEmpty()) {
            throw new DuplicateKeyException("table " + s.name() + " already has a row with key "
                    + keyText(s, values));
        }
        checkUnique(t, shape, values);
        buffer(t, s, WriteOp.Type.INSERT, values);
        return true;
    }

    @Override
    public boolean delete(String table, Object... key) {
        Table t = engine.catalog().require(table);
        byte[] k = t.encodeKey(key);
        boolean existed = !view(t, k).isEmpty();
        if (existed) {
            addOp(t, new WriteOp(t.tableId(), WriteOp.Type.DELETE, k, 0, null));
        }
        return existed;
    }

    @Override
    public boolean deleteObject(String table, Row row) {
        Table t = engine.catalog().require(table);
        TableSchema s = t.schema();
        Object[] values = t.coerceRow(s, row, this::now);
        byte[] key = t.keyOf(s, values);
        boolean present = view(t, key).stream().anyMatch(r -> Arrays.deepEquals(r, values));
        if (!present) {
            return false;
        }
        if (s.kind() == TableKind.BAG) {
            buffer(t, s, WriteOp.Type.BAG_REMOVE, values);
        } else {
            addOp(t, new WriteOp(t.tableId(), WriteOp.Type.DELETE, key, 0, null));
        }
        return true;
    }

    @Override
    public void moved(String table, Row old, Row updated) {
        Table t = engine.catalog().require(table);
        TableSchema s = t.schema();
        Object[] from = t.coerceRow(s, old, this::now);
        byte[] key = t.keyOf(s, from);
        byte[] fromRow = t.encodeRow(s, from);
        byte[] toRow = t.encodeRow(s, t.coerceRow(s, updated, this::now));
        WriteOp earlier = moves.get(new KeyRef(t.tableId(), new ByteKey(fromRow)));
        WriteOp op;
        if (earlier != null && earlier.schemaVersion() == s.version() && inPlace(t, key, fromRow)) {
            // old is what an earlier move of this transaction made: the row moves on from where that move began
            op = new WriteOp(t.tableId(), WriteOp.Type.MOVED, earlier.key(), s.version(), toRow, earlier.from());
        } else {
            op = new WriteOp(t.tableId(), WriteOp.Type.MOVED, key, s.version(), toRow, fromRow);
        }
        writes.add(op); // not pending: it changes no key this transaction reads
        moves.put(new KeyRef(t.tableId(), new ByteKey(toRow)), op);
        // The applier checks the declared row against the key's row: a concurrent change must conflict, not fail.
        byte[] stored = t.stored(op.key());
        recordRead(t.tableId(), op.key(), stored == null ? 0 : StoredValue.version(stored));
    }

    /** Whether this transaction's last write to the key stored exactly this row. */
    private boolean inPlace(Table t, byte[] key, byte[] row) {
        List<WriteOp> ops = pendingOps(t.tableId(), key);
        WriteOp last = ops == null ? null : ops.get(ops.size() - 1);
        return last != null && last.carriesRow() && Arrays.equals(last.row(), row);
    }

    private void buffer(Table t, TableSchema s, WriteOp.Type type, Object[] values) {
        byte[] key = t.keyOf(s, values);
        addOp(t, new WriteOp(t.tableId(), type, key, s.version(), t.encodeRow(s, values)));
    }

    private void addOp(Table t, WriteOp op) {
        writes.add(op);
        indexPending(op);
        forgetMovesRemovedBy(t, op);
    }

    /** A row a move made and this transaction removes again is deleted: a later move of a row alike starts anew. */
    private void forgetMovesRemovedBy(Table t, WriteOp op) {
        if (moves.isEmpty() || t == null) {
            return;
        }
        if (op.type() == WriteOp.Type.BAG_REMOVE) {
            moves.remove(new KeyRef(op.tableId(), new ByteKey(op.row())));
        } else if (op.type() == WriteOp.Type.DELETE) {
            moves.values().removeIf(m -> m.tableId() == op.tableId()
                    && Arrays.equals(t.keyOf(t.schema(), t.decode(m.schemaVersion(), m.row(), 0, m.row().length)),
                            op.key()));
        }
    }

    private void indexPending(WriteOp op) {
        keepWritesOfWalks(op.tableId());
        pending.computeIfAbsent(op.tableId(), id -> new TreeMap<>())
                .computeIfAbsent(new ByteKey(op.key()), k -> new ArrayList<>(1)).add(op);
    }

    /** Lets the walks under way over a table keep its writes as they were before the write about to be made. */
    private void keepWritesOfWalks(long tableId) {
        for (OwnWritesAtStart w : walking) {
            if (w.tableId() == tableId) {
                w.keep();
            }
        }
    }

    /** How many writes are buffered: a savepoint for {@link #truncateWrites}. */
    int writeCount() {
        return writes.size();
    }

    /** Forgets the writes buffered after the first {@code count}; recorded reads stay. */
    void truncateWrites(int count) {
        if (count < 0 || count > writes.size()) {
            throw new IllegalArgumentException("savepoint " + count + " outside 0.." + writes.size());
        }
        writes.subList(count, writes.size()).clear();
        pending.clear(); // a walk under way keeps the maps cleared here, which nothing changes any more
        moves.clear();
        for (WriteOp op : writes) {
            if (op.writes()) {
                indexPending(op);
                forgetMovesRemovedBy(engine.catalog().byId(op.tableId()), op);
            } else {
                moves.put(new KeyRef(op.tableId(), new ByteKey(op.row())), op);
            }
        }
    }

    /**
     * Fails early when a unique index already holds the row's values under another key. The holder's key
     * is recorded as read, so a stale verdict is caught at validation (the caller then re-runs).
     */
    private void checkUnique(Table t, Table.Shape shape, Object[] values) {
        TableSchema s = shape.schema();
        byte[] key = t.keyOf(s, values);
        List<SecondaryIndex> ixs = shape.indexes();
        for (int i = 0; i < ixs.size(); i++) {
            if (!s.indexes().get(i).isUnique() || Table.hasNull(s, i, values)) {
                continue;
            }
            byte[] ik = t.indexKeyOf(s, i, values);
            for (byte[] holder : ixs.get(i).lookup(ik, false)) {
                if (Arrays.equals(holder, key) || pendingOps(t.tableId(), holder) != null) {
                    continue;
                }
                byte[] stored = t.stored(holder);
                recordRead(t.tableId(), holder, stored == null ? 0 : StoredValue.version(stored));
                if (stored != null) {
                    throw new DuplicateKeyException("unique index " + s.indexes().get(i).name() + " of table "
                            + s.name() + " already has an entry " + Table.describe(s, i, values));
                }
            }
        }
    }

    private static String keyText(TableSchema s, Object[] values) {
        StringBuilder sb = new StringBuilder("(");
        int[] kp = s.keyPositions();
        for (int i = 0; i < kp.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(values[kp[i]]);
        }
        return sb.append(')').toString();
    }

    // ---- scans -------------------------------------------------------------------------------------------

    @Override
    public List<Row> select(String table, KeyRange range) {
        List<Row> out = new ArrayList<>();
        forEach(table, range, out::add);
        return out;
    }

    @Override
    public void forEach(String table, KeyRange range, Predicate<Row> visitor) {
        Table t = engine.catalog().require(table);
        Bounds b = bounds(range, t::encodeKeyPrefix);
        long[] left = {range.limit()};
        if (left[0] == 0) {
            return; // reads nothing, so depends on nothing
        }
        if (!t.isOrdered()) {
            recordScan(t);
        }
        Predicate<Object[]> emit = v -> {
            if (!visitor.test(t.toRow(v))) {
                return false;
            }
            return --left[0] > 0;
        };
        if (t.isOrdered()) {
            mergeOrdered(t, b, range.limit(), emit);
        } else {
            scanHashed(t, b, emit);
        }
    }

    @Override
    public TableScan scanInPieces(String table) {
        Table t = engine.catalog().require(table);
        if (t.isOrdered()) {
            throw new IllegalArgumentException("table " + t.schema().name() + " is an ordered_set: read it in pieces in"
                    + " key order, with forEach and a limit");
        }
        recordScan(t);
        // Copied now, not on the next write: the caller may leave the scan after any piece, and a scan that waited
        // to be told of writes would then stay told of them for the rest of the transaction.
        OwnWritesAtStart own = OwnWritesAtStart.copied(t.tableId(), pending.get(t.tableId()));
        return new PieceScan(t, new HashOrderWalk(this, t, own, Bounds.ALL));
    }

    /** Runs a walk with this transaction's writes to a table as they are now, which its visitor's writes leave so. */
    private void withOwnWritesAtStart(Table t, Consumer<OwnWritesAtStart> walk) {
        OwnWritesAtStart own = new OwnWritesAtStart(t.tableId(), pending.get(t.tableId()));
        walking.add(own);
        try {
            walk.accept(own);
        } finally {
            walking.remove(own);
        }
    }

    /** Marks this attempt as unable to commit: something it read may have missed or repeated rows. */
    void doom() {
        doomed = true;
    }

    /** A range's bounds, its values encoded by {@code encode} (as a key prefix, or as an index's values). */
    private static Bounds bounds(KeyRange r, Function<Object[], byte[]> encode) {
        return Bounds.of(encode.apply(orEmpty(r.fromValues())), r.fromValues() != null, r.fromInclusive(),
                encode.apply(orEmpty(r.toValues())), r.toValues() != null, r.toInclusive(), r.isDescending());
    }

    private static Object[] orEmpty(Object[] values) {
        return values == null ? new Object[0] : values;
    }

    /**
     * Walks an ordered_set's stored keys and this transaction's own in one order, for a visitor that wants about
     * {@code rowsWanted} rows; records the range it covered.
     */
    private void mergeOrdered(Table t, Bounds b, long rowsWanted, Predicate<Object[]> emit) {
        long seen = t.modVersion(); // before the walk, as recordScan reads it
        long[] rows = {0};
        byte[][] last = {null};
        boolean[] whole = {false};
        try {
            withOwnWritesAtStart(t, own -> mergeOrdered(t, b, rowsWanted, own, emit, rows, last, whole));
        } finally {
            walkedTo = Math.max(walkedTo, t.modVersion());
            if (whole[0] || last[0] != null) {
                recordWalk(t, b, seen, rows[0], whole[0] ? null : last[0]);
            }
        }
    }

    /**
     * Counts and remembers the stored keys it visits; sets {@code whole} once the walk of the stored keys reached the
     * end of the bounds, before visiting own rows past them (a visitor that throws there saw the whole range). The
     * own rows are those of the writes made before the walk began: the visitor's writes neither repeat nor hide rows.
     */
    private void mergeOrdered(Table t, Bounds b, long rowsWanted, OwnWritesAtStart own, Predicate<Object[]> emit,
                              long[] rows, byte[][] last, boolean[] whole) {
        ByteKey[] next = {own.first(b)};
        boolean[] going = {true};
        // A key of an ordered_set holds one row, so a limit of n wants about n stored keys: fewer when own rows come
        // among them, more when some lie before the start or were deleted here; the walk goes on as far as needed.
        t.forEachKey(b.startKey(), b.startInclusive(), b.descending(), rowsWanted, k -> {
            if (b.beforeStart(k)) {
                return true;
            }
            if (b.beyondEnd(k)) {
                return false;
            }
            rows[0]++;
            last[0] = k;
            while (next[0] != null && b.precedes(next[0].bytes(), k)) {
                if (!(going[0] = emitOwn(t, own, next[0], emit))) {
                    return false;
                }
                next[0] = own.after(next[0], b);
            }
            if (next[0] != null && Arrays.equals(next[0].bytes(), k)) {
                ByteKey key = next[0];
                next[0] = own.after(key, b);
                return going[0] = emitOwn(t, own, key, emit);
            }
            return going[0] = t.visitStored(k, emit);
        });
        whole[0] = going[0];
        while (going[0] && next[0] != null) {
            going[0] = emitOwn(t, own, next[0], emit);
            next[0] = own.after(next[0], b);
        }
    }

    /** Gives the rows the writes made before the walk began leave under {@code key}. */
    private boolean emitOwn(Table t, OwnWritesAtStart own, ByteKey key, Predicate<Object[]> emit) {
        return emitAll(t, view(t, key.bytes(), own.ops(key)), emit);
    }

    private void scanHashed(Table t, Bounds b, Predicate<Object[]> emit) {
        withOwnWritesAtStart(t, own -> {
            HashOrderWalk rows = new HashOrderWalk(this, t, own, b);
            while (rows.readPiece(emit)) {
                // The walk ends when every row is given, emit stops it, or it goes stale (and dooms this attempt).
            }
        });
    }

    private static boolean emitAll(Table t, List<Object[]> rows, Predicate<Object[]> emit) {
        for (Object[] r : rows) {
            if (!emit.test(r)) {
                return false;
            }
        }
        return true;
    }

    // ---- index access ------------------------------------------------------------------------------------

    @Override
    public List<Row> indexRead(String table, String index, Object... values) {
        return indexRange(table, index, KeyRange.prefix(values));
    }

    @Override
    public List<Row> indexRange(String table, String index, KeyRange range) {
        List<Row> out = new ArrayList<>();
        indexScan(table, index, range).readPiece(Integer.MAX_VALUE, out::add);
        return out;
    }

    @Override
    public IndexScan indexScan(String table, String index, KeyRange range) {
        Table t = engine.catalog().require(table);
        Table.Shape shape = t.shape();
        TableSchema s = shape.schema();
        int i = s.findIndex(index);
        if (i < 0) {
            throw new UnknownIndexException("table " + s.name() + " has no index " + index);
        }
        IndexDef def = s.indexes().get(i);
        Bounds b = bounds(range, values -> t.encodeIndexValues(s, i, values));
        if (!def.isOrdered() && !isFullEquality(range, s.indexPositions(i).length)) {
            throw new SchemaException("index " + def.name() + " is a hash index: it answers equality on all its "
                    + "columns, not ranges or prefixes");
        }
        boolean hasNull = Arrays.asList(orEmpty(range.fromValues())).contains(null);
        return new IndexPieceScan(this, engine.catalog(), t, shape, i, b, range.limit(), pending.get(t.tableId()),
                hasNull);
    }

    private static boolean isFullEquality(KeyRange r, int columns) {
        Object[] from = r.fromValues();
        return from != null && from.length == columns && r.fromInclusive() && r.toInclusive()
                && Arrays.deepEquals(from, r.toValues());
    }

    // ---- the rest ----------------------------------------------------------------------------------------

    @Override
    public Row newRow(String table) {
        Table t = engine.catalog().require(table);
        TableSchema s = t.schema();
        Object[] v = new Object[s.columnCount()];
        for (int i = 0; i < v.length; i++) {
            ColumnDef c = s.column(i);
            v[i] = c.drawnAtWrite() ? Values.coerce(c.type(), c.defaultAt(now()), c.name()) : c.defaultValue();
        }
        return Row.ofSchema(s, v);
    }

    /** The time of this attempt's writes: the same for all its rows, read on this member before it proposes. */
    private ZonedDateTime now() {
        if (now == null) {
            now = ZonedDateTime.now(engine.config().clock());
        }
        return now;
    }

    @Override
    public void abort(String reason) {
        throw new TransactionAbortedException("transaction aborted: " + reason);
    }

    /** True if every read is still current (for a read-only commit, or before surfacing a user error). */
    boolean readsStillValid() {
        return !doomed && engine.readsStillValid(readSet());
    }

    List<ReadItem> readSet() {
        List<ReadItem> out = new ArrayList<>(reads.values());
        for (Map.Entry<Long, Long> e : scans.entrySet()) {
            out.add(new ReadItem(e.getKey(), null, e.getValue()));
        }
        for (Walks w : walks.values()) {
            out.addAll(w.items);
        }
        return out;
    }

    /** The highest row version this transaction read (what a read-only commit must see durable). */
    long maxReadVersion() {
        long max = 0;
        for (ReadItem r : reads.values()) {
            max = r.isCatalog() ? max : Math.max(max, r.version()); // a catalog read's version is a table id
        }
        for (long v : scans.values()) {
            max = Math.max(max, v);
        }
        return Math.max(max, walkedTo); // at least as high as any walk's version: it began no later than it ended
    }

    /** Hands the write set to the commit log without the read set (a dirty write); returns its outcome. */
    Outcome submitBlind() {
        return writes.isEmpty() ? Outcome.committed(engine.version())
                : engine.commitLog().append(CommitRecord.transaction(List.of(), writes));
    }

    /** Hands {@code op} to the commit log with the read set as its guard and the write set alongside it. */
    Outcome submitWith(DdlOp op) {
        if (doomed) {
            return Outcome.conflict();
        }
        return engine.commitLog().append(CommitRecord.schemaChange(readSet(), writes, op));
    }

    /** Hands the write set to the commit log; returns its outcome. */
    Outcome submit() {
        if (doomed) {
            return Outcome.conflict();
        }
        return engine.commitLog().append(CommitRecord.transaction(readSet(), writes));
    }

    /** As {@link #submit} without waiting: the outcome completes on the thread that applied the record. */
    CompletableFuture<Outcome> submitAsync() {
        if (doomed) {
            return CompletableFuture.completedFuture(Outcome.conflict());
        }
        return engine.commitLog().appendAsync(CommitRecord.transaction(readSet(), writes));
    }
}
