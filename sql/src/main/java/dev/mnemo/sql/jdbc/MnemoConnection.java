package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.BaseConnection;
import dev.mnemo.sql.client.NumberedSavepoint;
import dev.mnemo.sql.exec.CompiledStatement;
import dev.mnemo.sql.exec.Result;
import dev.mnemo.sql.exec.Session;
import dev.mnemo.sql.exec.SqlDatabase;
import dev.mnemo.sql.exec.SqlErrors;
import dev.mnemo.sql.schema.MnemoSchema;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A JDBC connection to an embedded Mnemo database. Transactions are SERIALIZABLE (optimistic: a conflict
 * surfaces at commit as SQLState 40001 with auto-commit off; with it on, the statement is re-run). A read-only
 * connection refuses DML and DDL with SQLState 25006.
 */
public final class MnemoConnection extends BaseConnection {
    private final SqlDatabase database;
    private final Session session;
    private final String url;
    private boolean closed;
    private int savepoints;

    MnemoConnection(SqlDatabase database, String url, boolean datetimeText) {
        super(MnemoSchema.NAME);
        this.database = database;
        this.session = new Session(database);
        this.url = url;
        datetimeText(datetimeText);
    }

    SqlDatabase database() {
        return database;
    }

    String url() {
        return url;
    }

    /** Prepares (or fetches from the plan cache) a statement, mapping failures to SQLException. */
    CompiledStatement prepare(String sql) throws SQLException {
        checkOpen();
        try {
            return database.prepare(sql);
        } catch (RuntimeException | AssertionError | LinkageError e) {
            throw SqlErrors.toSqlException(e);
        }
    }

    Result execute(CompiledStatement c, Object[] params, long maxRows) throws SQLException {
        checkOpen();
        if (isReadOnly() && (c.kind() == CompiledStatement.Kind.DML || c.kind() == CompiledStatement.Kind.DDL)) {
            throw new SQLException("the connection is read-only", "25006");
        }
        try {
            return session.execute(c, params, maxRows);
        } catch (RuntimeException | AssertionError | LinkageError e) {
            throw SqlErrors.toSqlException(e);
        }
    }

    /** Runs a DML statement once per parameter set, with auto-commit on, as one transaction. */
    List<Result> executeBatch(CompiledStatement c, List<Object[]> paramSets) throws SQLException {
        checkOpen();
        if (isReadOnly()) {
            throw new SQLException("the connection is read-only", "25006");
        }
        try {
            return session.executeBatch(c, paramSets);
        } catch (RuntimeException | AssertionError | LinkageError e) {
            throw SqlErrors.toSqlException(e);
        }
    }

    /** True while a transaction that BEGIN opened with auto-commit on is open (auto-commit is off until it ends). */
    public boolean autoCommitSuspended() {
        return session.autoCommitSuspended();
    }

    /** The open transaction's number, new for each one the connection begins, or 0 when none is open. */
    public long transactionNumber() {
        return session.transactionNumber();
    }

    @Override
    protected Statement newStatement(int resultSetType) {
        return new MnemoStatement(this, resultSetType);
    }

    @Override
    protected PreparedStatement newPreparedStatement(String sql, int resultSetType) throws SQLException {
        return new MnemoPreparedStatement(this, resultSetType, prepare(sql));
    }

    @Override
    protected boolean autoCommitMode() {
        return session.autoCommit();
    }

    @Override
    protected void changeAutoCommit(boolean autoCommit) throws SQLException {
        try {
            session.setAutoCommit(autoCommit);
        } catch (RuntimeException e) {
            throw SqlErrors.toSqlException(e);
        }
    }

    @Override
    protected void commitTransaction() throws SQLException {
        try {
            session.commit();
        } catch (RuntimeException e) {
            throw SqlErrors.toSqlException(e);
        }
    }

    @Override
    protected void rollbackTransaction() {
        session.rollback();
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return setSavepoint(null);
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        checkOpen();
        if (session.autoCommit()) {
            throw new SQLException("savepoints need auto-commit off", "25000");
        }
        return new MnemoSavepoint(++savepoints, name, session.savepoint(), session);
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        onSavepoint(savepoint, session::rollbackTo);
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        onSavepoint(savepoint, session::release);
    }

    private void onSavepoint(Savepoint savepoint, Consumer<Session.Savepoint> action) throws SQLException {
        checkOpen();
        if (!NumberedSavepoint.of(savepoint, session)) {
            throw new SQLException("not a savepoint of this connection", "3B001");
        }
        try {
            action.accept(((MnemoSavepoint) savepoint).mark);
        } catch (RuntimeException e) {
            throw SqlErrors.toSqlException(e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            session.close();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new MnemoDatabaseMetaData(this);
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw new SQLException("timeout must not be negative", "22023");
        }
        return !closed;
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        return new Properties();
    }

    @Override
    public void abort(Executor executor) {
        close();
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return 0;
    }

    /** A savepoint: its transaction and the count of writes buffered when it was set. */
    private static final class MnemoSavepoint extends NumberedSavepoint {
        private final Session.Savepoint mark;

        MnemoSavepoint(int id, String name, Session.Savepoint mark, Session session) {
            super(id, name, session);
            this.mark = mark;
        }
    }
}
