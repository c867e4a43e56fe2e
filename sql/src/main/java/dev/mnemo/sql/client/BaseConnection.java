package dev.mnemo.sql.client;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Map;

/**
 * The Connection behaviour both drivers share: the open check, the kinds of statement and result set it makes,
 * the one schema, SERIALIZABLE isolation, held cursors, the read-only flag, the checks around commit and
 * rollback, and the hints Mnemo accepts and ignores. A driver supplies the statements themselves, transactions,
 * closing and client info.
 */
public abstract class BaseConnection extends UnsupportedConnection {
    private final String schema;
    private boolean readOnly;

    /** A connection to a database whose one schema is named {@code schema}. */
    protected BaseConnection(String schema) {
        this.schema = schema;
    }

    /** A statement whose result sets are of {@code resultSetType}; called with the connection open. */
    protected abstract Statement newStatement(int resultSetType) throws SQLException;

    /** A statement prepared from {@code sql}; called with the connection open. */
    protected abstract PreparedStatement newPreparedStatement(String sql, int resultSetType) throws SQLException;

    /** Whether each statement commits on its own; called with the connection open. */
    protected abstract boolean autoCommitMode() throws SQLException;

    /** Turns auto-commit on or off; called with the connection open. */
    protected abstract void changeAutoCommit(boolean autoCommit) throws SQLException;

    /** Commits the open transaction; called with the connection open and auto-commit off. */
    protected abstract void commitTransaction() throws SQLException;

    /** Rolls the open transaction back; called with the connection open and auto-commit off. */
    protected abstract void rollbackTransaction() throws SQLException;

    /** Throws SQLState 08003 if the connection is closed; the driver's statements and metadata call it. */
    public final void checkOpen() throws SQLException {
        if (isClosed()) {
            throw new SQLException("the connection is closed", "08003");
        }
    }

    /** Checks the connection is open and refuses result sets that are scroll-sensitive or updatable. */
    private void checkResultSetKind(int type, int concurrency) throws SQLException {
        checkOpen();
        if (type == ResultSet.TYPE_SCROLL_SENSITIVE || concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw unsupported("result sets that are scroll-sensitive or updatable");
        }
    }

    @Override
    public Statement createStatement() throws SQLException {
        checkOpen();
        return newStatement(ResultSet.TYPE_FORWARD_ONLY);
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        checkResultSetKind(type, concurrency);
        return newStatement(type);
    }

    /** Cursors are held over commit whatever holdability is asked (see {@link #getHoldability}). */
    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        return createStatement(type, concurrency);
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        checkOpen();
        return newPreparedStatement(sql, ResultSet.TYPE_FORWARD_ONLY);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
        checkResultSetKind(type, concurrency);
        return newPreparedStatement(sql, type);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        return prepareStatement(sql, type, concurrency);
    }

    @Override
    public final void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        changeAutoCommit(autoCommit);
    }

    @Override
    public final boolean getAutoCommit() throws SQLException {
        checkOpen();
        return autoCommitMode();
    }

    @Override
    public void commit() throws SQLException {
        checkOpen();
        if (getAutoCommit()) {
            throw new SQLException("commit() with auto-commit on", "25000");
        }
        commitTransaction();
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        if (getAutoCommit()) {
            throw new SQLException("rollback() with auto-commit on", "25000");
        }
        rollbackTransaction();
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return sql;
    }

    /** What read-only means is the driver's to say (see its connection class). */
    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
        if (schema != null && !schema.equalsIgnoreCase(this.schema)) {
            throw new SQLException("no schema " + schema + "; the only one is " + this.schema, "3F000");
        }
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return schema;
    }

    /** Every level is served as SERIALIZABLE, which JDBC allows (a stronger level than asked). */
    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return Connection.TRANSACTION_SERIALIZABLE;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpen();
        return Map.of();
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }
}
