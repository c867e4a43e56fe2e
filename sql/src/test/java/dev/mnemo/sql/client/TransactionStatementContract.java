package dev.mnemo.sql.client;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code BEGIN} and {@code START TRANSACTION} with auto-commit on: the statements that follow share one transaction
 * until {@code COMMIT} or {@code ROLLBACK} (statement or JDBC call), and auto-commit resumes after it;
 * {@code getAutoCommit()} is false meanwhile. Run once per driver.
 */
public abstract class TransactionStatementContract extends ConnectedContract {
    protected TransactionStatementContract(JdbcFixture fixture) {
        super(fixture);
    }

    @BeforeEach
    void table() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(10))");
    }

    /** The ids another connection sees committed. */
    private List<String> committedIds() throws SQLException {
        try (Connection other = DriverManager.getConnection(fixture().url())) {
            return rows(other, "SELECT id FROM t ORDER BY id");
        }
    }

    @Test
    public void beginJoinsTheStatementsThatFollowUntilCommitThenAutoCommitResumes() throws SQLException {
        exec("BEGIN");
        assertThat(conn.getAutoCommit()).isFalse();
        exec("INSERT INTO t VALUES (1, 'a')");
        exec("INSERT INTO t VALUES (2, 'b')");
        assertThat(rows("SELECT id FROM t ORDER BY id")).containsExactly("1", "2");
        assertThat(committedIds()).isEmpty();
        exec("COMMIT");
        assertThat(conn.getAutoCommit()).isTrue();
        assertThat(committedIds()).containsExactly("1", "2");
        exec("INSERT INTO t VALUES (3, 'c')");
        assertThat(committedIds()).containsExactly("1", "2", "3");
    }

    @Test
    public void everySpellingOfBeginOpensATransactionThatRollbackUndoes() throws SQLException {
        for (String begin : List.of("BEGIN", "begin work", "BEGIN TRANSACTION", "START TRANSACTION",
                "START TRANSACTION READ WRITE", "START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ WRITE")) {
            exec(begin);
            exec("INSERT INTO t VALUES (1, 'a')");
            exec("ROLLBACK WORK");
            assertThat(conn.getAutoCommit()).as(begin).isTrue();
            assertThat(rows("SELECT id FROM t")).as(begin).isEmpty();
        }
    }

    @Test
    public void theJdbcCommitAndRollbackEndATransactionThatBeginOpened() throws SQLException {
        exec("BEGIN");
        exec("INSERT INTO t VALUES (1, 'a')");
        conn.rollback();
        assertThat(conn.getAutoCommit()).isTrue();
        assertThat(committedIds()).isEmpty();
        exec("BEGIN");
        exec("INSERT INTO t VALUES (2, 'b')");
        conn.commit();
        assertThat(conn.getAutoCommit()).isTrue();
        assertThat(committedIds()).containsExactly("2");
    }

    @Test
    public void setAutoCommitTrueCommitsATransactionThatBeginOpened() throws SQLException {
        exec("BEGIN");
        exec("INSERT INTO t VALUES (1, 'a')");
        conn.setAutoCommit(true);
        assertThat(conn.getAutoCommit()).isTrue();
        assertThat(committedIds()).containsExactly("1");
    }

    @Test
    public void setAutoCommitFalseInsideBeginKeepsTheTransactionAndAutoCommitStaysOffAfterIt() throws SQLException {
        exec("BEGIN");
        exec("INSERT INTO t VALUES (1, 'a')");
        conn.setAutoCommit(false);
        exec("INSERT INTO t VALUES (2, 'b')");
        assertThat(committedIds()).isEmpty();
        exec("COMMIT");
        assertThat(conn.getAutoCommit()).isFalse();
        assertThat(committedIds()).containsExactly("1", "2");
    }

    @Test
    public void setAutoCommitFalseInsideBeginKeepsTheSavepointsSetBeforeIt() throws SQLException {
        exec("BEGIN");
        exec("INSERT INTO t VALUES (1, 'a')");
        Savepoint jdbc = conn.setSavepoint();
        exec("INSERT INTO t VALUES (2, 'b')");
        exec("SAVEPOINT s");
        exec("INSERT INTO t VALUES (3, 'c')");
        conn.setAutoCommit(false);
        exec("ROLLBACK TO SAVEPOINT s");
        conn.rollback(jdbc);
        exec("INSERT INTO t VALUES (4, 'd')");
        conn.commit();
        assertThat(committedIds()).containsExactly("1", "4");
    }

    @Test
    public void beginInsideAnOpenTransactionFailsWith25001AndLosesNothing() throws SQLException {
        exec("BEGIN");
        exec("INSERT INTO t VALUES (1, 'a')");
        failsWith("BEGIN", "25001", "already", "COMMIT", "ROLLBACK");
        failsWith("START TRANSACTION", "25001", "already");
        assertThat(conn.getAutoCommit()).isFalse();
        exec("INSERT INTO t VALUES (2, 'b')");
        exec("COMMIT");
        assertThat(committedIds()).containsExactly("1", "2");
    }

    @Test
    public void withAutoCommitOffBeginStartsTheTransactionOnlyBeforeItsFirstStatement() throws SQLException {
        conn.setAutoCommit(false);
        exec("BEGIN");
        exec("INSERT INTO t VALUES (1, 'a')");
        failsWith("BEGIN", "25001", "already");
        conn.commit();
        assertThat(conn.getAutoCommit()).isFalse();
        assertThat(committedIds()).containsExactly("1");
    }

    @Test
    public void savepointsWorkInATransactionThatBeginOpened() throws SQLException {
        exec("BEGIN");
        exec("INSERT INTO t VALUES (1, 'a')");
        exec("SAVEPOINT s");
        exec("INSERT INTO t VALUES (2, 'b')");
        exec("ROLLBACK TO SAVEPOINT s");
        Savepoint jdbc = conn.setSavepoint();
        exec("INSERT INTO t VALUES (3, 'c')");
        conn.rollback(jdbc);
        exec("COMMIT");
        assertThat(committedIds()).containsExactly("1");
        failsWith("SAVEPOINT s", "25000", "BEGIN");
    }

    @Test
    public void aReadOnlyTransactionReadsAndRefusesWritesUntilItEnds() throws SQLException {
        exec("INSERT INTO t VALUES (1, 'a')");
        exec("START TRANSACTION READ ONLY");
        assertThat(rows("SELECT v FROM t")).containsExactly("a");
        failsWith("UPDATE t SET v = 'b'", "25006", "read-only");
        failsWith("CREATE TABLE u (id INTEGER PRIMARY KEY)", "25006", "read-only");
        exec("COMMIT");
        exec("UPDATE t SET v = 'b'");
        assertThat(committedIds()).containsExactly("1");
        assertThat(rows("SELECT v FROM t")).containsExactly("b");
    }

    /** The warning a weaker isolation level asked for gets, checked to say it is served as SERIALIZABLE. */
    private static SQLWarning servedAsSerializable(SQLWarning w, String level) {
        assertThat((Object) w).as(level).isNotNull();
        assertThat(w.getSQLState()).isEqualTo("01000");
        assertThat(w.getMessage()).contains(level, "served as SERIALIZABLE");
        assertThat((Object) w.getNextWarning()).isNull();
        return w;
    }

    @Test
    public void weakerIsolationLevelsAreServedAsSerializableWithTheSameWarningByCallAndStatement() throws SQLException {
        Map<String, Integer> levels = Map.of("READ UNCOMMITTED", Connection.TRANSACTION_READ_UNCOMMITTED,
                "READ COMMITTED", Connection.TRANSACTION_READ_COMMITTED,
                "REPEATABLE READ", Connection.TRANSACTION_REPEATABLE_READ);
        conn.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        assertThat((Object) conn.getWarnings()).isNull();
        try (Statement s = conn.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
            assertThat((Object) s.getWarnings()).isNull();
            for (Map.Entry<String, Integer> level : levels.entrySet()) {
                conn.setTransactionIsolation(level.getValue());
                assertThat(conn.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
                assertThat(conn.getMetaData().supportsTransactionIsolationLevel(level.getValue())).isTrue();
                String called = servedAsSerializable(conn.getWarnings(), level.getKey()).getMessage();
                conn.clearWarnings();
                assertThat((Object) conn.getWarnings()).isNull();
                s.execute("SET TRANSACTION ISOLATION LEVEL " + level.getKey());
                assertThat(servedAsSerializable(s.getWarnings(), level.getKey()).getMessage()).isEqualTo(called);
                s.execute("START TRANSACTION ISOLATION LEVEL " + level.getKey() + ", READ WRITE");
                servedAsSerializable(s.getWarnings(), level.getKey());
                assertThat(conn.getAutoCommit()).isFalse();
                s.execute("INSERT INTO t VALUES (" + level.getValue() + ", 'a')");
                assertThat((Object) s.getWarnings()).isNull();
                s.execute("COMMIT");
            }
        }
        assertThat(conn.getAutoCommit()).isTrue();
        assertThat(committedIds()).containsExactly("1", "2", "4");
    }

    @Test
    public void transactionNoneIsRefusedAndChangesNothing() throws SQLException {
        assertThatThrownBy(() -> conn.setTransactionIsolation(Connection.TRANSACTION_NONE))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("0A000");
                    assertThat(e.getMessage()).contains("TRANSACTION_NONE", "SERIALIZABLE");
                });
        assertThatThrownBy(() -> conn.setTransactionIsolation(3)).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("22023"));
        assertThat(conn.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_NONE)).isFalse();
        assertThat(conn.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE))
                .isTrue();
        assertThat(conn.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        assertThat((Object) conn.getWarnings()).isNull();
    }
}
