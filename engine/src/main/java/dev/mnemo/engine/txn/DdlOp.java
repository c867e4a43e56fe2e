package dev.mnemo.engine.txn;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.TableSchema;

/**
 * A schema change, ordered through the commit log like any write so that every member applies it at the same
 * point. {@code lenient} is SQL's IF [NOT] EXISTS: a change that finds nothing to do succeeds quietly.
 */
public record DdlOp(Type type, String table, TableSchema schema, ColumnDef column, IndexDef index, String name,
                    boolean lenient) {
    /** The schema changes Mnemo supports online. */
    public enum Type { CREATE_TABLE, DROP_TABLE, ADD_COLUMN, DROP_COLUMN, CREATE_INDEX, DROP_INDEX }

    public static DdlOp createTable(TableSchema schema, boolean ifNotExists) {
        return new DdlOp(Type.CREATE_TABLE, schema.name(), schema, null, null, null, ifNotExists);
    }

    public static DdlOp dropTable(String table, boolean ifExists) {
        return new DdlOp(Type.DROP_TABLE, table, null, null, null, null, ifExists);
    }

    public static DdlOp addColumn(String table, ColumnDef column, boolean ifNotExists) {
        return new DdlOp(Type.ADD_COLUMN, table, null, column, null, null, ifNotExists);
    }

    public static DdlOp dropColumn(String table, String column, boolean ifExists) {
        return new DdlOp(Type.DROP_COLUMN, table, null, null, null, column, ifExists);
    }

    public static DdlOp createIndex(String table, IndexDef index, boolean ifNotExists) {
        return new DdlOp(Type.CREATE_INDEX, table, null, null, index, null, ifNotExists);
    }

    public static DdlOp dropIndex(String table, String index, boolean ifExists) {
        return new DdlOp(Type.DROP_INDEX, table, null, null, null, index, ifExists);
    }
}
