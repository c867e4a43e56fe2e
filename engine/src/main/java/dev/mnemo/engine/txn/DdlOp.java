package dev.mnemo.engine.txn;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.TableSchema;

import java.util.List;

/**
 * A schema change, ordered through the commit log like any write so that every member applies it at the same
 * point. {@code lenient} is SQL's IF [NOT] EXISTS: a change that finds nothing to do succeeds quietly. A rename
 * names the table ({@code name} null) or the column {@code name} anew: {@code newName}. A foreign key added is
 * {@code foreignKey}; one dropped is {@code name}. A new primary key is {@code columns}, and {@code name} the column
 * of the old key that goes with it (null for none). A new check mark is {@code name}.
 */
public record DdlOp(Type type, String table, TableSchema schema, ColumnDef column, IndexDef index, String name,
                    boolean lenient, String newName, ForeignKeyDef foreignKey, List<String> columns) {
    /**
     * The schema changes Mnemo supports online; a type's ordinal is its number in the log, so new ones are appended.
     * {@code DROP_TABLE_CASCADE} drops the table with the foreign keys of other tables that reference it;
     * {@code SET_CHECKS} changes nothing but the table's check mark (and so its schema version).
     */
    public enum Type { CREATE_TABLE, DROP_TABLE, ADD_COLUMN, DROP_COLUMN, CREATE_INDEX, DROP_INDEX,
        SET_DEFAULT, DROP_DEFAULT, SET_NOT_NULL, DROP_NOT_NULL, RENAME_TABLE, RENAME_COLUMN, ADD_FOREIGN_KEY,
        DROP_FOREIGN_KEY, SET_TYPE, DROP_TABLE_CASCADE, SET_PRIMARY_KEY, SET_CHECKS }

    public static DdlOp createTable(TableSchema schema, boolean ifNotExists) {
        return new DdlOp(Type.CREATE_TABLE, schema.name(), schema, null, null, null, ifNotExists, null, null, null);
    }

    public static DdlOp dropTable(String table, boolean ifExists) {
        return new DdlOp(Type.DROP_TABLE, table, null, null, null, null, ifExists, null, null, null);
    }

    /**
     * Drops the table together with the foreign keys of other tables that reference it (and the indexes made for
     * them): the keys are those that reference it when the change is applied, on every member alike.
     */
    public static DdlOp dropTableCascade(String table, boolean ifExists) {
        return new DdlOp(Type.DROP_TABLE_CASCADE, table, null, null, null, null, ifExists, null, null, null);
    }

    /** True for either drop of a table. */
    public boolean dropsTable() {
        return type == Type.DROP_TABLE || type == Type.DROP_TABLE_CASCADE;
    }

    public static DdlOp addColumn(String table, ColumnDef column, boolean ifNotExists) {
        return new DdlOp(Type.ADD_COLUMN, table, null, column, null, null, ifNotExists, null, null, null);
    }

    public static DdlOp dropColumn(String table, String column, boolean ifExists) {
        return new DdlOp(Type.DROP_COLUMN, table, null, null, null, column, ifExists, null, null, null);
    }

    /** Gives {@code column.name()} the default of {@code column} (a constant or the time of the write). */
    public static DdlOp setDefault(String table, ColumnDef column) {
        return new DdlOp(Type.SET_DEFAULT, table, null, column, null, column.name(), false, null, null, null);
    }

    public static DdlOp dropDefault(String table, String column) {
        return new DdlOp(Type.DROP_DEFAULT, table, null, null, null, column, false, null, null, null);
    }

    /** Makes a column NOT NULL ({@code notNull}) or nullable again. */
    public static DdlOp setNotNull(String table, String column, boolean notNull) {
        Type type = notNull ? Type.SET_NOT_NULL : Type.DROP_NOT_NULL;
        return new DdlOp(type, table, null, null, null, column, false, null, null, null);
    }

    /** Changes the type of {@code column.name()} to {@code column.type()}, converting its rows. */
    public static DdlOp setType(String table, ColumnDef column) {
        return new DdlOp(Type.SET_TYPE, table, null, column, null, column.name(), false, null, null, null);
    }

    /** Renames the table ({@code column} null) or one of its columns to {@code newName}. */
    public static DdlOp rename(String table, String column, String newName) {
        Type type = column == null ? Type.RENAME_TABLE : Type.RENAME_COLUMN;
        return new DdlOp(type, table, null, null, null, column, false, newName, null, null);
    }

    public static DdlOp createIndex(String table, IndexDef index, boolean ifNotExists) {
        return new DdlOp(Type.CREATE_INDEX, table, null, null, index, null, ifNotExists, null, null, null);
    }

    public static DdlOp dropIndex(String table, String index, boolean ifExists) {
        return new DdlOp(Type.DROP_INDEX, table, null, null, null, index, ifExists, null, null, null);
    }

    /** Adds a foreign key to {@code table}, checked against its rows when applied. */
    public static DdlOp addForeignKey(String table, ForeignKeyDef foreignKey) {
        return new DdlOp(Type.ADD_FOREIGN_KEY, table, null, null, null, null, false, null, foreignKey, null);
    }

    /**
     * Re-keys a table on {@code columns}, moving every row to its new key; {@code dropped}, a column of the old key
     * that the new one leaves out, goes with the change (null: every column stays).
     */
    public static DdlOp setPrimaryKey(String table, List<String> columns, String dropped) {
        return new DdlOp(Type.SET_PRIMARY_KEY, table, null, null, null, dropped, false, null, null,
                List.copyOf(columns));
    }

    /** Gives the table the check mark {@code value} (see {@link dev.mnemo.engine.CheckMark}). */
    public static DdlOp setChecks(String table, String value) {
        return new DdlOp(Type.SET_CHECKS, table, null, null, null, value, false, null, null, null);
    }

    public static DdlOp dropForeignKey(String table, String foreignKey, boolean ifExists) {
        return new DdlOp(Type.DROP_FOREIGN_KEY, table, null, null, null, foreignKey, ifExists, null, null, null);
    }
}
