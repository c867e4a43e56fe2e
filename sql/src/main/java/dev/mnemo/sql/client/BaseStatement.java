package dev.mnemo.sql.client;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Statement behaviour both drivers share: open/closed state, limits and hints, the outcome of the last
 * execution (a result set or an update count), and batches of SQL text run statement by statement. A driver
 * supplies {@link #runText} and reports each execution's outcome through {@link #startRun},
 * {@link #rowsProduced} and {@link #countProduced}.
 */
public abstract class BaseStatement extends UnsupportedStatement {
    private final BaseConnection connection;
    private final int resultSetType;
    private final List<String> batch = new ArrayList<>();
    private boolean closed;
    private boolean closeOnCompletion;
    private long maxRows;
    private int fetchSize;
    private int queryTimeout;
    private ResultSet current;
    private long updateCount = -1;
    /** The warnings of the last execution, chained; cleared when the next one starts. */
    private SQLWarning warnings;
    private List<String> keyLabels = GENERATED_KEY;
    /** The identity values the last execution generated, or null when it inserted into no identity column. */
    private ResultSet keys;

    /** The column of an empty getGeneratedKeys when no key columns were named. */
    private static final List<String> GENERATED_KEY = List.of("GENERATED_KEY");

    /** A statement of {@code connection} whose results have {@code resultSetType}, with initial hints. */
    protected BaseStatement(BaseConnection connection, int resultSetType, int fetchSize, int queryTimeoutSeconds) {
        this.connection = connection;
        this.resultSetType = resultSetType;
        this.fetchSize = fetchSize;
        this.queryTimeout = queryTimeoutSeconds;
    }

    /** Runs SQL text without parameters (startRun, then rowsProduced or countProduced); true if it gave rows. */
    protected abstract boolean runText(String sql) throws SQLException;

    /** A result with columns labelled {@code labels} and no rows: no keys were generated. */
    protected abstract ResultSet emptyKeys(List<String> labels) throws SQLException;

    /** Throws SQLState HY010 if this statement is closed, or 08003 if its connection is. */
    protected final void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("the statement is closed", "HY010");
        }
        connection.checkOpen();
    }

    /** Starts an execution: checks the statement is open and closes the previous execution's result. */
    protected final void startRun() throws SQLException {
        checkOpen();
        closeCurrent();
        keys = null;
        warnings = null;
    }

    /** Records a warning of the execution started by {@link #startRun}; null is none. */
    protected final void warned(SQLWarning warning) {
        warnings = WarningChain.append(warnings, warning);
    }

    /** Records that the execution started by {@link #startRun} produced rows; returns true. */
    protected final boolean rowsProduced(ResultSet rows) {
        current = rows;
        updateCount = -1;
        return true;
    }

    /** Records that the execution started by {@link #startRun} produced an update count; returns false. */
    protected final boolean countProduced(long count) {
        return countProduced(count, null);
    }

    /** As {@link #countProduced(long)}, with the identity values generated for the rows inserted (or null). */
    protected final boolean countProduced(long count, ResultSet generatedKeys) {
        updateCount = count;
        keys = generatedKeys;
        return false;
    }

    /**
     * Records the end of a batch: no result of its own, and the identity values of all its executions, in order
     * (or null when they inserted into no identity column).
     */
    protected final void batchProduced(ResultSet generatedKeys) throws SQLException {
        closeCurrent();
        keys = generatedKeys;
    }

    /** The identity values the last execution generated, or null when it inserted into no identity column. */
    public final ResultSet identityKeys() {
        return keys;
    }

    /** The type of the result sets this statement makes. */
    protected final int resultSetType() {
        return resultSetType;
    }

    /** The row limit for executions; 0 for none. */
    protected final long maxRows() {
        return maxRows;
    }

    /** The rows asked for a page of results; 0 for the driver's choice. */
    protected final int fetchSize() {
        return fetchSize;
    }

    /** The query timeout in seconds; 0 for none. */
    protected final int queryTimeoutSeconds() {
        return queryTimeout;
    }

    private void closeCurrent() throws SQLException {
        if (current != null) {
            current.close();
            current = null;
        }
        updateCount = -1;
    }

    /** Called as {@code rs} closes: closes this statement if rs is its current result and closeOnCompletion. */
    final void closeIfCompletedBy(ResultSet rs) throws SQLException {
        if (rs == current && closeOnCompletion) {
            close();
        }
    }

    /** What executeQuery answers once {@code sql} ran: its rows, or SQLState 07000 if it gave an update count. */
    protected final ResultSet queryResult(boolean producedRows, String sql) throws SQLException {
        if (!producedRows) {
            throw new SQLException("executeQuery: the statement returns no rows: " + sql, "07000");
        }
        return current;
    }

    /** What executeUpdate answers once {@code sql} ran: its count, or 07000 (closing its rows) if it gave rows. */
    protected final long updateResult(boolean producedRows, String sql) throws SQLException {
        if (producedRows) {
            closeCurrent();
            throw new SQLException("executeUpdate: the statement returns rows: " + sql, "07000");
        }
        return updateCount;
    }

    /** A batch failure at execution {@code failedAt}, carrying the counts of the executions before it. */
    protected static BatchUpdateException batchFailure(SQLException e, long[] counts, int failedAt) {
        long[] done = Arrays.copyOf(counts, failedAt);
        return new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(), done, e);
    }

    /** A PreparedStatement runs only the SQL it was prepared with; JDBC has its text-taking methods refuse. */
    private void checkTextAllowed() throws SQLException {
        if (this instanceof PreparedStatement) {
            throw new SQLException(
                    "a PreparedStatement runs the SQL it was prepared with; use Statement for other SQL", "HY000");
        }
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        checkTextAllowed();
        return queryResult(runText(sql), sql);
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return (int) executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        checkTextAllowed();
        keyLabels = GENERATED_KEY;
        return updateResult(runText(sql), sql);
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        checkTextAllowed();
        keyLabels = GENERATED_KEY;
        return runText(sql);
    }

    /**
     * A request for generated keys is accepted in every form; getGeneratedKeys gives the identity values inserted,
     * or where there are none an empty result whose columns are those named, or one GENERATED_KEY column when none
     * are (RETURN_GENERATED_KEYS, or column indexes).
     */
    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return (int) executeLargeUpdate(sql, autoGeneratedKeys);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return (int) executeLargeUpdate(sql, columnNames);
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        checkKeysFlag(autoGeneratedKeys);
        return executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        List<String> labels = keyColumns(columnNames);
        long count = executeLargeUpdate(sql);
        keyLabels = labels;
        return count;
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        checkKeysFlag(autoGeneratedKeys);
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        List<String> labels = keyColumns(columnNames);
        boolean rows = execute(sql);
        keyLabels = labels;
        return rows;
    }

    /**
     * The identity values generated for the rows the last statement inserted, one column typed and named as the
     * identity column; an empty result when it inserted into no table with one.
     */
    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return keys != null ? keys : emptyKeys(keyLabels);
    }

    /** Names the columns of this PreparedStatement's getGeneratedKeys, for its life. */
    final void nameKeyColumns(String[] columnNames) throws SQLException {
        keyLabels = keyColumns(columnNames);
    }

    private static List<String> keyColumns(String[] columnNames) throws SQLException {
        if (columnNames == null || columnNames.length == 0) {
            throw new SQLException("no generated key columns named", "HY009");
        }
        return List.of(columnNames);
    }

    /** Throws SQLState HY092 unless {@code flag} is RETURN_GENERATED_KEYS or NO_GENERATED_KEYS. */
    static void checkKeysFlag(int flag) throws SQLException {
        if (flag != RETURN_GENERATED_KEYS && flag != NO_GENERATED_KEYS) {
            throw new SQLException("autoGeneratedKeys must be Statement.RETURN_GENERATED_KEYS or NO_GENERATED_KEYS, "
                    + "not " + flag, "HY092");
        }
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return current;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        checkOpen();
        return (int) updateCount;
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return updateCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        checkOpen();
        closeCurrent();
        return false;
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        return getMoreResults();
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        checkTextAllowed();
        checkOpen();
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return Arrays.stream(executeLargeBatch()).mapToInt(c -> (int) c).toArray();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<String> todo = new ArrayList<>(batch);
        batch.clear();
        long[] counts = new long[todo.size()];
        for (int i = 0; i < counts.length; i++) {
            try {
                counts[i] = executeLargeUpdate(todo.get(i));
            } catch (SQLException e) {
                throw batchFailure(e, counts, i);
            }
        }
        batchProduced(null); // JDBC has no way to ask a batch of SQL text for keys
        return counts;
    }

    @Override
    public void close() throws SQLException {
        if (!closed) {
            closeCurrent();
            closed = true;
        }
    }

    /** Closed by {@link #close}, or with its connection (JDBC closes a connection's statements with it). */
    @Override
    public boolean isClosed() throws SQLException {
        return closed || connection.isClosed();
    }

    final BaseConnection connection() {
        return connection;
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw new SQLException("maxRows must not be negative", "22023");
        }
        maxRows = max;
    }

    @Override
    public int getMaxRows() throws SQLException {
        checkOpen();
        return (int) Math.min(Integer.MAX_VALUE, maxRows);
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw new SQLException("fetch size must not be negative", "22023");
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) {
            throw unsupported("setFetchDirection(" + direction + ")");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    /** Each driver documents what the timeout bounds (see its statement class). */
    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw new SQLException("timeout must not be negative", "22023");
        }
        queryTimeout = seconds;
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeout;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return 0;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        warnings = null;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetType() throws SQLException {
        checkOpen();
        return resultSetType;
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        checkOpen();
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }
}
