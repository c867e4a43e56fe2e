package dev.mnemo.sql.exec;

import java.sql.SQLWarning;
import java.util.List;

/** What running a statement produced: rows in JDBC form (for queries), or a count of rows changed. */
public final class Result {
    private final List<ColumnMeta> columns;
    private final List<Object[]> rows;
    private final long updateCount;
    private final List<ColumnMeta> keyColumns;
    private final List<Object[]> keys;
    private final SQLWarning warning;

    private Result(List<ColumnMeta> columns, List<Object[]> rows, long updateCount, List<ColumnMeta> keyColumns,
                   List<Object[]> keys, SQLWarning warning) {
        this.columns = columns;
        this.rows = rows;
        this.updateCount = updateCount;
        this.keyColumns = keyColumns;
        this.keys = keys;
        this.warning = warning;
    }

    private Result(List<ColumnMeta> columns, List<Object[]> rows, long updateCount, List<ColumnMeta> keyColumns,
                   List<Object[]> keys) {
        this(columns, rows, updateCount, keyColumns, keys, null);
    }

    /** A count of 0 with a warning (null: none), as a statement that changes no rows but warns gives. */
    static Result warned(SQLWarning warning) {
        return new Result(List.of(), List.of(), 0, List.of(), List.of(), warning);
    }

    /** The warning the statement raised, or null. */
    public SQLWarning warning() {
        return warning;
    }

    static Result rows(List<ColumnMeta> columns, List<Object[]> rows) {
        return new Result(columns, rows, -1, List.of(), List.of());
    }

    static Result count(long n) {
        return new Result(List.of(), List.of(), n, List.of(), List.of());
    }

    /** A count of rows changed, with the identity values generated for the rows inserted (one column). */
    static Result count(long n, ColumnMeta keyColumn, List<Object[]> keys) {
        return new Result(List.of(), List.of(), n, List.of(keyColumn), keys);
    }

    /** The column of {@link #keys()}: the identity column of the rows inserted; none when no row got one. */
    public List<ColumnMeta> keyColumns() {
        return keyColumns;
    }

    /** The identity values generated for the rows a DML statement inserted, in JDBC form, one per row. */
    public List<Object[]> keys() {
        return keys;
    }

    public boolean hasRows() {
        return updateCount < 0;
    }

    public List<ColumnMeta> columns() {
        return columns;
    }

    public List<Object[]> rows() {
        return rows;
    }

    /** Rows changed by DML; 0 for DDL and transaction control; -1 for queries. */
    public long updateCount() {
        return updateCount;
    }
}
