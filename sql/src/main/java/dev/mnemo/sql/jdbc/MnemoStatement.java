package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.BaseStatement;
import dev.mnemo.sql.exec.ColumnMeta;
import dev.mnemo.sql.exec.CompiledStatement;
import dev.mnemo.sql.exec.Result;
import org.apache.calcite.sql.type.SqlTypeName;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A JDBC statement: runs SQL text through the connection's session; batches run statement by statement.
 * The query timeout is kept for JDBC's sake: statements run to completion in memory and are not interrupted.
 */
public class MnemoStatement extends BaseStatement {
    final MnemoConnection connection;

    MnemoStatement(MnemoConnection connection, int resultSetType) {
        super(connection, resultSetType, 0, 0);
        this.connection = connection;
    }

    /** Runs a compiled statement, keeping its outcome for getResultSet/getUpdateCount; true if it gave rows. */
    boolean run(CompiledStatement c, Object[] params) throws SQLException {
        startRun();
        Result r = connection.execute(c, params, maxRows());
        warned(r.warning());
        if (r.hasRows()) {
            return rowsProduced(new MnemoResultSet(this, r.columns(), r.rows(), resultSetType()));
        }
        return countProduced(r.updateCount(), keys(r.keyColumns(), r.keys()));
    }

    /** The result getGeneratedKeys gives for identity values {@code keys}; null when there is no key column. */
    private ResultSet keys(List<ColumnMeta> columns, List<Object[]> keys) {
        return columns.isEmpty() ? null : new MnemoResultSet(this, columns, keys, ResultSet.TYPE_FORWARD_ONLY);
    }

    /** Ends a batch whose executions gave {@code results}: their update counts, and their keys as one result. */
    long[] batchDone(List<Result> results) throws SQLException {
        long[] counts = new long[results.size()];
        List<ColumnMeta> keyColumns = List.of();
        List<Object[]> keys = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            Result r = results.get(i);
            counts[i] = r.updateCount();
            if (!r.keyColumns().isEmpty()) {
                keyColumns = r.keyColumns();
                keys.addAll(r.keys());
            }
        }
        batchProduced(keys(keyColumns, keys));
        return counts;
    }

    @Override
    protected boolean runText(String sql) throws SQLException {
        return run(connection.prepare(sql), new Object[0]);
    }

    @Override
    protected ResultSet emptyKeys(List<String> labels) {
        List<ColumnMeta> columns = new ArrayList<>();
        for (String label : labels) {
            columns.add(new ColumnMeta(label, label, "", SqlTypeName.BIGINT, 19, 0, true));
        }
        return new MnemoResultSet(this, columns, List.of(), ResultSet.TYPE_FORWARD_ONLY);
    }

    @Override
    public void cancel() throws SQLException {
        checkOpen();
    }
}
