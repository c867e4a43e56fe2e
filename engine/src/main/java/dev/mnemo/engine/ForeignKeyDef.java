package dev.mnemo.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A foreign key of a child table: its columns must hold the values of a row of the parent table in the referenced
 * columns (the parent's primary key, or the columns of one of its unique indexes), or a NULL in any of them (no
 * reference, SQL's MATCH SIMPLE). Built fluently and given to {@link TableDef#foreignKey} or
 * {@link Mnemo#addForeignKey}:
 *
 * <pre>{@code
 * ForeignKeyDef.on("customer_id").references("customer").onDelete(ForeignKeyAction.CASCADE).named("fk_order_customer")
 * }</pre>
 *
 * <p>As the user declares it, a foreign key names its parent table and columns (none: the primary key). A table's
 * schema keeps it resolved instead: the parent's table id and the ids of the referenced columns, so that renaming
 * the parent or its columns keeps the reference; {@link Mnemo#foreignKeys} gives it back with today's names.
 */
public final class ForeignKeyDef {
    private final String name;
    private final List<String> columns;
    private final String parentTable;
    private final List<String> parentColumns;
    private final ForeignKeyAction onDelete;
    private final ForeignKeyAction onUpdate;
    private final long parentTableId;
    private final int[] parentColumnIds;

    private ForeignKeyDef(String name, List<String> columns, String parentTable, List<String> parentColumns,
                          ForeignKeyAction onDelete, ForeignKeyAction onUpdate, long parentTableId,
                          int[] parentColumnIds) {
        this.name = name == null ? null : Names.check("foreign key", name);
        if (columns.isEmpty()) {
            throw new SchemaException("foreign key " + name + " must have at least one column");
        }
        this.columns = checked("column", columns);
        this.parentTable = parentTable == null ? null : Names.check("table", parentTable);
        this.parentColumns = checked("column", parentColumns);
        this.onDelete = onDelete;
        this.onUpdate = onUpdate;
        this.parentTableId = parentTableId;
        this.parentColumnIds = parentColumnIds.clone();
    }

    private static List<String> checked(String what, List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.add(Names.check(what, n));
        }
        return List.copyOf(out);
    }

    /** A foreign key on these child columns, without a parent yet: {@link #references} gives it one. */
    public static ForeignKeyDef on(String... columns) {
        return new ForeignKeyDef(null, List.of(columns), null, List.of(), ForeignKeyAction.NO_ACTION,
                ForeignKeyAction.NO_ACTION, 0, new int[0]);
    }

    /** Rebuilds a declared foreign key from its parts ({@code name} null: one is made up when it is applied). */
    public static ForeignKeyDef of(String name, List<String> columns, String parentTable, List<String> parentColumns,
                                   ForeignKeyAction onDelete, ForeignKeyAction onUpdate) {
        return new ForeignKeyDef(name, columns, parentTable, parentColumns, onDelete, onUpdate, 0, new int[0]);
    }

    /** Rebuilds a resolved foreign key from its parts (schema recovery and snapshots). */
    public static ForeignKeyDef resolved(String name, List<String> columns, long parentTableId,
                                         int[] parentColumnIds, ForeignKeyAction onDelete, ForeignKeyAction onUpdate) {
        return new ForeignKeyDef(name, columns, null, List.of(), onDelete, onUpdate, parentTableId, parentColumnIds);
    }

    /** The same foreign key, referencing {@code table}'s columns (none given: its primary key). */
    public ForeignKeyDef references(String table, String... referencedColumns) {
        return new ForeignKeyDef(name, columns, table, List.of(referencedColumns), onDelete, onUpdate, 0, new int[0]);
    }

    public ForeignKeyDef named(String constraintName) {
        return new ForeignKeyDef(constraintName, columns, parentTable, parentColumns, onDelete, onUpdate,
                parentTableId, parentColumnIds);
    }

    public ForeignKeyDef onDelete(ForeignKeyAction action) {
        return new ForeignKeyDef(name, columns, parentTable, parentColumns, action, onUpdate, parentTableId,
                parentColumnIds);
    }

    /**
     * What a change of a referenced parent row's referenced columns does to its children: a change of its primary
     * key declared with {@link Transaction#moved}, or a set's row replaced under its key with new values in the
     * referenced unique columns.
     */
    public ForeignKeyDef onUpdate(ForeignKeyAction action) {
        return new ForeignKeyDef(name, columns, parentTable, parentColumns, onDelete, action, parentTableId,
                parentColumnIds);
    }

    /** The same foreign key with its parent resolved to a table id and the ids of the referenced columns. */
    public ForeignKeyDef resolvedTo(long tableId, int[] columnIds) {
        return new ForeignKeyDef(name, columns, null, List.of(), onDelete, onUpdate, tableId, columnIds);
    }

    /** The same foreign key as a user reads it: the parent's name and referenced columns as they are now. */
    public ForeignKeyDef describedAs(String table, List<String> referencedColumns) {
        return new ForeignKeyDef(name, columns, table, referencedColumns, onDelete, onUpdate, parentTableId,
                parentColumnIds);
    }

    /** The same foreign key on child columns renamed. */
    ForeignKeyDef withColumns(List<String> childColumns) {
        return new ForeignKeyDef(name, childColumns, parentTable, parentColumns, onDelete, onUpdate, parentTableId,
                parentColumnIds);
    }

    /** The constraint's name; null only on a declaration that leaves it to be made up. */
    public String name() {
        return name;
    }

    /** The child's columns, in the order of the referenced ones. */
    public List<String> columns() {
        return columns;
    }

    /** The parent table's name as declared or described; null in a table's schema (see {@link #parentTableId}). */
    public String parentTable() {
        return parentTable;
    }

    /** The referenced columns as declared or described (empty when declared: the primary key). */
    public List<String> parentColumns() {
        return parentColumns;
    }

    public ForeignKeyAction onDelete() {
        return onDelete;
    }

    public ForeignKeyAction onUpdate() {
        return onUpdate;
    }

    /** The parent's table id once resolved, else 0. */
    public long parentTableId() {
        return parentTableId;
    }

    /** The ids of the referenced columns in the parent, in order, once resolved; else empty. */
    public int[] parentColumnIds() {
        return parentColumnIds.clone();
    }

    public boolean isResolved() {
        return parentTableId != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ForeignKeyDef f && Objects.equals(name, f.name) && columns.equals(f.columns)
                && Objects.equals(parentTable, f.parentTable) && parentColumns.equals(f.parentColumns)
                && onDelete == f.onDelete && onUpdate == f.onUpdate && parentTableId == f.parentTableId
                && Arrays.equals(parentColumnIds, f.parentColumnIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, columns, parentTable, parentColumns, onDelete, onUpdate, parentTableId);
    }

    @Override
    public String toString() {
        String parent = parentTable != null ? parentTable + parentColumns
                : "table#" + parentTableId + Arrays.toString(parentColumnIds);
        return "FOREIGN KEY " + name + columns + " REFERENCES " + parent + " ON DELETE " + onDelete.sql()
                + " ON UPDATE " + onUpdate.sql();
    }
}
