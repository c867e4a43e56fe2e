package dev.mnemo.engine.table;

import dev.mnemo.engine.ColumnExistsException;
import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.ForeignKeyViolationException;
import dev.mnemo.engine.InvalidForeignKeyException;
import dev.mnemo.engine.IndexExistsException;
import dev.mnemo.engine.SchemaException;
import dev.mnemo.engine.Storage;
import dev.mnemo.engine.StillReferencedException;
import dev.mnemo.engine.TableExistsException;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.UnknownColumnException;
import dev.mnemo.engine.UnknownIndexException;
import dev.mnemo.engine.UnknownTableException;
import dev.mnemo.engine.UnsupportedChangeException;
import dev.mnemo.engine.txn.DdlOp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    /**
     * The table each spelling of a name that callers used found, so that a lookup is one hash probe on the caller's
     * own string; emptied whenever a name comes or goes (see {@link #find}).
     */
    private final Map<String, Spelling> bySpelling = new ConcurrentHashMap<>();
    /** Counts the changes of {@link #byName}; only the applier thread changes it. */
    private volatile long nameChanges;

    /** A table a spelling found, and how many name changes there had been when the lookup began. */
    private record Spelling(Table table, long nameChanges) {
    }
    private final TableLimits limits;
    private final Reclaimer reclaimer;
    private final boolean discAllowed;
    private long lastTableId;
    /** The foreign keys that reference each table, by the parent's id; null when a schema change made it stale. */
    private volatile Map<Long, List<Inbound>> inbound;

    /** A foreign key seen from its parent: the child table and the key as the child's schema holds it. */
    public record Inbound(Table child, ForeignKeyDef foreignKey, int position) {
    }

    public Catalog(TableLimits limits, Reclaimer reclaimer, boolean discAllowed) {
        this.limits = limits;
        this.reclaimer = reclaimer;
        this.discAllowed = discAllowed;
    }

    /** The table named so (case-insensitive), or throws {@link UnknownTableException}. */
    public Table require(String name) {
        Table t = find(name);
        if (t == null) {
            throw new UnknownTableException("no table named " + name);
        }
        return t;
    }

    /**
     * The table named so (case-insensitive), or null. Names are stored upper-case; a spelling seen before finds
     * its table in {@link #bySpelling} without being upper-cased again. A remembered spelling counts only while no
     * name has changed since the lookup that found it began: the applier changes {@link #byName} before it counts
     * the change, so a lookup that raced with a change (and may have found a table by a name it has lost) is
     * remembered with a count that is already behind, and is never used.
     */
    public Table find(String name) {
        long changes = nameChanges;
        Spelling known = bySpelling.get(name);
        if (known != null && known.nameChanges() == changes) {
            return known.table();
        }
        Table t = byName.get(name.toUpperCase(Locale.ROOT));
        if (t != null && bySpelling.size() < NAME_SPELLINGS_CACHED_MAX) {
            bySpelling.put(name, new Spelling(t, changes));
        }
        return t;
    }

    /** After every change of {@link #byName}: no remembered spelling may find a table by a name it lost. */
    private void namesChanged() {
        nameChanges++;
        bySpelling.clear();
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
            case DROP_TABLE: case DROP_TABLE_CASCADE: return drop(op, version);
            default: return alter(op, version);
        }
    }

    /**
     * The tables besides {@code op}'s own that applying it now would change: for a drop with CASCADE, those whose
     * foreign keys reference the table, in id order; none for any other change.
     */
    public List<Table> alsoChangedBy(DdlOp op) {
        Table t = op.type() == DdlOp.Type.DROP_TABLE_CASCADE ? byName.get(op.table()) : null;
        if (t == null) {
            return List.of();
        }
        List<Table> out = new ArrayList<>();
        for (Inbound in : referencing(t.tableId())) {
            if (in.child() != t && !out.contains(in.child())) {
                out.add(in.child());
            }
        }
        return out;
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
        long id = lastTableId + 1;
        List<ForeignKeyDef> resolved = new ArrayList<>();
        for (ForeignKeyDef fk : s.foreignKeys()) {
            resolved.add(resolve(s, id, fk));
        }
        Table t = new Table(s.withForeignKeys(id, resolved), limits, reclaimer);
        lastTableId++;
        t.setModVersion(version);
        install(t);
        return t;
    }

    /**
     * Resolves a declared foreign key of table {@code child} (id {@code childId}) to its parent: the parent must
     * exist (or be the child itself) and be a disc table if the child is, the referenced columns (none: the parent's
     * primary key) must be its primary key or the columns of one of its unique indexes, and each column's type must be
     * exactly the referenced one's.
     */
    private ForeignKeyDef resolve(TableSchema child, long childId, ForeignKeyDef fk) {
        boolean self = fk.parentTable().equals(child.name());
        TableSchema parent = self ? child : require(fk.parentTable()).schema();
        if (child.storage() == Storage.DISC && parent.storage() == Storage.RAM) {
            throw InvalidForeignKeyException.parentNotOnDisc("foreign key " + fk.name() + " of disc table "
                    + child.name() + " references RAM table " + parent.name() + ": a restart empties " + parent.name()
                    + " and keeps the rows of " + child.name() + " that reference it. Make " + parent.name()
                    + " a disc table, or " + child.name() + " a RAM table");
        }
        List<String> referenced = fk.parentColumns().isEmpty() ? parent.primaryKeyNames() : fk.parentColumns();
        if (referenced.size() != fk.columns().size()) {
            throw InvalidForeignKeyException.notAKey("foreign key " + fk.name() + " of table " + child.name() + " has "
                    + fk.columns().size() + " column(s) but references " + referenced.size());
        }
        int[] positions = new int[referenced.size()];
        int[] ids = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = parent.position(referenced.get(i));
            ids[i] = parent.columnId(positions[i]);
            String column = fk.columns().get(i);
            var childType = child.column(child.position(column)).type();
            var parentType = parent.column(positions[i]).type();
            if (!childType.equals(parentType)) {
                throw InvalidForeignKeyException.typeMismatch("foreign key " + fk.name() + " of table " + child.name()
                        + ": column " + column + " is " + childType + " but the column it references, "
                        + referenced.get(i) + " of table " + parent.name() + ", is " + parentType);
            }
        }
        if (References.keyOn(parent, positions) == -1) {
            throw InvalidForeignKeyException.notAKey("foreign key " + fk.name() + " of table " + child.name()
                    + " references " + referenced + " of table " + parent.name()
                    + ", which are neither its primary key nor the columns of a unique index");
        }
        return fk.resolvedTo(self ? childId : parent.tableId(), ids);
    }

    /** A foreign key of a table's schema as a user reads it: with its parent's and referenced columns' names. */
    public ForeignKeyDef describe(ForeignKeyDef fk) {
        Table parent = byId(fk.parentTableId());
        if (parent == null) {
            return fk;
        }
        TableSchema ps = parent.schema();
        List<String> referenced = new ArrayList<>();
        for (int p : References.parentPositions(ps, fk)) {
            referenced.add(ps.column(p).name());
        }
        return fk.describedAs(ps.name(), referenced);
    }

    /** The foreign keys that reference table {@code parentTableId}, its own included. */
    public List<Inbound> referencing(long parentTableId) {
        return inbound().getOrDefault(parentTableId, List.of());
    }

    /** True if any table has a foreign key: only then does a write have references to check. */
    public boolean hasForeignKeys() {
        return !inbound().isEmpty();
    }

    private Map<Long, List<Inbound>> inbound() {
        Map<Long, List<Inbound>> now = inbound;
        if (now == null) {
            now = new HashMap<>();
            for (Table t : tables()) {
                List<ForeignKeyDef> fks = t.schema().foreignKeys();
                for (int i = 0; i < fks.size(); i++) {
                    now.computeIfAbsent(fks.get(i).parentTableId(), k -> new ArrayList<>())
                            .add(new Inbound(t, fks.get(i), i));
                }
            }
            inbound = now;
        }
        return now;
    }

    /**
     * Drops a table. Other tables' foreign keys that reference it refuse the drop, or with CASCADE go in the same
     * step, each child's next schema made before anything changes, so that the drop applies whole or not at all.
     */
    private Table drop(DdlOp op, long version) {
        Table t = byName.get(op.table());
        if (t == null) {
            if (op.lenient()) {
                return null;
            }
            throw new UnknownTableException("no table named " + op.table());
        }
        Map<Table, TableSchema> children = new LinkedHashMap<>();
        for (Inbound in : referencing(t.tableId())) {
            if (in.child() == t) {
                continue;
            }
            if (op.type() != DdlOp.Type.DROP_TABLE_CASCADE) {
                throw new StillReferencedException("cannot drop table " + t.schema().name() + ": foreign key "
                        + in.foreignKey().name() + " of table " + in.child().schema().name() + " references it");
            }
            TableSchema now = children.getOrDefault(in.child(), in.child().schema());
            children.put(in.child(), now.withoutForeignKey(in.foreignKey().name()));
        }
        children.forEach((child, next) -> alter(child, next, version));
        byName.remove(op.table());
        namesChanged();
        byId.remove(t.tableId());
        inbound = null;
        t.close();
        return t;
    }

    private Table alter(DdlOp op, long version) {
        Table t = byName.get(op.table());
        if (t == null) {
            throw new UnknownTableException("no table named " + op.table());
        }
        TableSchema s = t.schema();
        if (op.type() == DdlOp.Type.DROP_FOREIGN_KEY && op.lenient() && s.findForeignKey(op.name()) < 0) {
            return null;
        }
        if (op.type() == DdlOp.Type.DROP_COLUMN && s.hasColumn(op.name())) {
            checkColumnNotReferenced(t, s.column(s.position(op.name())).name(), s.columnId(s.position(op.name())));
        }
        if (op.type() == DdlOp.Type.SET_TYPE && s.hasColumn(op.name())) {
            checkNoForeignKeyCompares(t, s.position(op.name()));
        }
        TableSchema next;
        try {
            next = op.type() == DdlOp.Type.ADD_FOREIGN_KEY ? withForeignKey(t, op.foreignKey()) : altered(op, s);
        } catch (ColumnExistsException | IndexExistsException | UnknownColumnException | UnknownIndexException e) {
            if (op.lenient()) {
                return null;
            }
            throw e;
        }
        checkStillReferenced(t, next);
        alter(t, next, version);
        return t;
    }

    /** The table's next schema with a foreign key added, which every row already there must satisfy. */
    private TableSchema withForeignKey(Table t, ForeignKeyDef declared) {
        TableSchema next = t.schema().withForeignKey(resolve(t.schema(), t.tableId(), declared));
        ForeignKeyDef fk = next.foreignKeys().get(next.foreignKeys().size() - 1);
        Table parent = fk.parentTableId() == t.tableId() ? t : byId(fk.parentTableId());
        int[] positions = next.foreignKeyPositions(next.foreignKeys().size() - 1);
        t.forEachStored((key, stored) -> {
            for (Object[] row : t.decodeStored(stored)) {
                Object[] values = References.valuesAt(row, positions);
                if (values != null && !References.parentHas(parent, fk, values, References.COMMITTED)) {
                    throw new ForeignKeyViolationException("cannot add foreign key " + fk.name() + " to table "
                            + next.name() + ": key " + References.describe(fk.columns(), values)
                            + " is not present in table " + parent.schema().name());
                }
            }
        });
        return next;
    }

    private void checkColumnNotReferenced(Table t, String column, int columnId) {
        for (Inbound in : referencing(t.tableId())) {
            for (int id : in.foreignKey().parentColumnIds()) {
                if (id == columnId) {
                    throw new StillReferencedException("cannot drop column " + column + " of table "
                            + t.schema().name() + ": foreign key " + in.foreignKey().name() + " of table "
                            + in.child().schema().name() + " references it");
                }
            }
        }
    }

    /**
     * A foreign key compares child and parent columns of one type, so a type change of either would have to change
     * the other in the same step; Mnemo does not, and refuses it naming the key.
     */
    private void checkNoForeignKeyCompares(Table t, int position) {
        TableSchema s = t.schema();
        for (int i = 0; i < s.foreignKeys().size(); i++) {
            for (int p : s.foreignKeyPositions(i)) {
                if (p == position) {
                    throw typeKept(s, position, s.foreignKeys().get(i).name(), s.name());
                }
            }
        }
        for (Inbound in : referencing(t.tableId())) {
            for (int id : in.foreignKey().parentColumnIds()) {
                if (id == s.columnId(position)) {
                    throw typeKept(s, position, in.foreignKey().name(), in.child().schema().name());
                }
            }
        }
    }

    private static UnsupportedChangeException typeKept(TableSchema s, int position, String foreignKey, String child) {
        return new UnsupportedChangeException("cannot change the type of column " + s.column(position).name()
                + " of table " + s.name() + ": foreign key " + foreignKey + " of table " + child
                + " compares it, and its child and parent columns keep one type; drop the foreign key first");
    }

    /**
     * A change to a table must leave every foreign key that references it a key to reference: dropping a referenced
     * column, or the unique index that makes referenced columns a key, fails with {@link StillReferencedException}.
     */
    private void checkStillReferenced(Table t, TableSchema next) {
        for (Inbound in : referencing(t.tableId())) {
            TableSchema child = in.child() == t ? next : in.child().schema();
            if (child.findForeignKey(in.foreignKey().name()) < 0) {
                continue; // the change drops this very foreign key
            }
            int[] positions = References.parentPositions(next, in.foreignKey());
            for (int i = 0; i < positions.length; i++) {
                if (positions[i] < 0) {
                    throw new StillReferencedException("cannot drop a column of table " + next.name()
                            + ": foreign key " + in.foreignKey().name() + " of table " + child.name()
                            + " references it");
                }
            }
            if (References.keyOn(next, positions) == -1) {
                throw new StillReferencedException("cannot change table " + next.name() + " so: foreign key "
                        + in.foreignKey().name() + " of table " + child.name() + " references its columns "
                        + "through the unique index it would lose");
            }
        }
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
        inbound = null;
        if (!next.name().equals(was)) {
            byName.put(next.name(), t);
            byName.remove(was);
            namesChanged();
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
            case DROP_FOREIGN_KEY: return s.withoutForeignKey(op.name());
            case SET_TYPE: return s.withColumnType(op.name(), op.column().type());
            case SET_PRIMARY_KEY: return s.withPrimaryKey(op.columns(), op.name());
            case SET_CHECKS: return s.withChecks(op.name());
            default: throw new IllegalStateException("not an alteration: " + op.type());
        }
    }

    /** Drops a table by id during recovery; unknown ids are ignored (the drop was already in the snapshot). */
    public void dropById(long tableId) {
        Table t = byId.remove(tableId);
        inbound = null;
        if (t != null) {
            byName.remove(t.schema().name());
            namesChanged();
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
        namesChanged();
        byId.put(t.tableId(), t);
        inbound = null;
    }

    /**
     * Drops every table and takes over the tables of {@code staged} (a loaded snapshot), which ends empty. Each new
     * table takes its name and id before the old tables go: a lookup that runs meanwhile, without the apply lock,
     * finds a table under a name that both hold, the old table or the new one, never none.
     */
    public void replaceWith(Catalog staged) {
        List<Table> old = tables();
        for (Table t : staged.tables()) {
            install(t);
        }
        for (Table t : old) {
            if (byName.remove(t.schema().name(), t)) {
                namesChanged();
            }
            byId.remove(t.tableId(), t);
            t.close();
        }
        inbound = null;
        lastTableId = staged.lastTableId;
        staged.byName.clear();
        staged.namesChanged();
        staged.byId.clear();
        staged.inbound = null;
    }

    /** Drops every table. */
    public void clear() {
        for (Table t : tables()) {
            byName.remove(t.schema().name());
            namesChanged();
            byId.remove(t.tableId());
            t.close();
        }
        inbound = null;
        lastTableId = 0;
    }

    @Override
    public void close() {
        for (Table t : byId.values()) {
            t.close();
        }
        byName.clear();
        namesChanged();
        byId.clear();
        inbound = null;
    }
}
