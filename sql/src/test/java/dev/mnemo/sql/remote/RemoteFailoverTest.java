package dev.mnemo.sql.remote;

import dev.mnemo.proto.v1.ClientRequest;
import dev.mnemo.sql.service.ClientServiceLimits;
import dev.mnemo.sql.service.ReadBarrier;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The remote driver moves to the next listed member when one cannot be reached, but never moves a transaction. */
class RemoteFailoverTest {
    /** A port nothing listens on: bound, then released. */
    private static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Properties cookie() {
        Properties p = new Properties();
        p.setProperty("cookie", TestMember.COOKIE);
        p.setProperty("connectTimeout", "5000");
        return p;
    }

    private static String member(Connection c) throws SQLException {
        return c.unwrap(RemoteConnection.class).member();
    }

    @Test
    void connectsToTheNextMemberWhenTheFirstIsDead() throws Exception {
        try (TestMember b = new TestMember("b")) {
            String url = "jdbc:mnemo://127.0.0.1:" + deadPort() + ",127.0.0.1:" + b.port();
            try (Connection c = DriverManager.getConnection(url, cookie())) {
                assertThat(member(c)).isEqualTo("b");
                c.createStatement().execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
                assertThat(c.createStatement().executeUpdate("INSERT INTO t VALUES (1)")).isEqualTo(1);
            }
        }
    }

    @Test
    void noReachableMemberIsAConnectionFailureNamingEach() throws Exception {
        String url = "jdbc:mnemo://127.0.0.1:" + deadPort() + ",127.0.0.1:" + deadPort();
        assertThatThrownBy(() -> DriverManager.getConnection(url, cookie()))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("08001");
                    assertThat((Object) e.getNextException()).isNotNull();
                    assertThat((Object) e.getNextException().getNextException()).isNotNull();
                });
    }

    @Test
    void aStreamThatBreaksBetweenStatementsReconnectsToAnotherMember() throws Exception {
        try (TestMember a = new TestMember("a"); TestMember b = new TestMember("b")) {
            for (TestMember m : new TestMember[] {a, b}) {
                try (Connection c = DriverManager.getConnection(m.url())) {
                    c.createStatement().execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
                }
            }
            String url = "jdbc:mnemo://127.0.0.1:" + a.port() + ",127.0.0.1:" + b.port();
            try (Connection c = DriverManager.getConnection(url, cookie())) {
                assertThat(member(c)).isEqualTo("a");
                Statement s = c.createStatement();
                assertThat(s.executeUpdate("INSERT INTO t VALUES (1), (10)")).isEqualTo(2);
                Statement reader = c.createStatement();
                reader.setFetchSize(1);
                ResultSet open = reader.executeQuery("SELECT id FROM t");
                assertThat(open.next()).isTrue();
                a.stop();
                // Whether or not the client has noticed the break yet, the check leaves no stream to a behind.
                c.isValid(5);
                // No transaction was open: the next statement runs on b.
                assertThat(s.executeUpdate("INSERT INTO t VALUES (2)")).isEqualTo(1);
                assertThat(member(c)).isEqualTo("b");
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(1);
                }
                // A result whose cursor lived on a cannot go on reading from b.
                assertThatThrownBy(open::next).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08006");
            }
        }
    }

    @Test
    void aStatementRunningWithAutoCommitWhenTheStreamBreaksHasAnUnknownOutcome40003() throws Exception {
        try (TestMember a = new TestMember("a")) {
            try (Connection c = DriverManager.getConnection(a.url())) {
                c.createStatement().execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
                c.createStatement().execute("INSERT INTO t SELECT * FROM (VALUES " + java.util.stream.IntStream
                        .range(0, 400).mapToObj(i -> "(" + i + ")").collect(java.util.stream.Collectors.joining(", "))
                        + ") AS v(id)");
            }
            try (Connection c = DriverManager.getConnection("jdbc:mnemo://127.0.0.1:" + a.port(), cookie())) {
                java.util.concurrent.CompletableFuture<Object> running = java.util.concurrent.CompletableFuture
                        .supplyAsync(() -> {
                            try (Statement s = c.createStatement()) {
                                // Long enough (64 million joined rows) to be running when the member stops.
                                s.executeQuery("SELECT COUNT(*) FROM t x, t y, t z");
                                return "finished";
                            } catch (SQLException e) {
                                return e;
                            }
                        });
                Thread.sleep(500);
                a.stop();
                Object outcome = running.get(60, java.util.concurrent.TimeUnit.SECONDS);
                // With auto-commit on, a statement commits by itself: whether it did is unknown, not "nothing".
                assertThat(outcome).isInstanceOf(SQLException.class);
                assertThat(((SQLException) outcome).getSQLState()).as(String.valueOf(outcome)).isEqualTo("40003");
            }
        }
    }

    /**
     * Stops the member when {@code commit} is sent inside a transaction that wrote a row, and gives what the commit
     * fails with: the member may have committed before it died, so the outcome is unknown (40003), whichever way the
     * application asked to commit.
     */
    private static SQLException commitUnderAStoppingMember(boolean begin, Predicate<ClientRequest> commitRequest,
                                                           CommitCall commit) throws Exception {
        try (TestMember a = new TestMember("a")) {
            try (Connection c = DriverManager.getConnection(a.url())) {
                c.createStatement().execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
            }
            try (Connection c = DriverManager.getConnection("jdbc:mnemo://127.0.0.1:" + a.port(), cookie())) {
                if (begin) {
                    c.createStatement().execute("BEGIN");
                } else {
                    c.setAutoCommit(false);
                }
                c.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
                a.stopOn(commitRequest);
                SQLException[] thrown = new SQLException[1];
                assertThatThrownBy(() -> commit.run(c)).isInstanceOfSatisfying(SQLException.class,
                        e -> thrown[0] = e);
                // The outcome is not a loss to acknowledge: the connection goes on, with auto-commit as it was.
                assertThat(c.getAutoCommit()).isEqualTo(begin);
                return thrown[0];
            }
        }
    }

    /** A way to commit a connection's open transaction. */
    private interface CommitCall {
        void run(Connection c) throws SQLException;
    }

    @Test
    void aCommitWhoseStreamBreaksHasAnUnknownOutcome40003ByCallOrStatement() throws Exception {
        assertThat(commitUnderAStoppingMember(false, ClientRequest::hasCommit, Connection::commit).getSQLState())
                .isEqualTo("40003");
        for (String commit : List.of("COMMIT", "-- done\n /* all */ commit work")) {
            for (boolean begin : new boolean[] {false, true}) {
                SQLException e = commitUnderAStoppingMember(begin, r -> r.hasExecuteSql()
                        && r.getExecuteSql().getSql().equals(commit), c -> c.createStatement().execute(commit));
                assertThat(e.getSQLState()).as(commit + (begin ? " after BEGIN: " : ": ") + e).isEqualTo("40003");
            }
        }
    }

    /** Table BIG with ids 0..19999. */
    private static void createBig(Connection c) throws SQLException {
        c.createStatement().execute("CREATE TABLE big (id INTEGER PRIMARY KEY)");
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO big VALUES (?)")) {
            for (int i = 0; i < 20_000; i++) {
                insert.setInt(1, i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Keeps the member's side of {@code c} busy past the timeouts: a join of 400 million rows, abandoned at 1 s. */
    private static void keepBusy(Connection c) throws SQLException {
        Statement slow = c.createStatement();
        slow.setQueryTimeout(1);
        assertThatThrownBy(() -> slow.executeQuery("SELECT COUNT(*) FROM big x, big y WHERE x.id + y.id > 7"))
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("HYT00");
    }

    @Test
    void aResultWhoseFetchTimedOutEndsRatherThanSkippingTheLostPage() throws Exception {
        try (TestMember a = new TestMember("a");
             Connection c = DriverManager.getConnection("jdbc:mnemo://127.0.0.1:" + a.port(), cookie())) {
            createBig(c);
            Statement reader = c.createStatement();
            reader.setFetchSize(10);
            reader.setQueryTimeout(1);
            ResultSet rs = reader.executeQuery("SELECT id FROM big WHERE id < 30 ORDER BY id");
            for (int i = 0; i < 10; i++) {
                assertThat(rs.next()).isTrue();
            }
            keepBusy(c);
            assertThatThrownBy(rs::next).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("HYT00");
            // The page that fetch asked for is lost when it comes: reading on must not go past it silently.
            assertThatThrownBy(rs::next).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("24000");
        }
    }

    @Test
    void aSettingWhoseAnswerTimedOutCannotLeaveTheMemberWithAnotherOne() throws Exception {
        try (TestMember a = new TestMember("a");
             Connection c = DriverManager.getConnection("jdbc:mnemo://127.0.0.1:" + a.port(), cookie());
             Connection other = DriverManager.getConnection("jdbc:mnemo://127.0.0.1:" + a.port(), cookie())) {
            createBig(c);
            c.createStatement().execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
            keepBusy(c);
            c.setNetworkTimeout(Runnable::run, 500);
            assertThatThrownBy(() -> c.setAutoCommit(false))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("HYT00");
            assertThat(c.getAutoCommit()).isTrue();
            c.setNetworkTimeout(Runnable::run, 0);
            // The statement runs with auto-commit on, as this side says, so it is committed when it returns.
            assertThat(c.createStatement().executeUpdate("INSERT INTO t VALUES (1)")).isEqualTo(1);
            try (ResultSet rs = other.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void aRequestTooLargeToSendIsRefusedBeforeItCanBreakTheStream() throws Exception {
        try (TestMember a = new TestMember("a");
             Connection c = DriverManager.getConnection("jdbc:mnemo://127.0.0.1:" + a.port(), cookie())) {
            c.createStatement().execute("CREATE TABLE doc (id INTEGER PRIMARY KEY, body VARCHAR(10000000))");
            c.setAutoCommit(false);
            c.createStatement().executeUpdate("INSERT INTO doc VALUES (1, 'kept')");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO doc VALUES (?, ?)")) {
                insert.setInt(1, 2);
                insert.setString(2, "x".repeat(5_000_000));
                assertThatThrownBy(insert::executeUpdate)
                        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("54000");
            }
            // Nothing was sent: the stream and the open transaction carry on.
            c.commit();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT body FROM doc")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("kept");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void aStreamThatBreaksInsideATransactionLosesItWith08006() throws Exception {
        try (TestMember a = new TestMember("a"); TestMember b = new TestMember("b")) {
            for (TestMember m : new TestMember[] {a, b}) {
                try (Connection c = DriverManager.getConnection(m.url())) {
                    c.createStatement().execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
                }
            }
            String url = "jdbc:mnemo://127.0.0.1:" + a.port() + ",127.0.0.1:" + b.port();
            try (Connection c = DriverManager.getConnection(url, cookie())) {
                c.setAutoCommit(false);
                Statement s = c.createStatement();
                s.executeUpdate("INSERT INTO t VALUES (1)");
                a.stop();
                c.isValid(5);
                for (int i = 0; i < 2; i++) {
                    assertThatThrownBy(() -> s.executeUpdate("INSERT INTO t VALUES (2)"))
                            .isInstanceOf(SQLNonTransientConnectionException.class)
                            .hasMessageContaining("transaction is lost")
                            .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08006");
                }
                // Once the application rolls back, the connection goes on, on b, with auto-commit still off.
                c.rollback();
                assertThat(c.getAutoCommit()).isFalse();
                s.executeUpdate("INSERT INTO t VALUES (3)");
                c.commit();
                assertThat(member(c)).isEqualTo("b");
                try (ResultSet rs = s.executeQuery("SELECT id FROM t")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(3);
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    @Test
    void aMemberWithoutALeaderFailsTheValidityCheckAndTheConnectionMovesUnlessATransactionIsOpen() throws Exception {
        AtomicBoolean cutOff = new AtomicBoolean();
        ReadBarrier barrier = timeout -> {
            if (cutOff.get()) {
                throw new SQLNonTransientConnectionException("no leader confirmed a read point", "08006");
            }
        };
        try (TestMember a = new TestMember("a", barrier, ClientServiceLimits.DEFAULTS);
             TestMember b = new TestMember("b")) {
            for (TestMember m : new TestMember[] {a, b}) {
                try (Connection c = DriverManager.getConnection(m.url())) {
                    c.createStatement().execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
                }
            }
            String url = "jdbc:mnemo://127.0.0.1:" + a.port() + ",127.0.0.1:" + b.port();
            try (Connection c = DriverManager.getConnection(url, cookie())) {
                assertThat(c.isValid(5)).isTrue();
                c.setAutoCommit(false);
                c.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
                cutOff.set(true);
                // With a transaction open the connection stays: the transaction cannot move.
                assertThat(c.isValid(5)).isFalse();
                assertThat(member(c)).isEqualTo("a");
                cutOff.set(false);
                c.commit();
                cutOff.set(true);
                // With none open, it moves: the next request goes to b.
                assertThat(c.isValid(5)).isFalse();
                c.createStatement().executeUpdate("INSERT INTO t VALUES (2)");
                c.commit();
                assertThat(member(c)).isEqualTo("b");
                assertThat(c.isValid(5)).isTrue();
            }
        }
    }
}
