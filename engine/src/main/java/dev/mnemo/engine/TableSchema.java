package dev.mnemo.engine;

import dev.mnemo.engine.codec.Conversions;
import dev.mnemo.engine.codec.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One immutable version of a table's definition: columns (each with a stable id), primary key, indexes,
 * kind, storage and the mark of its checks. Altering a table makes a new version; rows remember the version
 * they were written under.
 */
public final class TableSchema {
    private final long tableId;
    private final String name;
    private final TableKind kind;
    private final Storage storage;
    private final int version;
    private final List<ColumnDef> columns;
    private final int[] columnIds;
    private final int nextColumnId;
    private final int[] keyPositions;
    private final List<IndexDef> indexes;
    private final int[][] indexPositions;
    private final Map<String, Integer> positionByName;
    private final List<ForeignKeyDef> foreignKeys;
    private final int[][] foreignKeyPositions;
    /** Null for a schema recorded before schemas held one: what checks the table has is not known here. */
    private final CheckMark checks;

    private TableSchema(long tableId, String name, TableKind kind, Storage storage, int version,
                        List<ColumnDef> columns, int[] columnIds, int nextColumnId, List<String> primaryKey,
                        List<IndexDef> indexes, List<ForeignKeyDef> foreignKeys, CheckMark checks) {
        this.tableId = tableId;
        this.checks = checks;
        this.name = name;
        this.kind = kind;
        this.storage = storage;
        this.version = version;
        this.columns = List.copyOf(columns);
        this.columnIds = columnIds.clone();
        this.nextColumnId = nextColumnId;
        this.positionByName = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (positionByName.put(columns.get(i).name(), i) != null) {
                throw new ColumnExistsException("table " + name + " declares column " + columns.get(i).name()
                        + " twice");
            }
        }
        this.keyPositions = positionsOf(primaryKey, "primary key");
        checkKeyColumns();
        this.indexes = List.copyOf(indexes);
        this.indexPositions = new int[indexes.size()][];
        for (int i = 0; i < indexes.size(); i++) {
            indexPositions[i] = positionsOf(indexes.get(i).columns(), "index " + indexes.get(i).name());
        }
        checkIndexNames();
        this.foreignKeys = List.copyOf(foreignKeys);
        this.foreignKeyPositions = new int[foreignKeys.size()][];
        for (int i = 0; i < foreignKeys.size(); i++) {
            foreignKeyPositions[i] = checkForeignKey(i);
        }
    }

    /** Validates a user's definition and makes version 1 of the table. */
    public static TableSchema create(long tableId, TableDef def) {
        if (def.columns().isEmpty()) {
            throw new SchemaException("table " + def.name() + " must have at least one column");
        }
        if (def.primaryKey().isEmpty()) {
            throw new SchemaException("table " + def.name() + " must have a primary key");
        }
        List<ColumnDef> cols = new ArrayList<>();
        for (ColumnDef c : def.columns()) {
            // Primary key columns are NOT NULL whether declared so or not, as in SQL.
            cols.add(withCoercedDefault(def.primaryKey().contains(c.name()) ? c.notNull() : c));
        }
        int[] ids = new int[cols.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i + 1;
        }
        List<IndexDef> indexes = new ArrayList<>(def.indexes());
        List<ForeignKeyDef> fks = new ArrayList<>();
        for (ForeignKeyDef fk : def.foreignKeys()) {
            ForeignKeyDef named = fk.name() != null ? fk : fk.named(freeName(def.name(), fk, fks, indexes));
            fks.add(named);
            addCoveringIndex(indexes, named);
        }
        return new TableSchema(tableId, def.name(), def.kind(), def.storage(), 1, cols, ids, ids.length + 1,
                def.primaryKey(), indexes, fks,
                def.checks().isEmpty() ? CheckMark.NONE : new CheckMark(def.checks(), 0));
    }

    /** A name for an unnamed foreign key, as PostgreSQL makes them: {@code TABLE_COLUMN_FKEY}, numbered if taken. */
    private static String freeName(String table, ForeignKeyDef fk, List<ForeignKeyDef> fks, List<IndexDef> indexes) {
        String base = table + "_" + fk.columns().get(0) + "_FKEY";
        for (int n = 1; ; n++) {
            String candidate = n == 1 ? base : base + n;
            boolean taken = indexes.stream().anyMatch(ix -> ix.name().equals(candidate))
                    || fks.stream().anyMatch(f -> candidate.equals(f.name()));
            if (!taken) {
                return candidate;
            }
        }
    }

    /**
     * Finding a parent's child rows must not scan the child table: columns of a foreign key that no index covers
     * exactly get a hash index named as the foreign key, marked as made for it, which goes with the last foreign key
     * on those columns ({@link #withoutForeignKey}).
     */
    private static void addCoveringIndex(List<IndexDef> indexes, ForeignKeyDef fk) {
        if (coveringIndex(indexes, fk.columns()) < 0) {
            indexes.add(IndexDef.forForeignKey(fk.name(), fk.columns()));
        }
    }

    private static int coveringIndex(List<IndexDef> indexes, List<String> columns) {
        for (int i = 0; i < indexes.size(); i++) {
            if (indexes.get(i).columns().equals(columns)) {
                return i;
            }
        }
        return -1;
    }

    private int[] checkForeignKey(int i) {
        ForeignKeyDef fk = foreignKeys.get(i);
        if (fk.name() == null) {
            throw new IllegalStateException("a foreign key of table " + name + " reached its schema without a name");
        }
        for (int j = 0; j < i; j++) {
            if (foreignKeys.get(j).name().equals(fk.name())) {
                throw new SchemaException("42710", "table " + name + " has two foreign keys named " + fk.name());
            }
        }
        if (!fk.isResolved() && fk.parentTable() == null) {
            throw new SchemaException("foreign key " + fk.name() + " of table " + name + " references no table");
        }
        int[] positions = positionsOf(fk.columns(), "foreign key " + fk.name());
        int referenced = fk.isResolved() ? fk.parentColumnIds().length : fk.parentColumns().size();
        if (referenced != 0 && referenced != positions.length) {
            throw InvalidForeignKeyException.notAKey("foreign key " + fk.name() + " of table " + name + " has "
                    + positions.length + " column(s) but references " + referenced);
        }
        if (coveringIndex(indexes, fk.columns()) < 0) {
            throw new IllegalStateException("foreign key " + fk.name() + " of table " + name + " has no index");
        }
        return positions;
    }

    /** Rebuilds a stored schema version exactly (catalog recovery and snapshots). */
    public static TableSchema restore(long tableId, String name, TableKind kind, Storage storage, int version,
                                      List<ColumnDef> columns, int[] columnIds, int nextColumnId,
                                      List<String> primaryKey, List<IndexDef> indexes) {
        return restore(tableId, name, kind, storage, version, columns, columnIds, nextColumnId, primaryKey, indexes,
                List.of());
    }

    /** {@link #restore} of a table with foreign keys (declared ones when a creation is applied, else resolved). */
    public static TableSchema restore(long tableId, String name, TableKind kind, Storage storage, int version,
                                      List<ColumnDef> columns, int[] columnIds, int nextColumnId,
                                      List<String> primaryKey, List<IndexDef> indexes,
                                      List<ForeignKeyDef> foreignKeys) {
        return restore(tableId, name, kind, storage, version, columns, columnIds, nextColumnId, primaryKey, indexes,
                foreignKeys, CheckMark.NONE);
    }

    /** {@link #restore} with its check mark: null for a schema recorded before schemas held one. */
    public static TableSchema restore(long tableId, String name, TableKind kind, Storage storage, int version,
                                      List<ColumnDef> columns, int[] columnIds, int nextColumnId,
                                      List<String> primaryKey, List<IndexDef> indexes,
                                      List<ForeignKeyDef> foreignKeys, CheckMark checks) {
        List<ColumnDef> cols = new ArrayList<>();
        for (ColumnDef c : columns) {
            cols.add(withCoercedDefault(c));
        }
        return new TableSchema(tableId, name, kind, storage, version, cols, columnIds, nextColumnId, primaryKey,
                indexes, foreignKeys, checks);
    }

    private static ColumnDef withCoercedDefault(ColumnDef c) {
        if (c.defaultValue() == null) {
            return c;
        }
        Object coerced = Values.coerce(c.type(), c.defaultValue(), c.name());
        return c.timeDefault() == null ? c.withDefault(coerced) : c.withTimeDefault(c.timeDefault(), coerced);
    }

    private int[] positionsOf(List<String> names, String what) {
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            Integer p = positionByName.get(names.get(i));
            if (p == null) {
                throw new UnknownColumnException(what + " of table " + name + " names unknown column " + names.get(i));
            }
            out[i] = p;
        }
        return out;
    }

    private void checkKeyColumns() {
        for (int p : keyPositions) {
            if (columns.get(p).nullable()) {
                throw new SchemaException("primary key column " + columns.get(p).name() + " of table " + name
                        + " must be NOT NULL");
            }
        }
    }

    private void checkIndexNames() {
        Map<String, Boolean> seen = new HashMap<>();
        for (IndexDef ix : indexes) {
            if (seen.put(ix.name(), true) != null) {
                throw new IndexExistsException("table " + name + " has two indexes named " + ix.name());
            }
        }
    }

    /** The last schema version a table can reach: each stored row records its version in two bytes. */
    public static final int VERSION_MAX = 0xFFFF;

    /** The version of the next alteration; past {@link #VERSION_MAX} the table cannot be altered any more. */
    private int nextVersion() {
        if (version >= VERSION_MAX) {
            throw new SchemaException("table " + name + " has been altered " + (VERSION_MAX - 1) + " times, the most"
                    + " its rows can record; copy it into a new table to alter it further");
        }
        return version + 1;
    }

    /** The same table with one more column; existing rows read it as its default (or NULL). */
    public TableSchema withColumnAdded(ColumnDef column) {
        if (positionByName.containsKey(column.name())) {
            throw new ColumnExistsException("table " + name + " already has column " + column.name());
        }
        if (!column.nullable() && !column.hasDefault()) {
            throw new SchemaException("cannot add NOT NULL column " + column.name() + " to table " + name
                    + " without a default: existing rows would have no value");
        }
        if (column.timeDefault() != null && column.defaultValue() == null) {
            throw new IllegalArgumentException("column " + column.name() + " added to table " + name + " has DEFAULT "
                    + column.timeDefault() + " without the time of the change: the member proposing it stamps it");
        }
        List<ColumnDef> cols = new ArrayList<>(columns);
        cols.add(withCoercedDefault(column));
        int[] ids = Arrays.copyOf(columnIds, columnIds.length + 1);
        ids[ids.length - 1] = nextColumnId;
        return new TableSchema(tableId, name, kind, storage, nextVersion(), cols, ids, nextColumnId + 1,
                primaryKeyNames(), indexes, foreignKeys, checks);
    }

    /** The same table without a column; it must not be part of the primary key or an index. */
    public TableSchema withColumnDropped(String columnName) {
        int p = position(columnName);
        if (isKeyPosition(p)) {
            throw new SchemaException("cannot drop primary key column " + columnName + " of table " + name);
        }
        checkDroppable(p, columnName);
        List<ColumnDef> cols = new ArrayList<>(columns);
        cols.remove(p);
        return new TableSchema(tableId, name, kind, storage, nextVersion(), cols, idsWithout(p), nextColumnId,
                primaryKeyNames(), indexes, foreignKeys, checks);
    }

    /** A column may go only if no foreign key or index uses it and another column stays. */
    private void checkDroppable(int p, String columnName) {
        for (ForeignKeyDef fk : foreignKeys) {
            if (fk.columns().contains(columns.get(p).name())) {
                throw new StillReferencedException("cannot drop column " + columnName + " of table " + name
                        + ": foreign key " + fk.name() + " uses it");
            }
        }
        for (IndexDef ix : indexes) {
            if (ix.columns().contains(columns.get(p).name())) {
                throw new SchemaException("cannot drop column " + columnName + ": index " + ix.name() + " uses it");
            }
        }
        if (columns.size() == 1) {
            throw new SchemaException("cannot drop the last column of table " + name);
        }
    }

    /** The column ids without the one at position {@code p}. */
    private int[] idsWithout(int p) {
        int[] ids = new int[columnIds.length - 1];
        for (int i = 0, j = 0; i < columnIds.length; i++) {
            if (i != p) {
                ids[j++] = columnIds[i];
            }
        }
        return ids;
    }

    /**
     * The same table keyed by {@code keyColumns}, which become NOT NULL; {@code dropped} (null for none), a column of
     * the old key that the new one leaves out, goes too. The rows move to their new keys when the change applies
     * ({@code Table.alter}). A bag's key groups its rows, and is not changed so ({@link UnsupportedChangeException}).
     */
    public TableSchema withPrimaryKey(List<String> keyColumns, String dropped) {
        if (kind == TableKind.BAG) {
            throw new UnsupportedChangeException("cannot change the primary key of table " + name + ": it is a bag, "
                    + "whose key groups its rows");
        }
        if (keyColumns.isEmpty()) {
            throw new SchemaException("table " + name + " must have a primary key");
        }
        if (dropped != null && !hasColumn(dropped)) {
            // Looked at first: the column was the old key's when the change was made, so its key changed since.
            throw new KeyChangedException("cannot re-key table " + name + " from a key with column " + dropped
                    + ": its primary key is " + primaryKeyNames() + " now");
        }
        List<String> key = new ArrayList<>();
        List<ColumnDef> cols = new ArrayList<>(columns);
        for (String column : keyColumns) {
            int p = position(column);
            if (key.contains(columns.get(p).name())) {
                throw new SchemaException("primary key of table " + name + " names column " + column + " twice");
            }
            key.add(columns.get(p).name());
            cols.set(p, cols.get(p).notNull());
        }
        if (dropped == null) {
            return new TableSchema(tableId, name, kind, storage, nextVersion(), cols, columnIds, nextColumnId, key,
                    indexes, foreignKeys, checks);
        }
        int p = position(dropped);
        if (!isKeyPosition(p) || key.contains(columns.get(p).name())) {
            throw new SchemaException("cannot drop column " + dropped + " of table " + name + " with the old key "
                    + primaryKeyNames() + ": only a column of the old key that the new one " + key + " leaves out can");
        }
        checkDroppable(p, dropped);
        cols.remove(p);
        return new TableSchema(tableId, name, kind, storage, nextVersion(), cols, idsWithout(p), nextColumnId, key,
                indexes, foreignKeys, checks);
    }

    /**
     * The same table with {@code template}'s default on a column (none for a null template) for the rows written
     * from now on; the rows already there keep their values.
     */
    public TableSchema withColumnDefault(String columnName, ColumnDef template) {
        int p = position(columnName);
        ColumnDef c = columns.get(p);
        return withColumn(p, template == null ? c.withoutDefault() : withCoercedDefault(c.withDefaultOf(template)));
    }

    /** The same table with a column NULL allowed or not; primary key columns stay NOT NULL. */
    public TableSchema withColumnNullable(String columnName, boolean nullable) {
        int p = position(columnName);
        if (nullable && isKeyPosition(p)) {
            throw new SchemaException("cannot drop NOT NULL of primary key column " + columns.get(p).name()
                    + " of table " + name);
        }
        return withColumn(p, columns.get(p).withNullable(nullable));
    }

    /**
     * The same table with a column of another type ({@link Conversions#supported}); its default is converted. A
     * primary key column changes only to a type whose keys encode as they did, so that rows keep their keys and
     * their order; a column whose default is a random UUID stays a UUID column until that default is dropped. The
     * rows are converted when the change applies ({@code Table.alter}).
     */
    public TableSchema withColumnType(String columnName, ColumnType type) {
        int p = position(columnName);
        ColumnDef c = columns.get(p);
        if (!Conversions.supported(c.type(), type)) {
            throw new UnsupportedChangeException("cannot change column " + c.name() + " of table " + name + " from "
                    + c.type() + " to " + type + ": Mnemo does not convert between these types");
        }
        if (isKeyPosition(p) && !Conversions.keepsKeyEncoding(c.type(), type)) {
            throw new UnsupportedChangeException("cannot change primary key column " + c.name() + " of table "
                    + name + " from " + c.type() + " to " + type + ": its keys would encode differently; only a"
                    + " text or binary length, a DECIMAL precision, more fractional digits or a TIMESTAMP's time"
                    + " zone can change in a key");
        }
        if (c.randomUuidDefault() && type.kind() != ColumnType.Kind.UUID) {
            throw new UnsupportedChangeException("cannot change column " + c.name() + " of table " + name + " from "
                    + c.type() + " to " + type + " while its default is RANDOM_UUID(), which only a UUID column takes:"
                    + " DROP DEFAULT first (the rows keep their values), then change the type");
        }
        return withColumn(p, c.withType(type));
    }

    /** The same table under another name; its columns, key, indexes and rows stay as they are. */
    public TableSchema withName(String newName) {
        return new TableSchema(tableId, Names.check("table", newName), kind, storage, nextVersion(), columns,
                columnIds, nextColumnId, primaryKeyNames(), indexes, foreignKeys, checks);
    }

    /**
     * The same table with a column under another name, primary key and indexes following it; a name that another
     * column has fails with {@link ColumnExistsException}.
     */
    public TableSchema withColumnRenamed(String columnName, String newName) {
        int p = position(columnName);
        String from = columns.get(p).name();
        String to = Names.check("column", newName);
        if (positionByName.containsKey(to)) {
            throw new ColumnExistsException("table " + name + " already has column " + to);
        }
        List<ColumnDef> cols = new ArrayList<>(columns);
        cols.set(p, cols.get(p).withName(to));
        List<String> key = new ArrayList<>(primaryKeyNames());
        key.replaceAll(c -> c.equals(from) ? to : c);
        List<IndexDef> ixs = new ArrayList<>();
        for (IndexDef ix : indexes) {
            if (!ix.columns().contains(from)) {
                ixs.add(ix);
                continue;
            }
            List<String> ixCols = new ArrayList<>(ix.columns());
            ixCols.replaceAll(c -> c.equals(from) ? to : c);
            ixs.add(ix.withColumns(ixCols));
        }
        List<ForeignKeyDef> fks = new ArrayList<>();
        for (ForeignKeyDef fk : foreignKeys) {
            List<String> fkCols = new ArrayList<>(fk.columns());
            fkCols.replaceAll(c -> c.equals(from) ? to : c);
            fks.add(fk.withColumns(fkCols));
        }
        return new TableSchema(tableId, name, kind, storage, nextVersion(), cols, columnIds, nextColumnId, key, ixs,
                fks, checks);
    }

    private boolean isKeyPosition(int p) {
        for (int k : keyPositions) {
            if (k == p) {
                return true;
            }
        }
        return false;
    }

    private TableSchema withColumn(int p, ColumnDef changed) {
        List<ColumnDef> cols = new ArrayList<>(columns);
        cols.set(p, changed);
        return new TableSchema(tableId, name, kind, storage, nextVersion(), cols, columnIds, nextColumnId,
                primaryKeyNames(), indexes, foreignKeys, checks);
    }

    public TableSchema withIndex(IndexDef index) {
        if (findIndex(index.name()) >= 0) {
            throw new IndexExistsException("table " + name + " already has index " + index.name());
        }
        List<IndexDef> ixs = new ArrayList<>(indexes);
        ixs.add(index);
        return new TableSchema(tableId, name, kind, storage, nextVersion(), columns, columnIds, nextColumnId,
                primaryKeyNames(), ixs, foreignKeys, checks);
    }

    public TableSchema withoutIndex(String indexName) {
        int i = findIndex(indexName);
        if (i < 0) {
            throw new UnknownIndexException("table " + name + " has no index " + indexName);
        }
        List<IndexDef> ixs = new ArrayList<>(indexes);
        ixs.remove(i);
        for (ForeignKeyDef fk : foreignKeys) {
            if (coveringIndex(ixs, fk.columns()) < 0) {
                throw new StillReferencedException("cannot drop index " + indexName + " of table " + name
                        + ": foreign key " + fk.name() + " finds its rows through it");
            }
        }
        return new TableSchema(tableId, name, kind, storage, nextVersion(), columns, columnIds, nextColumnId,
                primaryKeyNames(), ixs, foreignKeys, checks);
    }

    /**
     * The same table with one more foreign key, resolved to its parent (named here if it has no name yet), and a
     * hash index on its columns if none covers them exactly.
     */
    public TableSchema withForeignKey(ForeignKeyDef foreignKey) {
        if (!foreignKey.isResolved()) {
            throw new IllegalArgumentException("foreign key " + foreignKey + " is not resolved to its parent");
        }
        ForeignKeyDef fk = foreignKey.name() != null ? foreignKey
                : foreignKey.named(freeName(name, foreignKey, foreignKeys, indexes));
        if (findForeignKey(fk.name()) >= 0) {
            throw new SchemaException("42710", "table " + name + " already has foreign key " + fk.name());
        }
        List<IndexDef> ixs = new ArrayList<>(indexes);
        addCoveringIndex(ixs, fk);
        List<ForeignKeyDef> fks = new ArrayList<>(foreignKeys);
        fks.add(fk);
        return new TableSchema(tableId, name, kind, storage, nextVersion(), columns, columnIds, nextColumnId,
                primaryKeyNames(), ixs, fks, checks);
    }

    /**
     * The same table without a foreign key, and without the index made for it ({@link IndexDef#isForForeignKey})
     * unless another foreign key on the same columns still finds its rows through it; an index a user made stays.
     */
    public TableSchema withoutForeignKey(String foreignKeyName) {
        int i = findForeignKey(foreignKeyName);
        if (i < 0) {
            throw new SchemaException("42704", "table " + name + " has no foreign key " + foreignKeyName);
        }
        List<ForeignKeyDef> fks = new ArrayList<>(foreignKeys);
        fks.remove(i);
        List<IndexDef> ixs = new ArrayList<>(indexes);
        ixs.removeIf(ix -> ix.isForForeignKey() && fks.stream().noneMatch(fk -> fk.columns().equals(ix.columns())));
        return new TableSchema(tableId, name, kind, storage, nextVersion(), columns, columnIds, nextColumnId,
                primaryKeyNames(), ixs, fks, checks);
    }

    /** The same table with its foreign keys resolved (a creation being applied); the version stays. */
    public TableSchema withForeignKeys(long newTableId, List<ForeignKeyDef> resolved) {
        return new TableSchema(newTableId, name, kind, storage, version, columns, columnIds, nextColumnId,
                primaryKeyNames(), indexes, resolved, checks);
    }

    /**
     * The same table with another check mark, set by this version: a write encoded under an earlier version
     * conflicts (see {@link CheckMark}). Columns, key, indexes and rows stay as they are.
     */
    public TableSchema withChecks(String value) {
        int next = nextVersion();
        return new TableSchema(tableId, name, kind, storage, next, columns, columnIds, nextColumnId,
                primaryKeyNames(), indexes, foreignKeys, new CheckMark(value, next));
    }

    /** What this version records of the table's checks; null when it was recorded before schemas held it. */
    public CheckMark checks() {
        return checks;
    }

    /** Whether this version records checks on the table's rows, which an {@link ActionValidator} judges. */
    public boolean hasChecks() {
        return checks != null && !checks.isEmpty();
    }

    public long tableId() {
        return tableId;
    }

    public String name() {
        return name;
    }

    public TableKind kind() {
        return kind;
    }

    public Storage storage() {
        return storage;
    }

    /** The schema version, 1 at creation and one more for each alteration. */
    public int version() {
        return version;
    }

    public List<ColumnDef> columns() {
        return columns;
    }

    public int columnCount() {
        return columns.size();
    }

    public ColumnDef column(int position) {
        return columns.get(position);
    }

    /** The stable id of the column at {@code position}; ids survive other columns being added or dropped. */
    public int columnId(int position) {
        return columnIds[position];
    }

    public int nextColumnId() {
        return nextColumnId;
    }

    /** The position of a column by name (case-insensitive), or throws {@link UnknownColumnException}. */
    public int position(String columnName) {
        Integer p = positionByName.get(Names.check("column", columnName));
        if (p == null) {
            throw new UnknownColumnException("table " + name + " has no column " + columnName);
        }
        return p;
    }

    /** The position of the column with this id, or -1 if this version has no such column. */
    public int positionOfId(int columnId) {
        for (int i = 0; i < columnIds.length; i++) {
            if (columnIds[i] == columnId) {
                return i;
            }
        }
        return -1;
    }

    public boolean hasColumn(String columnName) {
        return positionByName.containsKey(Names.check("column", columnName));
    }

    /** Positions of the primary key columns, in key order. */
    public int[] keyPositions() {
        return keyPositions.clone();
    }

    /** How many columns the primary key has; with {@link #keyPosition} it reads the key without a copy. */
    public int keyColumnCount() {
        return keyPositions.length;
    }

    /** The position of the primary key's {@code i}-th column. */
    public int keyPosition(int i) {
        return keyPositions[i];
    }

    public List<String> primaryKeyNames() {
        List<String> out = new ArrayList<>();
        for (int p : keyPositions) {
            out.add(columns.get(p).name());
        }
        return out;
    }

    public List<IndexDef> indexes() {
        return indexes;
    }

    /** Positions of the columns of the i-th index. */
    public int[] indexPositions(int i) {
        return indexPositions[i].clone();
    }

    /** The position of the index named so in {@link #indexes()}, or -1. */
    public int findIndex(String indexName) {
        String n = Names.check("index", indexName);
        for (int i = 0; i < indexes.size(); i++) {
            if (indexes.get(i).name().equals(n)) {
                return i;
            }
        }
        return -1;
    }

    /** The foreign keys, resolved to their parents' table and column ids (declared ones before creation). */
    public List<ForeignKeyDef> foreignKeys() {
        return foreignKeys;
    }

    /** Positions of the columns of the i-th foreign key, in the order of the columns it references. */
    public int[] foreignKeyPositions(int i) {
        return foreignKeyPositions[i].clone();
    }

    /** The position of the foreign key named so in {@link #foreignKeys()}, or -1. */
    public int findForeignKey(String foreignKeyName) {
        String n = Names.check("foreign key", foreignKeyName);
        for (int i = 0; i < foreignKeys.size(); i++) {
            if (foreignKeys.get(i).name().equals(n)) {
                return i;
            }
        }
        return -1;
    }

    /** The position in {@link #indexes()} of an index on exactly these columns, in this order, or -1. */
    public int coveringIndex(List<String> columnNames) {
        return coveringIndex(indexes, columnNames);
    }

    @Override
    public String toString() {
        return name + "(v" + version + ", " + kind + ", " + storage + ", " + columns + ", key " + primaryKeyNames()
                + (indexes.isEmpty() ? "" : ", " + indexes) + (foreignKeys.isEmpty() ? "" : ", " + foreignKeys) + ")";
    }
}
