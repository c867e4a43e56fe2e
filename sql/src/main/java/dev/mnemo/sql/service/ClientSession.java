package dev.mnemo.sql.service;

import com.google.protobuf.CodedOutputStream;
import dev.mnemo.proto.v1.AuthChallenge;
import dev.mnemo.proto.v1.Authenticated;
import dev.mnemo.proto.v1.ClientHello;
import dev.mnemo.proto.v1.ClientRequest;
import dev.mnemo.proto.v1.ClientResponse;
import dev.mnemo.proto.v1.ColumnMetadata;
import dev.mnemo.proto.v1.Done;
import dev.mnemo.proto.v1.ExecuteSql;
import dev.mnemo.proto.v1.ParameterMetadata;
import dev.mnemo.proto.v1.ResultPage;
import dev.mnemo.proto.v1.ResultRow;
import dev.mnemo.proto.v1.SetReadConsistency;
import dev.mnemo.proto.v1.SqlType;
import dev.mnemo.proto.v1.StatementDescription;
import dev.mnemo.proto.v1.TypedValue;
import dev.mnemo.proto.v1.UpdateCount;
import dev.mnemo.sql.client.BaseStatement;
import dev.mnemo.sql.exec.SqlDatabase;
import dev.mnemo.sql.jdbc.MnemoConnection;
import dev.mnemo.sql.jdbc.MnemoDriver;
import dev.mnemo.sql.remote.ClientAuth;
import dev.mnemo.sql.remote.MessageLimits;
import dev.mnemo.sql.remote.MetadataEscape;
import dev.mnemo.sql.remote.Values;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One client stream: the handshake, then one embedded JDBC connection (one SQL session) that runs the
 * client's requests in arrival order, each answered by exactly one response. Query results stay in cursors
 * and leave a page at a time, when the client asks. Ending the stream, however it ends, closes the cursors
 * and the connection, which rolls back any open transaction. gRPC delivers a stream's messages one at a time,
 * so the state here needs no locks.
 */
final class ClientSession implements StreamObserver<ClientRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    private enum Phase { AWAIT_HELLO, AWAIT_PROOF, READY, ENDED }

    private final SqlDatabase database;
    private final byte[] cookie;
    private final String node;
    private final ReadBarrier readBarrier;
    private final ClientServiceLimits limits;
    private final StreamObserver<ClientResponse> out;
    private final Map<Long, Cursor> cursors = new HashMap<>();
    private Phase phase = Phase.AWAIT_HELLO;
    private byte[] clientNonce;
    private byte[] memberNonce;
    private MnemoConnection connection;
    private boolean linearizable;
    private long nextCursorId;

    /** An open result: the statement that owns it, and whether the result set stands on a row not yet sent. */
    private static final class Cursor {
        final Statement statement;
        final ResultSet rows;
        final SqlType[] types;
        boolean onRow;
        /** The row the result set stands on, encoded, when it did not fit the page before; null otherwise. */
        ResultRow held;
        /** Rows sent so far. */
        long sent;

        Cursor(Statement statement, ResultSet rows, SqlType[] types) {
            this.statement = statement;
            this.rows = rows;
            this.types = types;
        }
    }

    ClientSession(SqlDatabase database, byte[] cookie, String node, ReadBarrier readBarrier,
                  ClientServiceLimits limits, StreamObserver<ClientResponse> out) {
        this.database = database;
        this.cookie = cookie;
        this.node = node;
        this.readBarrier = readBarrier;
        this.limits = limits;
        this.out = out;
    }

    @Override
    public void onNext(ClientRequest request) {
        try {
            switch (phase) {
                case AWAIT_HELLO -> hello(request);
                case AWAIT_PROOF -> authenticate(request);
                case READY -> serve(request);
                case ENDED -> { }
            }
        } catch (RuntimeException | AssertionError | LinkageError e) {
            // A bug while serving one request must not take the member down, nor leave the client waiting.
            LOG.error("member {}: request {} of a client session failed", node, request.getRequestId(), e);
            reply(request.getRequestId(), ClientResponse.newBuilder().setError(ErrorReplies.of(e)));
        }
    }

    private void hello(ClientRequest request) {
        if (!request.hasHello()) {
            end(Status.UNAUTHENTICATED.withDescription("a session starts with ClientHello"));
            return;
        }
        ClientHello hello = request.getHello();
        if (hello.getProtocolVersion() != ClientAuth.PROTOCOL_VERSION) {
            end(Status.FAILED_PRECONDITION.withDescription("client protocol version " + hello.getProtocolVersion()
                    + " is not served; member " + node + " speaks version " + ClientAuth.PROTOCOL_VERSION));
            return;
        }
        if (hello.getNonce().size() < ClientAuth.NONCE_BYTES_MIN) {
            end(Status.UNAUTHENTICATED.withDescription("the client nonce must have at least "
                    + ClientAuth.NONCE_BYTES_MIN + " bytes"));
            return;
        }
        clientNonce = hello.getNonce().toByteArray();
        memberNonce = ClientAuth.nonce();
        phase = Phase.AWAIT_PROOF;
        reply(request.getRequestId(), ClientResponse.newBuilder().setChallenge(AuthChallenge.newBuilder()
                .setNode(node).setNonce(com.google.protobuf.ByteString.copyFrom(memberNonce))
                .setDescribesStatements(true)));
    }

    private void authenticate(ClientRequest request) {
        byte[] expected = ClientAuth.proof(cookie, ClientAuth.CLIENT_LABEL, node, clientNonce, memberNonce);
        if (!request.hasAuthenticate()
                || !ClientAuth.matches(expected, request.getAuthenticate().getProof().toByteArray())) {
            end(Status.UNAUTHENTICATED.withDescription("cookie proof refused by member " + node));
            return;
        }
        byte[] proof = ClientAuth.proof(cookie, ClientAuth.MEMBER_LABEL, node, clientNonce, memberNonce);
        try {
            connection = MnemoDriver.embeddedConnection(database);
        } catch (SQLException e) {
            reply(request.getRequestId(), ClientResponse.newBuilder().setError(ErrorReplies.of(e)));
            end(Status.UNAVAILABLE.withDescription("member " + node + " cannot open a SQL session"));
            return;
        }
        phase = Phase.READY;
        reply(request.getRequestId(), ClientResponse.newBuilder().setAuthenticated(Authenticated.newBuilder()
                .setProof(com.google.protobuf.ByteString.copyFrom(proof))));
    }

    private void serve(ClientRequest request) {
        long id = request.getRequestId();
        ClientResponse.Builder response = ClientResponse.newBuilder();
        try {
            switch (request.getBodyCase()) {
                case EXECUTE_SQL -> execute(request.getExecuteSql(), response);
                case FETCH_MORE -> {
                    long cursorId = request.getFetchMore().getCursorId();
                    response.setResultPage(page(cursor(cursorId), cursorId, request.getFetchMore().getFetchSize(),
                            0));
                }
                case CLOSE_CURSOR -> {
                    closeCursor(request.getCloseCursor().getCursorId());
                    response.setDone(Done.getDefaultInstance());
                }
                case COMMIT -> {
                    connection.commit();
                    response.setDone(Done.getDefaultInstance());
                }
                case ROLLBACK -> {
                    connection.rollback();
                    response.setDone(Done.getDefaultInstance());
                }
                case SET_AUTO_COMMIT -> {
                    connection.setAutoCommit(request.getSetAutoCommit().getAutoCommit());
                    response.setDone(Done.getDefaultInstance());
                }
                case SET_READ_CONSISTENCY -> {
                    setConsistency(request.getSetReadConsistency().getLevel());
                    response.setDone(Done.getDefaultInstance());
                }
                case DESCRIBE_SQL -> response.setDescription(describe(request.getDescribeSql().getSql()));
                case VALIDATE -> {
                    validate(request.getValidate().getTimeoutMillis());
                    response.setDone(Done.getDefaultInstance());
                }
                default -> {
                    end(Status.INVALID_ARGUMENT.withDescription("request " + id + " (" + request.getBodyCase()
                            + ") is not allowed in an authenticated session"));
                    return;
                }
            }
        } catch (SQLException e) {
            response.clearBody().setError(ErrorReplies.of(e));
        }
        reply(id, response.setTransaction(connection.transactionNumber())
                .setAutoCommitSuspended(connection.autoCommitSuspended()));
    }

    private void setConsistency(SetReadConsistency.Level level) throws SQLException {
        switch (level) {
            case LOCAL -> linearizable = false;
            case LINEARIZABLE -> linearizable = true;
            default -> throw new SQLException("unknown read consistency level " + level, "22023");
        }
    }

    /**
     * Returns if this member can serve statements now: a member that answers may still be cut off from the
     * majority, and only a leader that a majority follows, confirming a read point, shows it is not.
     */
    private void validate(long timeoutMillis) throws SQLException {
        Duration bound = limits.readBarrierTimeout();
        if (timeoutMillis > 0 && timeoutMillis < bound.toMillis()) {
            bound = Duration.ofMillis(timeoutMillis);
        }
        readBarrier.await(bound);
    }

    private void execute(ExecuteSql request, ClientResponse.Builder response) throws SQLException {
        List<Object> params = new ArrayList<>(request.getParametersCount());
        for (TypedValue v : request.getParametersList()) {
            params.add(Values.decodeParameter(v));
        }
        String metadataMethod = MetadataEscape.method(request.getSql());
        if (metadataMethod != null) {
            metadata(metadataMethod, params, request.getFetchSize(), response);
            return;
        }
        if (linearizable) {
            readBarrier.await(limits.readBarrierTimeout());
        }
        connection.setReadOnly(request.getReadOnly());
        PreparedStatement statement = connection.prepareStatement(request.getSql());
        try {
            for (int i = 0; i < params.size(); i++) {
                TypedValue v = request.getParameters(i);
                if (v.hasNullType()) {
                    statement.setNull(i + 1, Values.jdbcType(v.getNullType()));
                } else {
                    statement.setObject(i + 1, params.get(i));
                }
            }
            statement.setLargeMaxRows(request.getMaxRows());
            boolean rows = statement.execute();
            for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
                response.addWarnings(dev.mnemo.proto.v1.SqlError.newBuilder().setSqlState(w.getSQLState())
                        .setMessage(w.getMessage()));
            }
            if (rows) {
                open(statement, statement.getResultSet(), request.getFetchSize(), response);
                statement = null;
            } else {
                UpdateCount.Builder count = UpdateCount.newBuilder().setCount(statement.getLargeUpdateCount());
                ResultSet keys = statement.unwrap(BaseStatement.class).identityKeys();
                if (keys != null) {
                    addKeys(keys, count);
                }
                response.setUpdateCount(count);
            }
        } finally {
            if (statement != null) {
                statement.close();
            }
        }
    }

    /** The statement's parameters as the embedded driver describes them, so both drivers report the same. */
    private StatementDescription describe(String sql) throws SQLException {
        StatementDescription.Builder description = StatementDescription.newBuilder();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            ParameterMetaData md = statement.getParameterMetaData();
            for (int i = 1; i <= md.getParameterCount(); i++) {
                SqlType type = Values.sqlType(md.getParameterType(i), md.getParameterTypeName(i));
                description.addParameters(ParameterMetadata.newBuilder().setType(type)
                        .setPrecision(Math.max(0, md.getPrecision(i))).setScale(Math.max(0, md.getScale(i))));
            }
        }
        return description.build();
    }

    private void metadata(String method, List<Object> args, int fetchSize, ClientResponse.Builder response)
            throws SQLException {
        Object answer = MetadataInvoker.invoke(connection.getMetaData(), method, args);
        if (answer instanceof ResultSet) {
            open(null, (ResultSet) answer, fetchSize, response);
            return;
        }
        Object value = answer instanceof Enum ? ((Enum<?>) answer).name() : answer;
        SqlType type = value instanceof Boolean ? SqlType.BOOLEAN : value instanceof Integer ? SqlType.INTEGER
                : value instanceof Long ? SqlType.BIGINT : SqlType.VARCHAR;
        response.setResultPage(ResultPage.newBuilder().setLast(true)
                .addColumns(ColumnMetadata.newBuilder().setLabel("VALUE").setName("VALUE").setType(type)
                        .setNullable(true))
                .addRows(ResultRow.newBuilder().addValues(Values.encode(value, type))));
    }

    private void open(Statement statement, ResultSet rows, int fetchSize, ClientResponse.Builder response)
            throws SQLException {
        if (cursors.size() >= limits.cursorsMax()) {
            rows.close();
            if (statement != null) {
                statement.close();
            }
            throw new SQLException("the session has " + cursors.size() + " open cursors, the most allowed"
                    + " (cursorsMax); close result sets before running more queries", "54000");
        }
        ResultSetMetaData md = rows.getMetaData();
        SqlType[] types = new SqlType[md.getColumnCount()];
        List<ColumnMetadata> columns = new ArrayList<>(types.length);
        for (int i = 1; i <= types.length; i++) {
            types[i - 1] = Values.sqlType(md.getColumnType(i), md.getColumnTypeName(i));
            columns.add(ColumnMetadata.newBuilder().setLabel(md.getColumnLabel(i))
                    .setName(nonNull(md.getColumnName(i))).setTable(nonNull(md.getTableName(i)))
                    .setType(types[i - 1]).setPrecision(Math.max(0, md.getPrecision(i)))
                    .setScale(Math.max(0, md.getScale(i)))
                    .setNullable(md.isNullable(i) != ResultSetMetaData.columnNoNulls).build());
        }
        Cursor c = new Cursor(statement, rows, types);
        c.onRow = rows.next();
        long id = ++nextCursorId;
        cursors.put(id, c);
        int columnBytes = 0;
        for (ColumnMetadata column : columns) {
            columnBytes += CodedOutputStream.computeMessageSize(ResultPage.COLUMNS_FIELD_NUMBER, column);
        }
        response.setResultPage(page(c, id, fetchSize, columnBytes).addAllColumns(columns));
    }

    /** The identity values an INSERT generated, all in the reply: one small value per row it inserted. */
    private static void addKeys(ResultSet keys, UpdateCount.Builder count) throws SQLException {
        ResultSetMetaData md = keys.getMetaData();
        SqlType type = Values.sqlType(md.getColumnType(1), md.getColumnTypeName(1));
        count.addKeyColumns(ColumnMetadata.newBuilder().setLabel(md.getColumnLabel(1)).setName(md.getColumnName(1))
                .setType(type).setPrecision(Math.max(0, md.getPrecision(1))).setNullable(false));
        while (keys.next()) {
            count.addKeys(ResultRow.newBuilder().addValues(Values.encode(keys.getObject(1), type)));
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private Cursor cursor(long id) throws SQLException {
        Cursor c = cursors.get(id);
        if (c == null) {
            throw new SQLException("no open cursor " + id + " in this session (never opened, or already read"
                    + " to its end or closed)", "24000");
        }
        return c;
    }

    /**
     * The cursor's next page. It stops at the rows asked for, once past {@code pageBytesMax}, and before a row
     * that would make the response larger than a client accepts ({@code headerBytes}: what else the page
     * carries); that row leads the next page. A row too large for any response fails the request that reaches
     * it with 54000 and closes the cursor; the session goes on.
     */
    private ResultPage.Builder page(Cursor c, long id, int fetchSize, int headerBytes) throws SQLException {
        int rowsMax = fetchSize <= 0 ? limits.pageRowsDefault() : Math.min(fetchSize, limits.pageRowsMax());
        ResultPage.Builder page = ResultPage.newBuilder().setCursorId(id);
        long bytes = 0;
        long room = MessageLimits.SENT_BYTES_MAX - (long) headerBytes;
        try {
            while (c.onRow && page.getRowsCount() < rowsMax && bytes < limits.pageBytesMax()) {
                ResultRow r = c.held != null ? c.held : row(c);
                int size = CodedOutputStream.computeMessageSize(ResultPage.ROWS_FIELD_NUMBER, r);
                if (bytes + size > room) {
                    if (page.getRowsCount() == 0) {
                        throw new SQLException("row " + (c.sent + 1) + " of the result encodes to " + size
                                + " bytes, more than the " + room + " one response can carry: select fewer or"
                                + " smaller columns. The result ends before that row", "54000");
                    }
                    c.held = r;
                    break;
                }
                c.held = null;
                bytes += size;
                page.addRows(r);
                c.sent++;
                c.onRow = c.rows.next();
            }
        } catch (SQLException | RuntimeException e) {
            closeCursor(id);
            throw e;
        }
        page.setLast(!c.onRow);
        if (!c.onRow) {
            closeCursor(id);
        }
        return page;
    }

    private static ResultRow row(Cursor c) throws SQLException {
        ResultRow.Builder row = ResultRow.newBuilder();
        for (int i = 0; i < c.types.length; i++) {
            row.addValues(Values.encode(c.rows.getObject(i + 1), c.types[i]));
        }
        return row.build();
    }

    private void closeCursor(long id) throws SQLException {
        Cursor c = cursors.remove(id);
        if (c != null) {
            c.rows.close();
            if (c.statement != null) {
                c.statement.close();
            }
        }
    }

    private void reply(long requestId, ClientResponse.Builder response) {
        if (phase != Phase.ENDED) {
            out.onNext(response.setRequestId(requestId).build());
        }
    }

    private void end(Status status) {
        if (phase != Phase.ENDED) {
            phase = Phase.ENDED;
            release();
            out.onError(status.asRuntimeException());
        }
    }

    @Override
    public void onError(Throwable t) {
        phase = Phase.ENDED;
        release();
    }

    @Override
    public void onCompleted() {
        if (phase != Phase.ENDED) {
            phase = Phase.ENDED;
            release();
            out.onCompleted();
        }
    }

    /** Frees the cursors and ends the SQL session; closing the connection rolls back an open transaction. */
    private void release() {
        for (Long id : new ArrayList<>(cursors.keySet())) {
            try {
                closeCursor(id);
            } catch (SQLException e) {
                // The session is ending; a cursor that fails to close has nothing left to tell anyone.
            }
        }
        if (connection != null) {
            // Closing an embedded connection only rolls back, which cannot fail for a caller to act on.
            connection.close();
        }
    }
}
