package dev.mnemo.engine.txn;

import dev.mnemo.engine.ActionValidator;
import dev.mnemo.engine.ChecksNotJudgedException;
import dev.mnemo.engine.DuplicateKeyException;
import dev.mnemo.engine.MemberStoppedException;
import dev.mnemo.engine.MnemoException;
import dev.mnemo.engine.SchemaException;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.UnknownTableException;
import dev.mnemo.engine.codec.ByteKey;
import dev.mnemo.engine.codec.Utf8;
import dev.mnemo.engine.index.SecondaryIndex;
import dev.mnemo.engine.log.StateMachine;
import dev.mnemo.engine.table.Bounds;
import dev.mnemo.engine.table.Catalog;
import dev.mnemo.engine.table.StoredValue;
import dev.mnemo.engine.table.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * Validates and applies commit records in log order — the deterministic heart of the write path. For each record:
 * re-check the read set against current versions (stale → CONFLICT); work out every key's new stored value and check
 * keys, unique indexes, table limits and foreign keys, adding the changes that the foreign keys' ON DELETE and ON
 * UPDATE actions make (broken → FAILED, nothing changed); then write the rows stamped with the next commit version.
 * Every member that applies the same records reaches the same verdicts and the same state.
 */
public final class Applier implements StateMachine {
    /** Validated reads remembered per record; past this many, planning looks the rest up again. */
    private static final int SEEN_MAX = 16;
    private final Catalog catalog;
    private final ReadWriteLock applyLock;
    private final ApplyListener listener;
    private volatile long lastVersion;
    private volatile ActionValidator actionValidator = ActionValidator.NONE;
    /**
     * The stored values the current record's validation read, key by key: planning its writes needs the same keys'
     * values again (a read-modify-write reads and writes one row), and nothing changes between the two, so the
     * second lookup is skipped. Applier only (write lock held); emptied after every record.
     */
    private final long[] seenTables = new long[SEEN_MAX];
    private final byte[][] seenKeys = new byte[SEEN_MAX][];
    private final byte[][] seenValues = new byte[SEEN_MAX][];
    private int seen;

    public Applier(Catalog catalog, ReadWriteLock applyLock, ApplyListener listener, long lastVersion) {
        this.catalog = catalog;
        this.applyLock = applyLock;
        this.listener = listener;
        this.lastVersion = lastVersion;
    }

    /** The version of the last committed record applied here. */
    public long lastVersion() {
        return lastVersion;
    }

    /** Sets what judges the child rows that foreign key actions rewrite, on this member's applies from now on. */
    public void validateActions(ActionValidator validator) {
        actionValidator = validator == null ? ActionValidator.NONE : validator;
    }

    /** Sets the version after loading a snapshot or recovering; applier thread or exclusive lock only. */
    public void resetVersion(long version) {
        lastVersion = version;
    }

    @Override
    public void apply(List<CommitRecord> records, Outcome[] outcomes) {
        applyLock.writeLock().lock();
        applyHeld(records, outcomes);
    }

    @Override
    public boolean tryApply(List<CommitRecord> records, Outcome[] outcomes) {
        if (!applyLock.writeLock().tryLock()) {
            return false;
        }
        applyHeld(records, outcomes);
        return true;
    }

    /** Applies with the write lock already taken, and releases it. */
    private void applyHeld(List<CommitRecord> records, Outcome[] outcomes) {
        try {
            for (int i = 0; i < records.size(); i++) {
                outcomes[i] = applyOne(records.get(i));
            }
        } finally {
            applyLock.writeLock().unlock();
        }
        listener.batchApplied(lastVersion);
    }

    private Outcome applyOne(CommitRecord logged) {
        CommitRecord record = OlderKeys.upgrade(logged, catalog); // an older build's record, from before an upgrade
        if (record.isSchemaChange()) {
            // A schema change may be guarded by reads (see CommitRecord.schemaChange): checked as a transaction's.
            if (!validate(record.reads(), false)) {
                return Outcome.conflict();
            }
            return record.writes().isEmpty() ? applySchemaChange(record.ddl()) : applySchemaChangeWithWrites(record);
        }
        List<Change> changes;
        try {
            if (!validate(record.reads(), true)) {
                return Outcome.conflict();
            }
            try {
                changes = planChecked(record.writes(), lastVersion + 1);
            } catch (MnemoException | StaleWrite e) {
                return refused(e);
            }
        } finally {
            forgetSeen();
        }
        if (changes.isEmpty()) {
            return Outcome.committed(lastVersion);
        }
        long version = ++lastVersion;
        write(changes, version);
        listener.rowsChanged(version, changes);
        return Outcome.committed(version);
    }

    private static void write(List<Change> changes, long version) {
        for (Change c : changes) {
            c.table().change(c.key(), c.before(), c.after(), version);
        }
        for (Change c : changes) {
            c.table().setModVersion(version);
        }
    }

    private Outcome applySchemaChange(DdlOp op) {
        List<Table> alsoChanged = catalog.alsoChangedBy(op);
        Table t;
        try {
            t = catalog.apply(op, lastVersion + 1);
        } catch (MnemoException e) {
            return Outcome.failed(e);
        }
        long version = ++lastVersion;
        listener.schemaChanged(version, op, t, alsoChanged, List.of());
        prepareValidator(op, t, alsoChanged);
        return Outcome.committed(version);
    }

    /** Tells the validator of the new versions of tables with checks that a schema change made. */
    private void prepareValidator(DdlOp op, Table t, List<Table> alsoChanged) {
        ActionValidator v = actionValidator;
        if (v == ActionValidator.NONE) {
            return;
        }
        if (t != null && !op.dropsTable()) {
            prepare(v, t.schema());
        }
        for (Table also : alsoChanged) {
            prepare(v, also.schema());
        }
    }

    private static void prepare(ActionValidator v, TableSchema s) {
        if (s.hasChecks()) {
            v.prepare(s);
        }
    }

    /**
     * A schema change and writes to other tables, as one step at one version: the writes are planned and checked
     * first, as a transaction's are (foreign keys and their actions included, on the tables as they are before the
     * change), then the change applies, then the writes; if either fails, nothing changes. Neither the writes nor the
     * foreign keys' actions may write to a table the change changes.
     */
    private Outcome applySchemaChangeWithWrites(CommitRecord record) {
        DdlOp op = record.ddl();
        long version = lastVersion + 1;
        List<Change> changes;
        try {
            changes = planChecked(record.writes(), version);
        } catch (MnemoException | StaleWrite e) {
            return refused(e);
        }
        Table altered = catalog.find(op.table());
        List<Table> alsoChanged = catalog.alsoChangedBy(op);
        for (Change c : changes) {
            if (c.table() == altered || alsoChanged.contains(c.table())) {
                return Outcome.failed(new SchemaException("a change of table " + op.table() + " cannot write to table "
                        + c.table().schema().name() + ", which it changes, in the same step (itself or by the action"
                        + " of a foreign key)"));
            }
        }
        Table t;
        try {
            t = catalog.apply(op, version);
        } catch (MnemoException e) {
            return Outcome.failed(e);
        }
        lastVersion = version;
        write(changes, version);
        listener.schemaChanged(version, op, t, alsoChanged, changes);
        prepareValidator(op, t, alsoChanged);
        return Outcome.committed(version);
    }

    /**
     * A row encoded under a schema version older than a type change of its table, or stored under one older than the
     * table's check mark: its transaction conflicts.
     */
    private static final class StaleWrite extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StaleWrite() {
            super(null, null, false, false);
        }
    }

    /** True if every key read still has the version read, every scanned table and range is unchanged. */
    public boolean readsStillValid(List<ReadItem> reads) {
        return validate(reads, false);
    }

    /** {@link #readsStillValid}; with {@code remember} (the applier's own call) also fills the seen values. */
    private boolean validate(List<ReadItem> reads, boolean remember) {
        for (ReadItem r : reads) {
            if (r.isCatalog()) {
                Table named = catalog.find(Utf8.decode(r.key(), 0, r.key().length));
                if ((named == null ? 0 : named.tableId()) != r.version()) {
                    return false;
                }
                continue;
            }
            Table t = catalog.byId(r.tableId());
            if (t == null) {
                return false;
            }
            long now;
            if (r.isRange()) {
                if (!(r.isIndexRange() ? indexRangeUnchanged(t, r) : rangeUnchanged(t, r))) {
                    return false;
                }
                continue;
            }
            if (r.isScan()) {
                now = t.modVersion();
            } else {
                byte[] stored = t.stored(r.key());
                if (remember && seen < SEEN_MAX) {
                    seenTables[seen] = r.tableId();
                    seenKeys[seen] = r.key();
                    seenValues[seen++] = stored;
                }
                now = versionOf(stored);
            }
            if (now != r.version()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the range holds what the walk saw. Every row there no newer than the walk's start was there, unchanged,
     * for the whole walk, which visits each key once in order, so it saw them all; as many rows as it saw means no
     * row it saw is gone (a newer one fails on its version).
     */
    private static boolean rangeUnchanged(Table t, ReadItem r) {
        if (t.modVersion() == r.version()) {
            return true;
        }
        if (!t.isOrdered()) {
            return false;
        }
        Bounds b = r.range().bounds();
        Recount keys = new Recount(t, r);
        t.forEachKey(b.startKey(), b.startInclusive(), false, Long.MAX_VALUE, k -> {
            if (b.beforeStart(k)) {
                return true;
            }
            return !b.beyondEnd(k) && keys.visit(k);
        });
        return keys.same();
    }

    /**
     * Whether the part of an index a walk covered holds what it saw, by {@link #rangeUnchanged}'s rule over its
     * entries: an entry whose row is no newer than the walk's start stood there, under the same index key, for the
     * whole walk. A row moved into the range by a change of its indexed values, or out of it and back, is newer; one
     * moved out, or deleted, leaves one entry fewer. A change of the table's schema fails the read: the index, and
     * how its keys encode, may no longer be those it read.
     */
    private static boolean indexRangeUnchanged(Table t, ReadItem r) {
        if (t.modVersion() == r.version()) {
            return true;
        }
        Table.Shape shape = t.shape();
        TableSchema s = shape.schema();
        ReadItem.Index read = r.range().index();
        int i = s.findIndex(read.name());
        if (s.version() != read.schemaVersion() || i < 0) {
            return false;
        }
        SecondaryIndex ix = shape.indexes().get(i);
        Bounds b = r.range().bounds();
        Recount entries = new Recount(t, r);
        if (read.probed()) {
            for (byte[] pk : ix.lookup(b.from(), false)) {
                if (!entries.visit(pk)) {
                    break;
                }
            }
            return entries.same();
        }
        ix.forEachEntry(b.startKey(), b.startInclusive(), e -> {
            if (b.beforeStart(e)) {
                return true;
            }
            return !b.beyondEnd(e) && entries.visit(Arrays.copyOfRange(e, Table.indexKeyLength(s, i, e), e.length));
        });
        return entries.same();
    }

    /** Counts the rows a range read holds now, until one more than it saw or one newer than its start. */
    private static final class Recount {
        private final Table table;
        private final ReadItem read;
        private long rows;
        private boolean newer;

        Recount(Table table, ReadItem read) {
            this.table = table;
            this.read = read;
        }

        /** Counts the row under {@code key}; whether to go on. */
        boolean visit(byte[] key) {
            if (++rows > read.range().rows()) {
                return false;
            }
            newer = versionOf(table.stored(key)) > read.version();
            return !newer;
        }

        /** Whether the range held exactly as many rows as the walk saw, none newer than its start. */
        boolean same() {
            return !newer && rows == read.range().rows();
        }
    }

    /** Drops the values this record's validation read, so that no later record sees them or keeps them alive. */
    private void forgetSeen() {
        for (int i = 0; i < seen; i++) {
            seenKeys[i] = null;
            seenValues[i] = null;
        }
        seen = 0;
    }

    /** The value stored under a key now: as this record's validation read it, or looked up. */
    private byte[] storedNow(Table t, byte[] key) {
        long id = t.tableId();
        for (int i = 0; i < seen; i++) {
            if (seenTables[i] == id && Arrays.equals(seenKeys[i], key)) {
                return seenValues[i];
            }
        }
        return t.stored(key);
    }

    static long versionOf(byte[] stored) {
        return stored == null ? 0 : StoredValue.version(stored);
    }

    // ---- planning: the new value of every key, checked before anything changes ---------------------------

    /**
     * The changes {@code writes} make at {@code version}, with those their foreign keys' actions add: every key,
     * unique index, table limit and foreign key checked. Throws the error of the first check that fails; or
     * {@link ChecksNotJudgedException}, which is no verdict on the record but stops this member, when an action
     * rewrites rows of a table with checks and no {@link ActionValidator} is set here to judge them.
     */
    private List<Change> planChecked(List<WriteOp> writes, long version) {
        return ForeignKeyCheck.run(catalog, plan(writes, version), writes, version, actionValidator);
    }

    /**
     * The verdict on a record whose {@link #planChecked} threw {@code e}: an error of its own fails it, a write
     * planned on a row that changed since conflicts. An error that stops this member ({@link MemberStoppedException},
     * such as checks it cannot judge) is no verdict on the record, and goes on up to stop it.
     */
    private static Outcome refused(RuntimeException e) {
        if (e instanceof StaleWrite) {
            return Outcome.conflict();
        }
        if (e instanceof MnemoException && !(e instanceof MemberStoppedException)) {
            return Outcome.failed((MnemoException) e);
        }
        throw e;
    }

    private List<Change> plan(List<WriteOp> writes, long version) {
        if (writes.size() == 1 && writes.get(0).writes()) {
            return planOne(writes.get(0), version);
        }
        Map<KeyRef, List<WriteOp>> byKey = new LinkedHashMap<>();
        for (WriteOp w : writes) {
            if (!w.writes()) {
                continue; // a declaration for the foreign keys, read by ForeignKeyCheck
            }
            byKey.computeIfAbsent(new KeyRef(w.tableId(), new ByteKey(w.key())), k -> new ArrayList<>(1)).add(w);
        }
        List<Change> changes = new ArrayList<>(byKey.size());
        for (Map.Entry<KeyRef, List<WriteOp>> e : byKey.entrySet()) {
            addChange(changes, writtenTable(e.getKey().tableId()), e.getKey().key().bytes(), e.getValue(), version);
        }
        return checked(changes);
    }

    /** {@link #plan} of a record that writes one key once (most do): no grouping by key to do. */
    private List<Change> planOne(WriteOp write, long version) {
        List<Change> changes = new ArrayList<>(1);
        addChange(changes, writtenTable(write.tableId()), write.key(), List.of(write), version);
        return checked(changes);
    }

    private Table writtenTable(long tableId) {
        Table t = catalog.byId(tableId);
        if (t == null) {
            throw new UnknownTableException("a table written by this transaction was dropped");
        }
        return t;
    }

    /** Adds the change that {@code ops}, in order, make to {@code key}'s stored value, if they change it. */
    private void addChange(List<Change> changes, Table t, byte[] key, List<WriteOp> ops, long version) {
        int checkedSince = t.schema().checks() == null ? 0 : t.schema().checks().version();
        for (WriteOp w : ops) {
            if (w.carriesRow()) {
                // A row stored under a version older than the table's check mark was checked under other checks.
                if (!t.encodesAsNow(w.schemaVersion()) || w.stores() && w.schemaVersion() < checkedSince) {
                    throw new StaleWrite();
                }
                t.checkNotNull(w.schemaVersion(), w.row());
            }
        }
        byte[] before = storedNow(t, key);
        byte[] after = t.schema().kind() == TableKind.BAG
                ? BagOps.apply(t, before, ops, version)
                : applySingle(t, before, ops, version);
        if (!Arrays.equals(before, after)) {
            changes.add(new Change(t, key, before, after));
        }
    }

    /** Checks the row limits and unique indexes of {@code changes} (again, after cascades wrote new values). */
    static List<Change> checked(List<Change> changes) {
        checkRowLimits(changes);
        for (Change c : changes) {
            if (!c.table().indexes().isEmpty()) {
                new UniqueCheck(changes).run(); // only changes to tables with indexes can break a unique one
                break;
            }
        }
        return changes;
    }

    private static byte[] applySingle(Table t, byte[] before, List<WriteOp> ops, long version) {
        byte[] state = before;
        for (WriteOp w : ops) {
            switch (w.type()) {
                case INSERT:
                    if (state != null) {
                        throw new DuplicateKeyException("table " + t.schema().name() + " already has a row with key "
                                + describeKey(t, w));
                    }
                    state = StoredValue.single(version, w.schemaVersion(), w.row());
                    break;
                case PUT: case BAG_ADD:
                    state = StoredValue.single(version, w.schemaVersion(), w.row());
                    break;
                case DELETE: case BAG_REMOVE:
                    state = null;
                    break;
                default:
                    throw new IllegalStateException("unhandled write " + w.type());
            }
        }
        return state;
    }

    private static String describeKey(Table t, WriteOp w) {
        Object[] values = t.decode(w.schemaVersion(), w.row(), 0, w.row().length);
        StringBuilder sb = new StringBuilder("(");
        int[] kp = t.schema().keyPositions();
        for (int i = 0; i < kp.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(values[kp[i]]);
        }
        return sb.append(')').toString();
    }

    private static void checkRowLimits(List<Change> changes) {
        boolean adds = false;
        for (Change c : changes) {
            adds |= c.before() == null && c.after() != null;
        }
        if (!adds) {
            return; // only a new key can take a table past its row limit
        }
        Map<Table, Integer> added = new HashMap<>();
        for (Change c : changes) {
            int delta = (c.before() == null ? 1 : 0) - (c.after() == null ? 1 : 0);
            added.merge(c.table(), delta, Integer::sum);
        }
        for (Map.Entry<Table, Integer> e : added.entrySet()) {
            if (e.getValue() > 0) {
                e.getKey().reserve(e.getValue());
            }
        }
    }

    /** A key of a table, as a map key. */
    record KeyRef(long tableId, ByteKey key) {
    }

    /**
     * Checks that after the record no unique index entry (without NULLs) is held by two keys. Entries held by
     * keys this record changes are judged by their new rows, everything else by the index as it stands. Also
     * computes every index key of the new rows, so one longer than keyBytesMax fails the record here rather
     * than the apply half-way.
     */
    private static final class UniqueCheck {
        private final List<Change> changes;
        private final Map<Table, Set<ByteKey>> changedKeys = new HashMap<>();
        private final Map<List<Object>, ByteKey> claimed = new HashMap<>();

        UniqueCheck(List<Change> changes) {
            this.changes = changes;
            for (Change c : changes) {
                changedKeys.computeIfAbsent(c.table(), t -> new HashSet<>()).add(new ByteKey(c.key()));
            }
        }

        void run() {
            for (Change c : changes) {
                if (c.after() == null || c.table().indexes().isEmpty()) {
                    continue;
                }
                TableSchema s = c.table().schema();
                for (Object[] values : c.table().decodeStored(c.after())) {
                    for (int i = 0; i < s.indexes().size(); i++) {
                        byte[] ik = c.table().indexKeyOf(s, i, values); // throws if longer than keyBytesMax
                        if (s.indexes().get(i).isUnique() && !Table.hasNull(s, i, values)) {
                            claim(c, s, i, ik, values);
                        }
                    }
                }
            }
        }

        private void claim(Change c, TableSchema s, int i, byte[] ik, Object[] values) {
            ByteKey me = new ByteKey(c.key());
            ByteKey prior = claimed.putIfAbsent(List.of(c.table(), i, new ByteKey(ik)), me);
            if (prior != null && !prior.equals(me)) {
                throw duplicate(c, s, i, values);
            }
            Set<ByteKey> changed = changedKeys.get(c.table());
            for (byte[] holder : c.table().indexes().get(i).lookup(ik, false)) {
                ByteKey h = new ByteKey(holder);
                if (!h.equals(me) && !changed.contains(h)) {
                    throw duplicate(c, s, i, values);
                }
            }
        }

        private static DuplicateKeyException duplicate(Change c, TableSchema s, int i, Object[] values) {
            return new DuplicateKeyException("unique index " + s.indexes().get(i).name() + " of table " + s.name()
                    + " already has an entry " + Table.describe(s, i, values));
        }
    }
}
