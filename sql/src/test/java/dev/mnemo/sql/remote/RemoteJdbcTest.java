package dev.mnemo.sql.remote;

import dev.mnemo.sql.service.ClientServiceLimits;
import dev.mnemo.sql.service.ReadBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JDBC conformance set of the embedded driver, run through {@code jdbc:mnemo://} against a live member. */
class RemoteJdbcTest {
    private TestMember member;
    private Connection conn;

    @BeforeEach
    void open() throws Exception {
        member = new TestMember("m1@127.0.0.1");
        conn = DriverManager.getConnection(member.url());
    }

    @AfterEach
    void close() throws Exception {
        conn.close();
        member.close();
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String state(Throwable e) {
        return ((SQLException) e).getSQLState();
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
            assertThat(conn.unwrap(RemoteConnection.class).member()).isEqualTo("m1@127.0.0.1");
        }
    }

    @Test
    void preparedStatementBindsEveryTypeAndReadsItBack() throws SQLException {
        exec("CREATE TABLE v (id INTEGER PRIMARY KEY, b BIGINT, i INTEGER, s SMALLINT, d DOUBLE, r REAL,"
                + " m DECIMAL(10,3), f BOOLEAN, vc VARCHAR(10), c CHAR(3), bin VARBINARY(8), dt DATE, tm TIME,"
                + " ts TIMESTAMP)");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO v VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?)")) {
            ps.setInt(1, 1);
            ps.setLong(2, 1L << 40);
            ps.setInt(3, -7);
            ps.setShort(4, (short) 12);
            ps.setDouble(5, 2.5);
            ps.setFloat(6, 0.25f);
            ps.setBigDecimal(7, new BigDecimal("1234.567"));
            ps.setBoolean(8, true);
            ps.setString(9, "héllo");
            ps.setString(10, "ab");
            ps.setBytes(11, new byte[] {1, 2, (byte) 0xFF});
            ps.setDate(12, Date.valueOf("2024-02-29"));
            ps.setTime(13, Time.valueOf("13:14:15"));
            ps.setTimestamp(14, Timestamp.valueOf("2024-02-29 01:02:03.456"));
            assertThat(ps.executeUpdate()).isEqualTo(1);
            ps.setInt(1, 2);
            ps.setObject(2, 5);
            ps.setObject(3, 6L);
            ps.setObject(4, 7);
            ps.setObject(5, new BigDecimal("8.5"));
            ps.setObject(6, 9.0);
            ps.setObject(7, 10);
            ps.setObject(8, "false");
            ps.setNull(9, Types.VARCHAR);
            ps.setNull(10, Types.CHAR);
            ps.setObject(11, null, Types.VARBINARY);
            ps.setObject(12, LocalDate.of(2000, 1, 2));
            ps.setObject(13, LocalTime.of(3, 4, 5));
            ps.setObject(14, LocalDateTime.of(2001, 2, 3, 4, 5, 6));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM v WHERE id = ?")) {
            ps.setInt(1, 1);
            ResultSet rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("B")).isEqualTo(1L << 40);
            assertThat(rs.getInt("I")).isEqualTo(-7);
            assertThat(rs.getShort("S")).isEqualTo((short) 12);
            assertThat(rs.getObject("S")).isEqualTo((short) 12);
            assertThat(rs.getDouble("D")).isEqualTo(2.5);
            assertThat(rs.getFloat("R")).isEqualTo(0.25f);
            assertThat(rs.getBigDecimal("M")).isEqualTo(new BigDecimal("1234.567"));
            assertThat(rs.getBoolean("F")).isTrue();
            assertThat(rs.getString("VC")).isEqualTo("héllo");
            assertThat(rs.getString("C")).isEqualTo("ab ");
            assertThat(rs.getBytes("BIN")).containsExactly(1, 2, 0xFF);
            assertThat(rs.getDate("DT")).isEqualTo(Date.valueOf("2024-02-29"));
            assertThat(rs.getTime("TM")).isEqualTo(Time.valueOf("13:14:15"));
            assertThat(rs.getTimestamp("TS")).isEqualTo(Timestamp.valueOf("2024-02-29 01:02:03.456"));
            assertThat(rs.getObject("TS", LocalDateTime.class))
                    .isEqualTo(LocalDateTime.of(2024, 2, 29, 1, 2, 3, 456_000_000));
            assertThat(rs.getObject("B")).isInstanceOf(Long.class);
            assertThat(rs.getObject("M")).isInstanceOf(BigDecimal.class);
            assertThat(rs.next()).isFalse();
            ps.setInt(1, 2);
            rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject("B")).isEqualTo(5L);
            assertThat(rs.getBoolean("F")).isFalse();
            assertThat(rs.getString("VC")).isNull();
            assertThat(rs.getInt("C")).isZero();
            assertThat(rs.wasNull()).isTrue();
            assertThat(rs.getBytes("BIN")).isNull();
            assertThat(rs.getObject("TM", LocalTime.class)).isEqualTo(LocalTime.of(3, 4, 5));
            assertThat(rs.getBigDecimal("M")).isEqualByComparingTo("10");
        }
        String[] filters = {"b = ?", "i = ?", "s = ?", "d = ?", "r = ?", "m = ?", "f = ?", "vc = ?", "bin = ?",
            "dt = ?", "tm = ?", "ts = ?"};
        Object[] values = {1L << 40, -7, (short) 12, 2.5, 0.25f, new BigDecimal("1234.567"), true, "héllo",
            new byte[] {1, 2, (byte) 0xFF}, Date.valueOf("2024-02-29"), Time.valueOf("13:14:15"),
            Timestamp.valueOf("2024-02-29 01:02:03.456")};
        for (int k = 0; k < filters.length; k++) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM v WHERE " + filters[k])) {
                ps.setObject(1, values[k]);
                ResultSet rs = ps.executeQuery();
                assertThat(rs.next()).as(filters[k]).isTrue();
                assertThat(rs.getInt(1)).as(filters[k]).isEqualTo(1);
                assertThat(rs.next()).as(filters[k]).isFalse();
            }
        }
    }

    @Test
    void parameterErrorsAreTyped() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, s SMALLINT)");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO t VALUES (?, ?) -- a comment with ?")) {
            assertThat(ps.getParameterMetaData().getParameterCount()).isEqualTo(2);
            ps.setInt(1, 1);
            assertThatThrownBy(ps::executeUpdate).extracting(RemoteJdbcTest::state).isEqualTo("07001");
            assertThatThrownBy(() -> ps.setInt(3, 1)).extracting(RemoteJdbcTest::state).isEqualTo("07009");
            assertThatThrownBy(() -> ps.setObject(2, new Object())).extracting(RemoteJdbcTest::state)
                    .isEqualTo("22018");
            ps.setString(2, "not a number");
            assertThatThrownBy(ps::executeUpdate).extracting(RemoteJdbcTest::state).isEqualTo("22018");
            ps.setInt(2, 70000);
            assertThatThrownBy(ps::executeUpdate).extracting(RemoteJdbcTest::state).isEqualTo("22003");
        }
    }

    @Test
    void batchesReportCountsAndStopAtTheFirstFailure() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(5))");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO t VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < 100; i++) {
                ps.setInt(1, i);
                ps.setString(2, "v" + i);
                ps.addBatch();
            }
            assertThat(ps.executeBatch()).hasSize(100).containsOnly(1);
            ResultSet keys = ps.getGeneratedKeys();
            assertThat(keys.getMetaData().getColumnCount()).isEqualTo(1);
            assertThat(keys.next()).isFalse();
        }
        try (Statement s = conn.createStatement()) {
            s.addBatch("UPDATE t SET v = 'x' WHERE id < 10");
            s.addBatch("DELETE FROM t WHERE id >= 90");
            s.addBatch("INSERT INTO t VALUES (0, 'dup')");
            s.addBatch("DELETE FROM t");
            assertThatThrownBy(s::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("23505");
                assertThat(e.getUpdateCounts()).containsExactly(10, 10);
            });
        }
        assertThat(count(conn, "t")).isEqualTo(90);
    }

    @Test
    void metadataDescribesTablesColumnsKeysIndexesAndTypes() throws SQLException {
        exec("CREATE TABLE acct (id BIGINT NOT NULL, branch INTEGER NOT NULL, owner VARCHAR(30) NOT NULL,"
                + " balance DECIMAL(12,2) DEFAULT 0, PRIMARY KEY (branch, id)) WITH (kind = 'ordered_set')");
        exec("CREATE UNIQUE INDEX acct_owner ON acct (owner) USING HASH");
        DatabaseMetaData md = conn.getMetaData();
        assertThat(md.getDatabaseProductName()).isEqualTo("Mnemo");
        assertThat(md.getURL()).isEqualTo(member.url().replace(TestMember.COOKIE, "***"));
        assertThat(md.getConnection()).isSameAs(conn);
        assertThat(md.getDefaultTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        assertThat(md.supportsBatchUpdates()).isTrue();
        assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
        ResultSet schemas = md.getSchemas();
        assertThat(schemas.next()).isTrue();
        assertThat(schemas.getString("TABLE_SCHEM")).isEqualTo(RemoteConnection.SCHEMA);
        ResultSet t = md.getTables(null, "MNEMO", "ACC%", new String[] {"TABLE"});
        assertThat(t.next()).isTrue();
        assertThat(t.getString("TABLE_NAME")).isEqualTo("ACCT");
        assertThat(t.getString("TABLE_TYPE")).isEqualTo("TABLE");
        assertThat(t.next()).isFalse();
        assertThat(md.getTables(null, null, "%", new String[] {"VIEW"}).next()).isFalse();
        ResultSet c = md.getColumns(null, null, "ACCT", null);
        List<String> cols = new ArrayList<>();
        while (c.next()) {
            cols.add(c.getString("COLUMN_NAME") + " " + c.getInt("DATA_TYPE") + " " + c.getInt("COLUMN_SIZE") + " "
                    + c.getString("IS_NULLABLE") + " " + c.getString("COLUMN_DEF"));
        }
        assertThat(cols).containsExactly("ID -5 19 NO null", "BRANCH 4 10 NO null", "OWNER 12 30 NO null",
                "BALANCE 3 12 YES 0.00");
        ResultSet pk = md.getPrimaryKeys(null, null, "ACCT");
        List<String> keys = new ArrayList<>();
        while (pk.next()) {
            keys.add(pk.getString("COLUMN_NAME") + pk.getShort("KEY_SEQ"));
        }
        assertThat(keys).containsExactly("BRANCH1", "ID2");
        ResultSet ix = md.getIndexInfo(null, null, "ACCT", true, false);
        List<String> indexes = new ArrayList<>();
        while (ix.next()) {
            indexes.add(ix.getString("INDEX_NAME") + ":" + ix.getString("COLUMN_NAME") + ":"
                    + ix.getBoolean("NON_UNIQUE"));
        }
        // In JDBC's order: NON_UNIQUE, TYPE (the hashed unique index before the ordered key), INDEX_NAME, position.
        assertThat(indexes).containsExactly("ACCT_OWNER:OWNER:false", "ACCT_PK:BRANCH:false", "ACCT_PK:ID:false");
        ResultSet types = md.getTypeInfo();
        List<String> names = new ArrayList<>();
        while (types.next()) {
            names.add(types.getString("TYPE_NAME"));
        }
        assertThat(names).contains("BIGINT", "VARCHAR", "DECIMAL", "TIMESTAMP", "VARBINARY", "BOOLEAN");

        PreparedStatement ps = conn.prepareStatement(
                "SELECT owner, balance * 2 AS twice FROM acct WHERE branch = ? AND balance > ?");
        ps.setInt(1, 1);
        ps.setBigDecimal(2, BigDecimal.ZERO);
        ResultSetMetaData rmd = ps.executeQuery().getMetaData();
        assertThat(rmd.getColumnCount()).isEqualTo(2);
        assertThat(rmd.getColumnLabel(1)).isEqualTo("OWNER");
        assertThat(rmd.getTableName(1)).isEqualTo("ACCT");
        assertThat(rmd.getColumnType(1)).isEqualTo(Types.VARCHAR);
        assertThat(rmd.getPrecision(1)).isEqualTo(30);
        assertThat(rmd.getColumnLabel(2)).isEqualTo("TWICE");
        assertThat(rmd.getColumnType(2)).isEqualTo(Types.DECIMAL);
        assertThat(rmd.getColumnClassName(2)).isEqualTo(BigDecimal.class.getName());
    }

    @Test
    void autoCommitOffSharesOneTransactionUntilCommitOrRollback() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
        try (Connection other = DriverManager.getConnection(member.url())) {
            conn.setAutoCommit(false);
            exec("INSERT INTO t VALUES (1, 1)");
            exec("INSERT INTO t VALUES (2, 2)");
            assertThat(count(conn, "t")).isEqualTo(2);
            assertThat(count(other, "t")).isZero();
            conn.rollback();
            assertThat(count(conn, "t")).isZero();
            exec("INSERT INTO t VALUES (3, 3)");
            conn.commit();
            assertThat(count(other, "t")).isEqualTo(1);
            exec("INSERT INTO t VALUES (6, 6)");
            conn.setAutoCommit(true);
            assertThat(count(other, "t")).isEqualTo(2);
            assertThatThrownBy(conn::commit).extracting(RemoteJdbcTest::state).isEqualTo("25000");
        }
    }

    @Test
    void aConflictAtCommitIsASerializationFailure() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
        exec("INSERT INTO t VALUES (1, 0)");
        try (Connection a = DriverManager.getConnection(member.url());
             Connection b = DriverManager.getConnection(member.url())) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            a.createStatement().executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
            b.createStatement().executeUpdate("UPDATE t SET v = v + 10 WHERE id = 1");
            a.commit();
            assertThatThrownBy(b::commit).isInstanceOf(SQLTransactionRollbackException.class)
                    .extracting(RemoteJdbcTest::state).isEqualTo("40001");
            b.createStatement().executeUpdate("UPDATE t SET v = v + 10 WHERE id = 1");
            b.commit();
        }
        try (ResultSet rs = conn.createStatement().executeQuery("SELECT v FROM t WHERE id = 1")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(11);
        }
    }

    @Test
    void closingTheConnectionRollsBackItsTransaction() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        Connection c = DriverManager.getConnection(member.url());
        c.setAutoCommit(false);
        c.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
        c.close();
        assertThat(count(conn, "t")).isZero();
        assertThatThrownBy(c::createStatement).extracting(RemoteJdbcTest::state).isEqualTo("08003");
    }

    @Test
    void errorsCarryTheEmbeddedSqlStates() throws SQLException {
        assertThatThrownBy(() -> exec("SELECT * FROM\n t WHERE")).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42000");
            assertThat(e.getMessage()).contains("line 2, column 8");
        });
        assertThatThrownBy(() -> exec("SELECT * FROM nowhere")).extracting(RemoteJdbcTest::state).isEqualTo("42S02");
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(3) NOT NULL)");
        assertThatThrownBy(() -> exec("SELECT nope FROM t")).extracting(RemoteJdbcTest::state).isEqualTo("42S22");
        exec("INSERT INTO t VALUES (1, 'a')");
        assertThatThrownBy(() -> exec("INSERT INTO t VALUES (1, 'b')")).extracting(RemoteJdbcTest::state)
                .isEqualTo("23505");
        assertThatThrownBy(() -> exec("INSERT INTO t (id) VALUES (2)")).extracting(RemoteJdbcTest::state)
                .isEqualTo("23502");
        assertThatThrownBy(() -> exec("INSERT INTO t VALUES (3, 'long')")).extracting(RemoteJdbcTest::state)
                .isEqualTo("22001");
        assertThatThrownBy(() -> conn.createStatement().executeQuery("INSERT INTO t VALUES (4, 'x')"))
                .extracting(RemoteJdbcTest::state).isEqualTo("07000");
        assertThatThrownBy(() -> conn.createBlob()).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThat(count(conn, "t")).isEqualTo(2);
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
            assertThat(member.fetchMores.get()).isEqualTo(rows / 700);
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
        assertThatThrownBy(() -> more.executeQuery("SELECT id FROM seed")).extracting(RemoteJdbcTest::state)
                .isEqualTo("54000");
        for (Statement s : open) {
            s.close();
        }
        assertThat(count(conn, "big")).isEqualTo(rows);
    }

    @Test
    void aWrongCookieIsRefusedAndACookieFileIsRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String url = "jdbc:mnemo://127.0.0.1:" + member.port();
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
                .extracting(RemoteJdbcTest::state).isEqualTo("28000");
        assertThatThrownBy(() -> DriverManager.getConnection(url)).extracting(RemoteJdbcTest::state)
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
