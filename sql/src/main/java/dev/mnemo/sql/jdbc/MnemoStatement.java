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
        if (r.hasRows()) {
            return rowsProduced(new MnemoResultSet(this, r.columns(), r.rows(), resultSetType()));
        }
        if (r.keyColumns().isEmpty()) {
            return countProduced(r.updateCount());
        }
        return countProduced(r.updateCount(),
                new MnemoResultSet(this, r.keyColumns(), r.keys(), ResultSet.TYPE_FORWARD_ONLY));
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
