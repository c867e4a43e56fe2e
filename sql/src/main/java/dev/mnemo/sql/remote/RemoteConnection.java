package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.BaseConnection;
import dev.mnemo.sql.client.NumberedSavepoint;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A JDBC connection to a Mnemo cluster over one gRPC stream (see {@link RemoteSession} for failover).
 * Transactions are SERIALIZABLE and optimistic, as embedded ones: with auto-commit off a conflict surfaces at
 * commit as SQLState 40001. The client property {@code consistency} (also {@link #setClientInfo} key
 * {@code consistency}) chooses between reading the member's replica as it is ({@code local}) and waiting for
 * it to catch up with the leader before each statement ({@code linearizable}). A read-only connection's statements
 * carry the flag, and the member refuses those that would change the database (25006), as the embedded driver does.
 */
final class RemoteConnection extends BaseConnection {
    /** The one schema a Mnemo database has. */
    static final String SCHEMA = "MNEMO";

    private final RemoteSession session;
    private final RemoteConfig config;
    private final String url;
    private int savepoints;
    /**
     * The savepoints set since the transaction began, in order: the member knows them by name only, and a name may
     * be set again in a later transaction, or after a rollback past it.
     */
    private final List<RemoteSavepoint> liveSavepoints = new ArrayList<>();

    RemoteConnection(RemoteSession session, RemoteConfig config, String url) {
        super(SCHEMA);
        this.session = session;
        this.config = config;
        this.url = url.replaceAll("(?i)([?;&]cookie=)[^;&]*", "$1***");
        datetimeText(config.datetimeText());
    }

    RemoteSession session() {
        return session;
    }

    /** The URL connected to, with a cookie it carried masked, as DatabaseMetaData.getURL shows it. */
    String url() {
        return url;
    }

    int defaultFetchSize() {
        return config.fetchSize();
    }

    int defaultQueryTimeout() {
        return config.queryTimeoutSeconds();
    }

    /** The name of the member serving the connection now. */
    String member() {
        return session.memberName();
    }

    /** Results are read forward: a scroll-insensitive request is served forward-only, as JDBC allows. */
    @Override
    protected Statement newStatement(int resultSetType) {
        return new RemoteStatement(this);
    }

    /** The text is not planned here: the member plans it when it first runs (see RemotePreparedStatement). */
    @Override
    protected PreparedStatement newPreparedStatement(String sql, int resultSetType) {
        return new RemotePreparedStatement(this, sql);
    }

    @Override
    protected boolean autoCommitMode() {
        return session.autoCommit();
    }

    /**
     * Only turning auto-commit on ends the open transaction (it commits it); off keeps it, with its savepoints, as
     * inside a transaction that BEGIN opened.
     */
    @Override
    protected void changeAutoCommit(boolean autoCommit) throws SQLException {
        if (autoCommit) {
            liveSavepoints.clear();
        }
        session.setAutoCommit(autoCommit);
    }

    @Override
    protected void commitTransaction() throws SQLException {
        liveSavepoints.clear();
        session.commit();
    }

    @Override
    protected void rollbackTransaction() throws SQLException {
        liveSavepoints.clear();
        session.rollback();
    }

    /**
     * Sets a savepoint by the statement {@code SAVEPOINT "name"} on the member: the name given, or, for an unnamed
     * one, {@code JDBC$SAVEPOINT$<id>}. It lives in the member's transaction, as those the statements set do (a
     * {@code SAVEPOINT} statement of the same name moves it).
     */
    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        checkOpen();
        if (session.autoCommit()) {
            throw new SQLException("savepoints need auto-commit off", "25000");
        }
        int id = ++savepoints;
        run("SAVEPOINT " + RemoteSavepoint.statementName(id, name));
        RemoteSavepoint savepoint = new RemoteSavepoint(id, name, session, session.openTransaction());
        // Those set before a COMMIT or ROLLBACK statement ended their transaction are gone with it.
        liveSavepoints.removeIf(s -> !s.transaction.equals(savepoint.transaction));
        liveSavepoints.add(savepoint);
        return savepoint;
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return setSavepoint(null);
    }

    /** {@code ROLLBACK TO SAVEPOINT}: undoes what followed it, and drops the savepoints set after it. */
    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        RemoteSavepoint own = own(savepoint);
        run("ROLLBACK TO SAVEPOINT " + own.statementName());
        liveSavepoints.subList(liveSavepoints.indexOf(own) + 1, liveSavepoints.size()).clear();
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        RemoteSavepoint own = own(savepoint);
        run("RELEASE SAVEPOINT " + own.statementName());
        liveSavepoints.subList(liveSavepoints.indexOf(own), liveSavepoints.size()).clear();
    }

    private RemoteSavepoint own(Savepoint savepoint) throws SQLException {
        checkOpen();
        if (!NumberedSavepoint.of(savepoint, session)) {
            throw new SQLException("not a savepoint of this connection", "3B001");
        }
        if (!liveSavepoints.contains(savepoint)
                || !((RemoteSavepoint) savepoint).transaction.equals(session.openTransaction())) {
            throw new SQLException("the savepoint is gone: its transaction ended, it was released, or it was set "
                    + "after one rolled back to", "3B001");
        }
        return (RemoteSavepoint) savepoint;
    }

    private void run(String sql) throws SQLException {
        try (Statement s = createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public boolean isClosed() {
        return session.isClosed();
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException("abort needs an executor", "HY009");
        }
        session.abort();
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return RemoteDatabaseMetaData.create(this);
    }

    /**
     * True if the member serving the connection can serve statements: it answers, and a leader that a majority
     * follows confirms it a read point, within {@code timeout} seconds (0: no limit of the driver's own; the member
     * still bounds its wait). A connection to a member cut off from the majority is not valid; with no transaction
     * open, its next request goes to the next listed member.
     */
    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw new SQLException("timeout must not be negative", "22023");
        }
        return session.validate(timeout * 1000L);
    }

    /** The one client-info key is {@code consistency}: {@code local} or {@code linearizable}. */
    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (!"consistency".equals(name)) {
            return;
        }
        try {
            if ("linearizable".equalsIgnoreCase(value) || "local".equalsIgnoreCase(value)) {
                session.setLinearizable("linearizable".equalsIgnoreCase(value));
                return;
            }
            throw new SQLClientInfoException("consistency must be local or linearizable, got " + value,
                    Map.of());
        } catch (SQLClientInfoException e) {
            throw e;
        } catch (SQLException e) {
            throw new SQLClientInfoException(e.getMessage(), e.getSQLState(), Map.of(), e);
        }
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        if (properties.containsKey("consistency")) {
            setClientInfo("consistency", properties.getProperty("consistency"));
        }
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        return "consistency".equals(name) ? (session.linearizable() ? "linearizable" : "local") : null;
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        Properties p = new Properties();
        p.setProperty("consistency", getClientInfo("consistency"));
        return p;
    }

    /** Bounds the wait for any answer whose statement has no query timeout of its own. */
    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
        if (milliseconds < 0) {
            throw new SQLException("timeout must not be negative", "22023");
        }
        session.setNetworkTimeoutMillis(milliseconds);
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return (int) session.networkTimeoutMillis();
    }

    /** A savepoint set on the member, by the name its statements give it, in the transaction open there then. */
    private static final class RemoteSavepoint extends NumberedSavepoint {
        final RemoteSession.OpenTransaction transaction;

        RemoteSavepoint(int id, String name, RemoteSession session, RemoteSession.OpenTransaction transaction) {
            super(id, name, session);
            this.transaction = transaction;
        }

        String statementName() {
            return statementName(id(), name());
        }

        /** The name in SQL of savepoint {@code id} set with {@code name}: quoted, so that any name given survives. */
        static String statementName(int id, String name) {
            String text = name != null ? name : "JDBC$SAVEPOINT$" + id;
            return '"' + text.replace("\"", "\"\"") + '"';
        }
    }
}
