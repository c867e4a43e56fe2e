package dev.mnemo.sql.remote;

import dev.mnemo.proto.v1.ClientRequest;
import dev.mnemo.proto.v1.ClientResponse;
import dev.mnemo.proto.v1.ColumnMetadata;
import dev.mnemo.proto.v1.DescribeSql;
import dev.mnemo.proto.v1.ResultRow;
import dev.mnemo.proto.v1.SqlType;
import dev.mnemo.proto.v1.TypedValue;
import dev.mnemo.proto.v1.UpdateCount;
import dev.mnemo.sql.client.DefaultParameterSetters;

import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A prepared statement of the remote driver: the SQL text and its parameter values, encoded as they are set
 * and sent with each execution; the member plans the text once and caches the plan, so there is no separate
 * prepare round trip. Errors in the SQL therefore surface when it first runs. The number of parameters is
 * the number of {@code ?} outside literals, quoted names and comments.
 */
final class RemotePreparedStatement extends RemoteStatement implements DefaultParameterSetters {
    private final String sql;
    private final TypedValue[] params;
    private final List<List<TypedValue>> batch = new ArrayList<>();
    private ParameterMetaData described;

    RemotePreparedStatement(RemoteConnection connection, String sql) {
        super(connection);
        this.sql = sql;
        this.params = new TypedValue[StatementText.placeholders(sql)];
    }

    private void setValue(int index, TypedValue value) throws SQLException {
        checkOpen();
        if (index < 1 || index > params.length) {
            throw new SQLException("parameter index " + index + " is out of range 1.." + params.length, "07009");
        }
        params[index - 1] = value;
    }

    private List<TypedValue> boundParams() throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null) {
                throw new SQLException("parameter " + (i + 1) + " is not set", "07001");
            }
        }
        return List.of(params.clone());
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return queryResult(run(sql, boundParams()), sql);
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) executeLargeUpdate();
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return updateResult(run(sql, boundParams()), sql);
    }

    @Override
    public boolean execute() throws SQLException {
        return run(sql, boundParams());
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        batch.add(boundParams());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<List<TypedValue>> todo = new ArrayList<>(batch);
        batch.clear();
        long[] counts = new long[todo.size()];
        List<ColumnMetadata> keyColumns = List.of();
        List<ResultRow> keys = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            try {
                UpdateCount count = runCounted(sql, todo.get(i));
                counts[i] = count.getCount();
                if (count.getKeyColumnsCount() > 0) {
                    keyColumns = count.getKeyColumnsList();
                    keys.addAll(count.getKeysList());
                }
            } catch (SQLException e) {
                throw batchFailure(e, counts, i);
            }
        }
        batchProduced(keys(keyColumns, keys));
        return counts;
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(params, null);
    }

    /** The columns of the last result, or null before the statement has run (the text is not planned here). */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        ResultSet rs = getResultSet();
        return rs == null ? null : rs.getMetaData();
    }

    /**
     * The parameters as the member describes the statement (one round trip, the first time); from a member too
     * old to describe it, the types of the values set so far.
     */
    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        RemoteSession session = connection.session();
        if (described == null && session.memberDescribes()) {
            ClientResponse r = session.call(ClientRequest.newBuilder().setDescribeSql(DescribeSql.newBuilder()
                    .setSql(sql)), 0);
            described = RemoteParameterMetaData.of(r.getDescription());
        }
        return described != null ? described : RemoteParameterMetaData.of(params);
    }

    // ---- parameters ----------------------------------------------------------------------------------------

    @Override
    public void setNull(int i, int sqlType) throws SQLException {
        setValue(i, TypedValue.newBuilder().setNullType(Values.sqlType(sqlType)).build());
    }

    @Override
    public void setObject(int i, Object x) throws SQLException {
        setValue(i, Values.encode(x instanceof byte[] ? ((byte[]) x).clone() : x, SqlType.SQL_TYPE_UNSPECIFIED));
    }

    @Override
    public void setObject(int i, Object x, int targetSqlType) throws SQLException {
        if (x == null) {
            setNull(i, targetSqlType);
        } else {
            setObject(i, x);
        }
    }

    @Override
    public void setObject(int i, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        setObject(i, x, targetSqlType);
    }
}
