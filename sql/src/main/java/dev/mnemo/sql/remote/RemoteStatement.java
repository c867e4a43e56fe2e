package dev.mnemo.sql.remote;

import dev.mnemo.proto.v1.ClientRequest;
import dev.mnemo.proto.v1.ClientResponse;
import dev.mnemo.proto.v1.ColumnMetadata;
import dev.mnemo.proto.v1.ExecuteSql;
import dev.mnemo.proto.v1.SqlType;
import dev.mnemo.proto.v1.TypedValue;
import dev.mnemo.proto.v1.ResultPage;
import dev.mnemo.proto.v1.ResultRow;
import dev.mnemo.proto.v1.SqlError;
import dev.mnemo.proto.v1.UpdateCount;
import dev.mnemo.sql.client.BaseStatement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
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
        return produced(send(sql, params));
    }

    /** Runs a batch's execution, which must give an update count: its count and keys; 07000 if it gave rows. */
    UpdateCount runCounted(String sql, List<TypedValue> params) throws SQLException {
        ClientResponse r = send(sql, params);
        if (produced(r)) {
            getResultSet().close();
            throw new SQLException("a batch statement returned rows", "07000");
        }
        return r.getUpdateCount();
    }

    /** Starts an execution and sends it: the member's answer, rows or an update count. */
    private ClientResponse send(String sql, List<TypedValue> params) throws SQLException {
        startRun();
        ExecuteSql.Builder request = ExecuteSql.newBuilder().setSql(sql).addAllParameters(params)
                .setFetchSize(fetchSize()).setMaxRows(maxRows()).setReadOnly(connection.isReadOnly());
        ClientResponse r = connection.session().statement(ClientRequest.newBuilder().setExecuteSql(request),
                timeoutMillis());
        if (!r.hasResultPage() && !r.hasUpdateCount()) {
            throw new SQLException("the member answered a statement with " + r.getBodyCase(), "08S01");
        }
        for (SqlError w : r.getWarningsList()) {
            warned(new SQLWarning(w.getMessage(), w.getSqlState()));
        }
        return r;
    }

    private long timeoutMillis() {
        return queryTimeoutSeconds() * 1000L;
    }

    /** Keeps the outcome of the execution that {@code r} answers; true if it gave rows. */
    private boolean produced(ClientResponse r) {
        if (r.hasResultPage()) {
            return rowsProduced(new RemoteResultSet(this, connection.session(), r.getResultPage(), fetchSize(),
                    timeoutMillis()));
        }
        UpdateCount count = r.getUpdateCount();
        return countProduced(count.getCount(), keys(count.getKeyColumnsList(), count.getKeysList()));
    }

    /** The result getGeneratedKeys gives for identity values {@code keys}; null when there is no key column. */
    final ResultSet keys(List<ColumnMetadata> columns, List<ResultRow> keys) {
        return columns.isEmpty() ? null : new RemoteResultSet(this, null, ResultPage.newBuilder()
                .addAllColumns(columns).addAllRows(keys).setLast(true).build(), 0, 0);
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
