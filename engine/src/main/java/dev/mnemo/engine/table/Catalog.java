package dev.mnemo.engine.table;

import dev.mnemo.engine.ColumnExistsException;
import dev.mnemo.engine.IndexExistsException;
import dev.mnemo.engine.SchemaException;
import dev.mnemo.engine.Storage;
import dev.mnemo.engine.TableExistsException;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.UnknownColumnException;
import dev.mnemo.engine.UnknownIndexException;
import dev.mnemo.engine.UnknownTableException;
import dev.mnemo.engine.txn.DdlOp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables of this member by name and by id. Lookups are lock-free; only the applier thread changes the
 * catalog, by applying schema changes in log order, so every member assigns the same table ids.
 */
public final class Catalog implements AutoCloseable {
    static final int NAME_SPELLINGS_CACHED_MAX = 1024;

    private final Map<String, Table> byName = new ConcurrentHashMap<>();
    private final Map<Long, Table> byId = new ConcurrentHashMap<>();
    private final Map<String, String> upperNames = new ConcurrentHashMap<>();
    private final TableLimits limits;
    private final Reclaimer reclaimer;
    private final boolean discAllowed;
    private long lastTableId;

    public Catalog(TableLimits limits, Reclaimer reclaimer, boolean discAllowed) {
        this.limits = limits;
        this.reclaimer = reclaimer;
        this.discAllowed = discAllowed;
    }

    /** The table named so (case-insensitive), or throws {@link UnknownTableException}. */
    public Table require(String name) {
        Table t = byName.get(upper(name));
        if (t == null) {
            throw new UnknownTableException("no table named " + name);
        }
        return t;
    }

    public Table find(String name) {
        return byName.get(upper(name));
    }

    /** Names are stored upper-case; the spelling callers use is remembered so a lookup does not allocate. */
    private String upper(String name) {
        String key = upperNames.get(name);
        if (key == null) {
            key = name.toUpperCase(Locale.ROOT);
            if (upperNames.size() < NAME_SPELLINGS_CACHED_MAX) {
                upperNames.put(name, key);
            }
        }
        return key;
    }

    public Table byId(long tableId) {
        return byId.get(tableId);
    }

    public List<Table> tables() {
        List<Table> out = new ArrayList<>(byId.values());
        out.sort((a, b) -> Long.compare(a.tableId(), b.tableId()));
        return out;
    }

    public long lastTableId() {
        return lastTableId;
    }

    /**
     * Applies a schema change at {@code version}. Returns the table created, changed or dropped (null when a
     * lenient change found nothing to do); throws the user's error otherwise, changing nothing.
     */
    public Table apply(DdlOp op, long version) {
        switch (op.type()) {
            case CREATE_TABLE: return create(op, version);
            case DROP_TABLE: return drop(op);
            default: return alter(op, version);
        }
    }

    private Table create(DdlOp op, long version) {
        if (byName.containsKey(op.table())) {
            if (op.lenient()) {
                return null;
            }
            throw new TableExistsException("table " + op.table() + " already exists");
        }
        if (op.schema().storage() == Storage.DISC && !discAllowed) {
            throw new SchemaException("table " + op.table()
                    + " asks for disc storage, but this database has no data directory");
        }
        TableSchema s = op.schema();
        TableSchema withId = TableSchema.restore(lastTableId + 1, s.name(), s.kind(), s.storage(), s.version(),
                s.columns(), columnIds(s), s.nextColumnId(), s.primaryKeyNames(), s.indexes());
        Table t = new Table(withId, limits, reclaimer);
        lastTableId++;
        t.setModVersion(version);
        install(t);
        return t;
    }

    private static int[] columnIds(TableSchema s) {
        int[] ids = new int[s.columnCount()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = s.columnId(i);
        }
        return ids;
    }

    private Table drop(DdlOp op) {
        Table t = byName.get(op.table());
        if (t == null) {
            if (op.lenient()) {
                return null;
            }
            throw new UnknownTableException("no table named " + op.table());
        }
        byName.remove(op.table());
        byId.remove(t.tableId());
        t.close();
        return t;
    }

    private Table alter(DdlOp op, long version) {
        Table t = byName.get(op.table());
        if (t == null) {
            throw new UnknownTableException("no table named " + op.table());
        }
        TableSchema s = t.schema();
        TableSchema next;
        try {
            next = altered(op, s);
        } catch (ColumnExistsException | IndexExistsException | UnknownColumnException | UnknownIndexException e) {
            if (op.lenient()) {
                return null;
            }
            throw e;
        }
        alter(t, next, version);
        return t;
    }

    /**
     * Installs a table's next schema version (a schema change, or its replay from the journal), keeping the table
     * findable by its name if the change renamed it; a name another table has fails with
     * {@link TableExistsException} and changes nothing.
     */
    public void alter(Table t, TableSchema next, long version) {
        String was = t.schema().name();
        if (!next.name().equals(was) && byName.containsKey(next.name())) {
            throw new TableExistsException("cannot rename table " + was + " to " + next.name()
                    + ": a table of that name exists");
        }
        t.alter(next, version);
        if (!next.name().equals(was)) {
            byName.put(next.name(), t);
            byName.remove(was);
        }
    }

    private static TableSchema altered(DdlOp op, TableSchema s) {
        switch (op.type()) {
            case ADD_COLUMN: return s.withColumnAdded(op.column());
            case DROP_COLUMN: return s.withColumnDropped(op.name());
            case CREATE_INDEX: return s.withIndex(op.index());
            case DROP_INDEX: return s.withoutIndex(op.name());
            case SET_DEFAULT: return s.withColumnDefault(op.name(), op.column());
            case DROP_DEFAULT: return s.withColumnDefault(op.name(), null);
            case SET_NOT_NULL: return s.withColumnNullable(op.name(), false);
            case DROP_NOT_NULL: return s.withColumnNullable(op.name(), true);
            case RENAME_TABLE: return s.withName(op.newName());
            case RENAME_COLUMN: return s.withColumnRenamed(op.name(), op.newName());
            default: throw new IllegalStateException("not an alteration: " + op.type());
        }
    }

    /** Drops a table by id during recovery; unknown ids are ignored (the drop was already in the snapshot). */
    public void dropById(long tableId) {
        Table t = byId.remove(tableId);
        if (t != null) {
            byName.remove(t.schema().name());
            t.close();
        }
    }

    /** Puts a recovered or snapshotted table in place, with every schema version its rows may use. */
    public Table restore(List<TableSchema> history) {
        TableSchema current = history.get(history.size() - 1);
        Table t = new Table(current, limits, reclaimer);
        for (TableSchema older : history) {
            t.addHistory(older);
        }
        install(t);
        lastTableId = Math.max(lastTableId, current.tableId());
        return t;
    }

    public void setLastTableId(long id) {
        lastTableId = Math.max(lastTableId, id);
    }

    private void install(Table t) {
        byName.put(t.schema().name(), t);
        byId.put(t.tableId(), t);
    }

    /** Drops every table and takes over the tables of {@code staged} (a loaded snapshot), which ends empty. */
    public void replaceWith(Catalog staged) {
        clear();
        for (Table t : staged.tables()) {
            install(t);
        }
        lastTableId = staged.lastTableId;
        staged.byName.clear();
        staged.byId.clear();
    }

    /** Drops every table. */
    public void clear() {
        for (Table t : tables()) {
            byName.remove(t.schema().name());
            byId.remove(t.tableId());
            t.close();
        }
        lastTableId = 0;
    }

    @Override
    public void close() {
        for (Table t : byId.values()) {
            t.close();
        }
        byName.clear();
        byId.clear();
    }
}
