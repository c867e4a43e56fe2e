package dev.mnemo.sql.remote;

import dev.mnemo.proto.v1.ClientRequest;
import dev.mnemo.proto.v1.ClientResponse;
import dev.mnemo.proto.v1.ColumnMetadata;
import dev.mnemo.proto.v1.ExecuteSql;
import dev.mnemo.proto.v1.SqlType;
import dev.mnemo.proto.v1.TypedValue;
import dev.mnemo.proto.v1.ResultPage;
import dev.mnemo.proto.v1.UpdateCount;
import dev.mnemo.sql.client.BaseStatement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A JDBC statement over the connection's stream: each execution is one ExecuteSql request (the member caches
 * plans by SQL text), a query's rows arrive a page at a time, and batches run statement by statement.
 * {@link #setQueryTimeout} bounds how long the client waits for each answer (a page of rows counts as one);
 * a statement that times out is abandoned, not stopped: it may still take effect on the member.
 */
class RemoteStatement extends BaseStatement {
    final RemoteConnection connection;

    RemoteStatement(RemoteConnection connection) {
        super(connection, ResultSet.TYPE_FORWARD_ONLY, connection.defaultFetchSize(),
                connection.defaultQueryTimeout());
        this.connection = connection;
    }

    /** Runs SQL with encoded parameters, keeping its outcome for getResultSet/getUpdateCount; true if rows. */
    boolean run(String sql, List<TypedValue> params) throws SQLException {
        startRun();
        ExecuteSql.Builder request = ExecuteSql.newBuilder().setSql(sql).addAllParameters(params)
                .setFetchSize(fetchSize()).setMaxRows(maxRows());
        long timeoutMillis = queryTimeoutSeconds() * 1000L;
        ClientResponse r = connection.session().statement(ClientRequest.newBuilder().setExecuteSql(request),
                timeoutMillis);
        if (r.hasResultPage()) {
            return rowsProduced(new RemoteResultSet(this, connection.session(), r.getResultPage(), fetchSize(),
                    timeoutMillis));
        }
        if (!r.hasUpdateCount()) {
            throw new SQLException("the member answered a statement with " + r.getBodyCase(), "08S01");
        }
        UpdateCount count = r.getUpdateCount();
        if (count.getKeyColumnsCount() == 0) {
            return countProduced(count.getCount());
        }
        return countProduced(count.getCount(), new RemoteResultSet(this, null, ResultPage.newBuilder()
                .addAllColumns(count.getKeyColumnsList()).addAllRows(count.getKeysList()).setLast(true).build(), 0, 0));
    }

    @Override
    protected boolean runText(String sql) throws SQLException {
        return run(sql, List.of());
    }

    @Override
    protected ResultSet emptyKeys(List<String> labels) {
        List<ColumnMetadata> columns = new ArrayList<>();
        for (String label : labels) {
            columns.add(ColumnMetadata.newBuilder().setLabel(label).setName(label).setType(SqlType.BIGINT)
                    .setNullable(true).build());
        }
        return RemoteResultSet.empty(this, columns);
    }
}
