package dev.mnemo.sql.exec;

import java.util.List;

/** What running a statement produced: rows in JDBC form (for queries), or a count of rows changed. */
public final class Result {
    private final List<ColumnMeta> columns;
    private final List<Object[]> rows;
    private final long updateCount;

    private Result(List<ColumnMeta> columns, List<Object[]> rows, long updateCount) {
        this.columns = columns;
        this.rows = rows;
        this.updateCount = updateCount;
    }

    static Result rows(List<ColumnMeta> columns, List<Object[]> rows) {
        return new Result(columns, rows, -1);
    }

    static Result count(long n) {
        return new Result(List.of(), List.of(), n);
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
