package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.JdbcConformanceContract;
import dev.mnemo.sql.client.JdbcConformanceContract.Capability;
import dev.mnemo.sql.service.ClientServiceLimits;
import dev.mnemo.sql.service.ReadBarrier;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JDBC conformance set through {@code jdbc:mnemo://} against a live member, and what only the wire does. */
class RemoteJdbcTest extends JdbcConformanceContract<MemberFixture> {
    RemoteJdbcTest() {
        super(new MemberFixture(),
                EnumSet.of(Capability.REFUSES_UNKNOWN_VALUES_WHEN_BOUND, Capability.SAVEPOINTS));
    }

    @Test
    void ddlAndDmlReportUpdateCounts() throws SQLException {
        try (Statement s = conn.createStatement()) {
            assertThat(s.executeUpdate("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(10))")).isZero();
            assertThat(s.executeUpdate("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')")).isEqualTo(3);
            assertThat(s.executeUpdate("UPDATE t SET v = 'z' WHERE id >= 2")).isEqualTo(2);
            assertThat(s.execute("DELETE FROM t WHERE id = 1")).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(1);
            assertThat(s.execute("SELECT v FROM t ORDER BY id")).isTrue();
            ResultSet rs = s.getResultSet();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("z");
            assertThat(rs.next()).isTrue();
            assertThat(rs.next()).isFalse();
            assertThat(conn.unwrap(RemoteConnection.class).member()).isEqualTo(MemberFixture.NAME);
        }
    }

    @Test
    void closingTheConnectionRollsBackItsTransaction() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        Connection c = DriverManager.getConnection(fixture.url());
        c.setAutoCommit(false);
        c.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
        c.close();
        assertThat(count(conn, "t")).isZero();
        assertThatThrownBy(c::createStatement).extracting(JdbcConformanceContract::state).isEqualTo("08003");
    }

    @Test
    void aLargeResultStreamsInPages() throws SQLException {
        int rows = 50_000;
        exec("CREATE TABLE seed (id INTEGER PRIMARY KEY, pad VARCHAR(40))");
        exec("CREATE TABLE big (id INTEGER PRIMARY KEY, pad VARCHAR(40))");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO seed VALUES (?, ?)")) {
            for (int i = 0; i < 1000; i++) {
                ps.setInt(1, i);
                ps.setString(2, "padding for row " + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO big SELECT id + ?, pad FROM seed")) {
            for (int k = 0; k < rows; k += 1000) {
                ps.setInt(1, k);
                assertThat(ps.executeUpdate()).isEqualTo(1000);
            }
        }
        try (Statement s = conn.createStatement()) {
            s.setFetchSize(700);
            ResultSet rs = s.executeQuery("SELECT id, pad FROM big ORDER BY id");
            long sum = 0;
            int n = 0;
            while (rs.next()) {
                assertThat(rs.getInt(1)).isEqualTo(n);
                sum += rs.getInt(1);
                n++;
            }
            assertThat(n).isEqualTo(rows);
            assertThat(sum).isEqualTo((long) rows * (rows - 1) / 2);
            assertThat(fixture.member().fetchMores.get()).isEqualTo(rows / 700);
        }
        try (Statement s = conn.createStatement()) {
            s.setMaxRows(1234);
            ResultSet rs = s.executeQuery("SELECT id FROM big");
            int n = 0;
            while (rs.next()) {
                n++;
            }
            assertThat(n).isEqualTo(1234);
        }
        // A result closed early releases its cursor; many of them do not exhaust the session's cursors.
        for (int i = 0; i < ClientServiceLimits.DEFAULTS.cursorsMax() + 10; i++) {
            try (Statement s = conn.createStatement()) {
                s.setFetchSize(10);
                ResultSet rs = s.executeQuery("SELECT id FROM seed");
                assertThat(rs.next()).isTrue();
            }
        }
        // Without closing, they do.
        List<Statement> open = new ArrayList<>();
        for (int i = 0; i < ClientServiceLimits.DEFAULTS.cursorsMax(); i++) {
            Statement s = conn.createStatement();
            s.setFetchSize(10);
            s.executeQuery("SELECT id FROM seed");
            open.add(s);
        }
        Statement more = conn.createStatement();
        more.setFetchSize(10);
        assertThatThrownBy(() -> more.executeQuery("SELECT id FROM seed")).extracting(JdbcConformanceContract::state)
                .isEqualTo("54000");
        for (Statement s : open) {
            s.close();
        }
        assertThat(count(conn, "big")).isEqualTo(rows);
    }

    /** Rows of {@code doc}: ids 1..{@code rows}, each body a million characters that tell the row apart. */
    private void docs(int rows) throws SQLException {
        exec("CREATE TABLE doc (id INTEGER PRIMARY KEY, body VARCHAR(1000000))");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO doc VALUES (?, ?)")) {
            for (int id = 1; id <= rows; id++) {
                ps.setInt(1, id);
                ps.setString(2, body(id));
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
    }

    private static String body(int id) {
        return String.valueOf((char) ('a' + id)).repeat(1_000_000);
    }

    @Test
    void largeRowsComeInPagesThatEachFitOneMessage() throws SQLException {
        docs(6);
        // Row 2 (4 MB) fits a message alone but not after row 1 (1 MB): the member must cut the page before it.
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, body, CASE WHEN id = 2 THEN body || body || body ELSE ''"
                     + " END FROM doc ORDER BY id")) {
            for (int id = 1; id <= 6; id++) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(id);
                assertThat(rs.getString(2)).isEqualTo(body(id));
                assertThat(rs.getString(3)).isEqualTo(id == 2 ? body(id).repeat(3) : "");
            }
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void aRowTooLargeForOneMessageFails54000AndTheTransactionCarriesOn() throws SQLException {
        docs(3);
        conn.setAutoCommit(false);
        exec("INSERT INTO doc VALUES (10, 'kept')");
        String five = "body || body || body || body || body";
        try (Statement s = conn.createStatement()) {
            // Alone in the first page.
            assertThatThrownBy(() -> s.executeQuery("SELECT " + five + " FROM doc WHERE id = 1"))
                    .extracting(JdbcConformanceContract::state).isEqualTo("54000");
            // Behind rows that fit: they are read, and the fetch that reaches the large row fails.
            ResultSet rs = s.executeQuery("SELECT id, CASE WHEN id = 3 THEN " + five + " ELSE body END FROM doc"
                    + " WHERE id <= 3 ORDER BY id");
            for (int id = 1; id <= 2; id++) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo(body(id));
            }
            assertThatThrownBy(rs::next).extracting(JdbcConformanceContract::state).isEqualTo("54000");
        }
        // The stream, and the transaction it holds, carry on.
        exec("INSERT INTO doc VALUES (11, 'kept too')");
        conn.commit();
        assertThat(column("SELECT body FROM doc WHERE id >= 10 ORDER BY id")).containsExactly("kept", "kept too");
    }

    @Test
    void aWrongCookieIsRefusedAndACookieFileIsRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String url = "jdbc:mnemo://127.0.0.1:" + fixture.member().port();
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("cookie"), TestMember.COOKIE + "\n");
        try (Connection c = DriverManager.getConnection(url + "/;cookieFile=" + file)) {
            assertThat(c.isValid(5)).isTrue();
        }
        try (Connection c = DriverManager.getConnection(url, "anyone", TestMember.COOKIE)) {
            assertThat(c.isValid(5)).isTrue();
        }
        Properties p = new Properties();
        p.setProperty("cookie", "not-the-cookie");
        assertThatThrownBy(() -> DriverManager.getConnection(url, p))
                .isInstanceOf(SQLInvalidAuthorizationSpecException.class)
                .extracting(JdbcConformanceContract::state).isEqualTo("28000");
        assertThatThrownBy(() -> DriverManager.getConnection(url)).extracting(JdbcConformanceContract::state)
                .isEqualTo("28000");
    }

    @Test
    void linearizableSessionsPassTheReadBarrierAndQueryTimeoutsAreHonoured() throws Exception {
        AtomicInteger barriers = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ReadBarrier barrier = timeout -> {
            barriers.incrementAndGet();
            try {
                if (!release.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new SQLException("the replica did not catch up within " + timeout, "HYT00");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", "HY008");
            }
        };
        try (TestMember slow = new TestMember("slow", barrier, new ClientServiceLimits(1000, 10_000, 1 << 20, 64,
                Duration.ofSeconds(30)))) {
            try (Connection local = DriverManager.getConnection(slow.url())) {
                local.createStatement().execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
                assertThat(count(local, "t")).isZero();
                assertThat(barriers.get()).isZero();
            }
            try (Connection lin = DriverManager.getConnection(slow.url() + "&consistency=linearizable")) {
                assertThat(lin.getClientInfo("consistency")).isEqualTo("linearizable");
                Statement s = lin.createStatement();
                s.setQueryTimeout(1);
                assertThatThrownBy(() -> s.executeQuery("SELECT COUNT(*) FROM t"))
                        .isInstanceOf(SQLTimeoutException.class);
                release.countDown();
                // The abandoned answer is dropped; the stream goes on serving the session.
                assertThat(count(lin, "t")).isZero();
                assertThat(barriers.get()).isEqualTo(2);
                lin.setClientInfo("consistency", "local");
                assertThat(count(lin, "t")).isZero();
                assertThat(barriers.get()).isEqualTo(2);
                assertThat(lin.isValid(5)).isTrue();
            }
        }
    }
}
