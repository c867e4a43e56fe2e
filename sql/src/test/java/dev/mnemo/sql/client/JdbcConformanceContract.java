package dev.mnemo.sql.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The JDBC conformance set both drivers must pass (types, parameters, batches, metadata, transactions, errors),
 * run once per driver by a subclass that gives its fixture and says where the driver differs.
 *
 * @param <F> the driver's fixture, for the subclass's own tests
 */
public abstract class JdbcConformanceContract<F extends JdbcFixture> {
    /** Reaches the database of the test being run. */
    protected final F fixture;
    /** The connection each test starts with, to a fresh, empty database. */
    protected Connection conn;

    private final Set<Capability> capabilities;

    protected JdbcConformanceContract(F fixture, Set<Capability> capabilities) {
        this.fixture = fixture;
        this.capabilities = Set.copyOf(capabilities);
    }

    /** What one driver does and the other does not; a driver without a capability must refuse or skip it. */
    public enum Capability {
        /** {@code setObject} refuses a value of no SQL type at once, rather than when the statement runs. */
        REFUSES_UNKNOWN_VALUES_WHEN_BOUND,
        /** A prepared statement describes its result before it runs (both describe their parameters). */
        DESCRIBES_STATEMENTS_BEFORE_EXECUTION,
        /** {@link Connection#setSavepoint} is supported, rather than refused. */
        SAVEPOINTS
    }

    private boolean can(Capability c) {
        return capabilities.contains(c);
    }

    @BeforeEach
    void open() throws Exception {
        conn = fixture.open();
    }

    @AfterEach
    void close() throws Exception {
        if (conn != null) {
            conn.close(); // null when the fixture failed to start: its own error is the one to see
        }
        fixture.close();
    }

    protected void exec(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    protected static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    protected static String state(Throwable e) {
        return ((SQLException) e).getSQLState();
    }

    /** The first column of every row a prepared query returns for these parameters. */
    protected List<Object> column(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Object> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1));
                }
            }
            return out;
        }
    }

    @Test
    public void timeAndTimestampReportTheirPrecisionAndRoundParametersToIt() throws SQLException {
        exec("CREATE TABLE dtp (ts TIMESTAMP(0) PRIMARY KEY, t1 TIME(1), t3 TIME, s2 TIMESTAMP(2))");
        try (PreparedStatement ins = conn.prepareStatement("INSERT INTO dtp VALUES (?, ?, ?, ?)")) {
            ins.setTimestamp(1, java.sql.Timestamp.valueOf("2024-02-29 12:00:00.6"));
            ins.setObject(2, java.time.LocalTime.of(8, 0, 0, 250_000_000));
            ins.setObject(3, java.time.LocalTime.of(8, 0));
            ins.setObject(4, java.time.LocalDateTime.of(2024, 2, 29, 23, 59, 59, 995_000_000));
            assertThat(ins.executeUpdate()).isEqualTo(1);
        }
        // A parameter takes the key's type, so it is rounded as the key was: the row written with it is found.
        assertThat(column("SELECT s2 FROM dtp WHERE ts = ?", java.sql.Timestamp.valueOf("2024-02-29 12:00:00.6")))
                .containsExactly(java.sql.Timestamp.valueOf("2024-03-01 00:00:00"));
        assertThat(column("SELECT ts FROM dtp WHERE t1 = ?", java.time.LocalTime.of(8, 0, 0, 300_000_000)))
                .containsExactly(java.sql.Timestamp.valueOf("2024-02-29 12:00:01"));
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT t1 FROM dtp")) {
            assertThat(rs.next()).isTrue();
            // java.sql.Time's own conversions know no fraction of a second; the drivers keep the milliseconds.
            assertThat(rs.getString(1)).isEqualTo("08:00:00.3");
            assertThat(rs.getObject(1, java.time.LocalTime.class))
                    .isEqualTo(java.time.LocalTime.of(8, 0, 0, 300_000_000));
            assertThat(Math.floorMod(rs.getTime(1).getTime(), 1000L)).isEqualTo(300L);
        }
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT ts, s2 FROM dtp")) {
            assertThat(rs.next()).isTrue();
            // As a literal writes them: no ".0" for a whole second, a fraction without trailing zeros.
            assertThat(rs.getString(1)).isEqualTo("2024-02-29 12:00:01");
            assertThat(rs.getString(2)).isEqualTo("2024-03-01 00:00:00");
        }
        exec("UPDATE dtp SET s2 = TIMESTAMP '2024-02-29 12:00:00.5'");
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT s2 FROM dtp")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("2024-02-29 12:00:00.5");
        }
        ResultSet c = conn.getMetaData().getColumns(null, null, "DTP", null);
        List<String> cols = new ArrayList<>();
        while (c.next()) {
            cols.add(c.getString("COLUMN_NAME") + " " + c.getInt("COLUMN_SIZE") + " " + c.getInt("DECIMAL_DIGITS"));
        }
        assertThat(cols).containsExactly("TS 19 0", "T1 10 1", "T3 12 3", "S2 22 2");
        try (PreparedStatement ps = conn.prepareStatement("SELECT ts, t1, t3, s2 FROM dtp WHERE ts = ? AND t1 = ?")) {
            // Both drivers describe the statement's parameters before any is set, as their columns' types.
            ParameterMetaData pm = ps.getParameterMetaData();
            assertThat(List.of(pm.getParameterType(1), pm.getPrecision(1), pm.getScale(1), pm.getParameterType(2),
                    pm.getPrecision(2), pm.getScale(2))).containsExactly(Types.TIMESTAMP, 19, 0, Types.TIME, 10, 1);
            ps.setTimestamp(1, java.sql.Timestamp.valueOf("2024-02-29 12:00:01"));
            ps.setObject(2, java.time.LocalTime.of(8, 0, 0, 300_000_000));
            try (ResultSet rs = ps.executeQuery()) {
                java.sql.ResultSetMetaData md = rs.getMetaData();
                List<Integer> sizes = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    sizes.addAll(List.of(md.getPrecision(i), md.getScale(i), md.getColumnDisplaySize(i)));
                }
                assertThat(sizes).containsExactly(19, 0, 19, 10, 1, 10, 12, 3, 12, 22, 2, 22);
            }
        }
    }

    @Test
    public void orderByHoldsWhateverAccessPathReadsTheRows() throws SQLException {
        // Only a full scan or a key range of an ordered_set reads in key order; lookups and indexes do not.
        exec("CREATE TABLE g (id INTEGER PRIMARY KEY, v INTEGER, w INTEGER) WITH (kind = 'ordered_set')");
        exec("CREATE INDEX g_v ON g (v) USING HASH");
        exec("CREATE INDEX g_w ON g (w)");
        exec("INSERT INTO g VALUES (5, 1, 9), (3, 1, 8), (9, 1, 7), (1, 1, 6), (7, 2, 5)");
        assertThat(column("SELECT id FROM g WHERE id IN (?, ?, ?) ORDER BY id", 9, 1, 5)).containsExactly(1, 5, 9);
        assertThat(column("SELECT id FROM g WHERE v = ? ORDER BY id DESC", 1)).containsExactly(9, 5, 3, 1);
        assertThat(column("SELECT id FROM g WHERE w > ? ORDER BY id", 5)).containsExactly(1, 3, 5, 9);
        assertThat(column("SELECT id FROM g WHERE w > ? ORDER BY id LIMIT 2", 5)).containsExactly(1, 3);
        assertThat(column("SELECT id FROM g WHERE id > ? ORDER BY id DESC LIMIT 2", 2)).containsExactly(9, 7);
        assertThat(column("SELECT a.id FROM g a JOIN g b ON a.id = b.id WHERE a.w > ? ORDER BY a.id", 5))
                .containsExactly(1, 3, 5, 9);
    }

    @Test
    public void parametersInAnInListOfRowsTakeTheTypesOfTheirColumns() throws SQLException {
        // Each parameter takes the type of the column it is compared with, whatever the number of rows.
        exec("CREATE TABLE r (a INTEGER NOT NULL, b INTEGER NOT NULL, v VARCHAR(10), PRIMARY KEY (a, b))");
        exec("INSERT INTO r VALUES (1, 1, 'p'), (1, 2, 'q'), (2, 1, 'r'), (3, 3, 's')");
        assertThat(column("SELECT v FROM r WHERE (a, b) IN ((?, ?), (?, ?), (?, ?)) ORDER BY v", 1, 2, 3, 3, 9, 9))
                .containsExactly("q", "s");
        assertThat(column("SELECT v FROM r WHERE (a, b) IN ((?, ?))", 2, 1)).containsExactly("r");
        assertThat(column("SELECT v FROM r WHERE (a, b) IN ((1, ?), (?, 3)) ORDER BY v", 1, 3))
                .containsExactly("p", "s");
        assertThat(column("SELECT v FROM r WHERE (a, b) NOT IN ((?, ?), (?, ?), (?, ?)) ORDER BY v", 1, 1, 2, 1, 7,
                7)).containsExactly("q", "s");
        // As many rows as columns, of columns of different types: the second row is (INTEGER, VARCHAR) too.
        String mixed = "SELECT b FROM r WHERE (a, v) IN ((?, ?), (?, ?)) ORDER BY b";
        assertThat(column(mixed, 1, "q", 3, "s")).containsExactly(2, 3);
        try (PreparedStatement ps = conn.prepareStatement(mixed)) {
            ParameterMetaData m = ps.getParameterMetaData();
            assertThat(List.of(m.getParameterType(1), m.getParameterType(2), m.getParameterType(3),
                    m.getParameterType(4))).containsExactly(Types.INTEGER, Types.VARCHAR, Types.INTEGER,
                    Types.VARCHAR);
        }
        // A list long enough to be joined with its rows (20 or more).
        StringBuilder rows = new StringBuilder();
        Object[] params = new Object[50];
        for (int i = 0; i < 25; i++) {
            rows.append(i == 0 ? "" : ", ").append("(?, ?)");
            params[2 * i] = i < 2 ? 1 : 100 + i;
            params[2 * i + 1] = i < 2 ? i + 1 : 1;
        }
        assertThat(column("SELECT v FROM r WHERE (a, b) IN (" + rows + ") ORDER BY v", params))
                .containsExactly("p", "q");
        assertThatThrownBy(() -> column("SELECT v FROM r WHERE (a, b) IN ((?, ?, ?))", 1, 1, 1))
                .satisfies(e -> assertThat(state(e)).isEqualTo("42000"));
    }

    @Test
    public void aRangeBoundFinerThanItsColumnStillFindsEveryRow() throws SQLException {
        // 1.555 is stored as 1.56 in a DECIMAL(6,2): a key or index range on the rounded bound must not lose the
        // rows between the bound and its rounding.
        exec("CREATE TABLE k (p DECIMAL(6,2) PRIMARY KEY) WITH (kind = 'ordered_set')");
        exec("INSERT INTO k VALUES (1.50), (1.55), (1.56), (2.00)");
        exec("CREATE TABLE n (id INTEGER PRIMARY KEY, p DECIMAL(6,2))");
        exec("CREATE INDEX n_p ON n (p)");
        exec("INSERT INTO n VALUES (1, 1.55), (2, 1.56), (3, 1.50)");
        BigDecimal mid = new BigDecimal("1.555");
        BigDecimal low = new BigDecimal("1.554");
        assertThat(column("SELECT p FROM k WHERE p > ? ORDER BY p", mid)).extracting(Object::toString)
                .containsExactly("1.56", "2.00");
        assertThat(column("SELECT p FROM k WHERE p < ? ORDER BY p", low)).extracting(Object::toString)
                .containsExactly("1.50", "1.55");
        assertThat(column("SELECT p FROM k WHERE p > ? AND p < ? ORDER BY p", new BigDecimal("1.549"), mid))
                .extracting(Object::toString).containsExactly("1.55");
        assertThat(column("SELECT id FROM n WHERE p > ? ORDER BY id", mid)).containsExactly(2);
        assertThat(column("SELECT id FROM n WHERE p < ? ORDER BY id", low)).containsExactly(1, 3);
        assertThat(column("SELECT id FROM n WHERE p = ? ORDER BY id", mid)).isEmpty();
    }

    @Test
    public void aDecimalRoundsHalfUpAlikeAsLiteralParameterOrCast() throws SQLException {
        exec("CREATE TABLE dm (id INTEGER PRIMARY KEY, m DECIMAL(5,2))");
        exec("INSERT INTO dm VALUES (1, 1.235), (2, -1.245)");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO dm VALUES (?, ?)")) {
            ps.setInt(1, 3);
            ps.setBigDecimal(2, new BigDecimal("1.235"));
            ps.executeUpdate();
            ps.setInt(1, 4);
            ps.setBigDecimal(2, new BigDecimal("-1.245"));
            ps.executeUpdate();
            ps.setInt(1, 5);
            ps.setBigDecimal(2, new BigDecimal("999.995"));
            assertThatThrownBy(ps::executeUpdate).extracting(JdbcConformanceContract::state).isEqualTo("22003");
        }
        exec("INSERT INTO dm VALUES (5, CAST(1.235 AS DECIMAL(6,2))), (6, CAST(-1.245 AS DECIMAL(6,2)))");
        assertThat(column("SELECT m FROM dm ORDER BY id")).extracting(Object::toString)
                .containsExactly("1.24", "-1.25", "1.24", "-1.25", "1.24", "-1.25");
        assertThat(column("SELECT CAST(? AS DECIMAL(5,2)) FROM dm WHERE id = 1", new BigDecimal("1.235")))
                .extracting(Object::toString).containsExactly("1.24");
        assertThatThrownBy(() -> exec("INSERT INTO dm VALUES (7, 999.995)"))
                .extracting(JdbcConformanceContract::state).isEqualTo("22003");
        assertThatThrownBy(() -> column("SELECT CAST(? AS DECIMAL(5,2)) FROM dm", new BigDecimal("999.995")))
                .extracting(JdbcConformanceContract::state).isEqualTo("22003");
    }

    @Test
    public void aDoubleParameterRoundsHalfUpToAnIntegerAsACastDoes() throws SQLException {
        exec("CREATE TABLE dr (id INTEGER PRIMARY KEY, i INTEGER, s SMALLINT, b BIGINT)");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO dr VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, 1);
            ps.setDouble(2, 12.7);
            ps.setFloat(3, -2.5f);
            ps.setDouble(4, 2.5);
            ps.executeUpdate();
            ps.setInt(1, 2);
            ps.setDouble(2, -12.5);
            ps.setDouble(3, 0.4);
            ps.setBigDecimal(4, new BigDecimal("-2.5"));
            ps.executeUpdate();
            ps.setInt(1, 3);
            for (double past : new double[] {2147483647.5, Double.NaN, Double.NEGATIVE_INFINITY}) {
                ps.setDouble(2, past);
                assertThatThrownBy(ps::executeUpdate).extracting(JdbcConformanceContract::state).isEqualTo("22003");
            }
        }
        exec("INSERT INTO dr VALUES (3, 12.7e0, CAST(-2.5e0 AS REAL), 2.5), (4, CAST(12.7 AS DOUBLE), 0, -2.5e0)");
        assertThat(column("SELECT i FROM dr ORDER BY id")).containsExactly(13, -13, 13, 13);
        assertThat(column("SELECT s FROM dr ORDER BY id"))
                .containsExactly((short) -3, (short) 0, (short) -3, (short) 0);
        assertThat(column("SELECT b FROM dr ORDER BY id")).containsExactly(3L, -3L, 3L, -3L);
        assertThat(column("SELECT CAST(? AS INTEGER) FROM dr WHERE id = 1", 12.5)).containsExactly(13);
    }

    @Test
    public void aTextParameterThatIsNoDatetimeIsAnInvalidDatetimeAsALiteralIs() throws SQLException {
        exec("CREATE TABLE dtt (id INTEGER PRIMARY KEY, dt DATE, tm TIME, ts TIMESTAMP)");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO dtt VALUES (1, ?, ?, ?)")) {
            ps.setString(1, "2024-02-29");
            ps.setString(2, "12:00");
            ps.setString(3, "2024-02-29 12:34:56.789");
            ps.executeUpdate();
        }
        String[][] bad = {{"DT", "nope"}, {"DT", "2024-02-30"}, {"DT", "2024-13-01"}, {"TM", "noon"},
                {"TM", "25:00"}, {"TM", "12:61"}, {"TS", "nope"}, {"TS", "2024-02-30 10:00:00"},
                {"TS", "2024-01-01 10:60:00"}};
        for (String[] b : bad) {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO dtt (id, " + b[0] + ") VALUES (2, ?)")) {
                ps.setString(1, b[1]);
                assertThatThrownBy(ps::executeUpdate).as(b[0] + " '" + b[1] + "'")
                        .extracting(JdbcConformanceContract::state).isEqualTo("22007");
            }
            assertThatThrownBy(() -> exec("INSERT INTO dtt (id, " + b[0] + ") VALUES (2, '" + b[1] + "')"))
                    .as("literal " + b[0] + " '" + b[1] + "'")
                    .extracting(JdbcConformanceContract::state).isEqualTo("22007");
        }
        assertThatThrownBy(() -> column("SELECT id FROM dtt WHERE dt = ?", "2024-02-30"))
                .extracting(JdbcConformanceContract::state).isEqualTo("22007");
        assertThat(column("SELECT id FROM dtt WHERE dt = ? AND tm = ? AND ts = ?", "2024-02-29", "12:00:00",
                "2024-02-29 12:34:56.789")).containsExactly(1);
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT dt, tm, ts FROM dtt")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1, LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(rs.getObject(2, LocalTime.class)).isEqualTo(LocalTime.of(12, 0));
            assertThat(rs.getObject(3, LocalDateTime.class))
                    .isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_000_000));
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    public void calendarArgumentsReadAndWriteTheClockOfTheirZone() throws SQLException {
        exec("CREATE TABLE cal (id INTEGER PRIMARY KEY, dt DATE, tm TIME, ts TIMESTAMP)");
        // A zone that is nobody's default and keeps no daylight saving time: UTC+05:30.
        java.util.Calendar kolkata = java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("Asia/Kolkata"));
        java.time.ZoneId zone = kolkata.getTimeZone().toZoneId();
        java.time.Instant noon = java.time.Instant.parse("2024-03-01T12:00:00.123Z");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO cal VALUES (1, ?, ?, ?)")) {
            ps.setDate(1, new Date(LocalDate.of(2024, 3, 1).atStartOfDay(zone).toInstant().toEpochMilli()), kolkata);
            ps.setTime(2, new Time(LocalTime.of(23, 15).atDate(LocalDate.EPOCH).atZone(zone).toInstant()
                    .toEpochMilli()), kolkata);
            ps.setTimestamp(3, Timestamp.from(noon), kolkata);
            ps.executeUpdate();
        }
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT dt, tm, ts FROM cal")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1, LocalDate.class)).isEqualTo(LocalDate.of(2024, 3, 1));
            assertThat(rs.getObject(2, LocalTime.class)).isEqualTo(LocalTime.of(23, 15));
            assertThat(rs.getObject(3, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 3, 1, 17, 30, 0,
                    123_000_000));
            assertThat(rs.getTimestamp(3, kolkata).toInstant()).isEqualTo(noon);
            assertThat(rs.getTimestamp("TS", kolkata).toInstant()).isEqualTo(noon);
            assertThat(rs.getDate(1, kolkata).getTime()).isEqualTo(LocalDate.of(2024, 3, 1).atStartOfDay(zone)
                    .toInstant().toEpochMilli());
            assertThat(rs.getTime(2, kolkata).getTime()).isEqualTo(LocalTime.of(23, 15).atDate(LocalDate.EPOCH)
                    .atZone(zone).toInstant().toEpochMilli());
        }
    }

    @Test
    public void preparedStatementBindsEveryTypeAndReadsItBack() throws SQLException {
        exec("CREATE TABLE v (id INTEGER PRIMARY KEY, b BIGINT, i INTEGER, s SMALLINT, d DOUBLE, r REAL,"
                + " m DECIMAL(10,3), f BOOLEAN, vc VARCHAR(10), c CHAR(3), bin VARBINARY(8), dt DATE, tm TIME,"
                + " ts TIMESTAMP)");
        insertEveryType();
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
            assertThat(rs.getObject("DT", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(rs.getObject("TS", LocalDateTime.class))
                    .isEqualTo(LocalDateTime.of(2024, 2, 29, 1, 2, 3, 456_000_000));
            assertThat(rs.getObject("B")).isInstanceOf(Long.class);
            assertThat(rs.getObject("I")).isInstanceOf(Integer.class);
            assertThat(rs.getObject("M")).isInstanceOf(BigDecimal.class);
            assertThat(rs.next()).isFalse();
            ps.setInt(1, 2);
            rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject("B")).isEqualTo(5L);
            assertThat(rs.getBoolean("F")).isFalse();
            assertThat(rs.getString("VC")).isNull();
            assertThat(rs.getString("C")).isNull();
            assertThat(rs.getInt("C")).isZero();
            assertThat(rs.wasNull()).isTrue();
            assertThat(rs.getBytes("BIN")).isNull();
            assertThat(rs.getObject("TM", LocalTime.class)).isEqualTo(LocalTime.of(3, 4, 5));
            assertThat(rs.getBigDecimal("M")).isEqualByComparingTo("10");
            ps.setInt(1, 3);
            rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("VC")).isEqualTo("x");
            assertThat(rs.getBytes("BIN")).isNull();
        }
        // Parameters in filters of every type find the rows, through key lookups and scans alike.
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

    /** Row 1 through the typed setters, rows 2 and 3 through setObject and the ways of binding NULL. */
    private void insertEveryType() throws SQLException {
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
            ps.setInt(1, 3);
            ps.setObject(9, "x");
            ps.setNull(11, Types.VARBINARY);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    public void everyColumnTypeTakesADefaultAndReadsItBackAsItsType() throws SQLException {
        exec("CREATE TABLE dft (id INTEGER PRIMARY KEY, b BIGINT DEFAULT 9000000000, i INTEGER DEFAULT '-7',"
                + " s SMALLINT DEFAULT 2.5e0, d DOUBLE DEFAULT 1.5e0, r REAL DEFAULT '2.25',"
                + " m DECIMAL(8,3) DEFAULT 1.2345, f BOOLEAN DEFAULT TRUE, vc VARCHAR(5) DEFAULT 'hello',"
                + " c CHAR(4) DEFAULT 'ab', bin VARBINARY(4) DEFAULT X'CAFE', dt DATE DEFAULT '2024-02-29',"
                + " tm TIME DEFAULT TIME '12:00:00')");
        exec("ALTER TABLE dft ADD COLUMN ts TIMESTAMP DEFAULT '2024-02-29 12:34:56.789'");
        exec("ALTER TABLE dft ADD COLUMN tm2 TIME DEFAULT '8:30'");
        exec("INSERT INTO dft (id) VALUES (1)");
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM dft")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject("B")).isEqualTo(9_000_000_000L);
            assertThat(rs.getObject("I")).isEqualTo(-7);
            assertThat(rs.getObject("S")).isEqualTo((short) 3);
            assertThat(rs.getObject("D")).isEqualTo(1.5);
            assertThat(rs.getObject("R")).isEqualTo(2.25f);
            assertThat(rs.getObject("M")).isEqualTo(new BigDecimal("1.235"));
            assertThat(rs.getObject("F")).isEqualTo(true);
            assertThat(rs.getObject("VC")).isEqualTo("hello");
            assertThat(rs.getObject("C")).isEqualTo("ab  ");
            assertThat((byte[]) rs.getObject("BIN")).containsExactly(0xCA, 0xFE);
            assertThat(rs.getObject("DT", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(rs.getObject("TM", LocalTime.class)).isEqualTo(LocalTime.of(12, 0));
            assertThat(rs.getObject("TS", LocalDateTime.class))
                    .isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_000_000));
            assertThat(rs.getTime("TM2")).isEqualTo(Time.valueOf("08:30:00"));
            assertThat(rs.next()).isFalse();
        }
        List<String> defaults = columnDefaults("DFT");
        assertThat(defaults).contains("BIN=X'CAFE'", "DT=DATE '2024-02-29'", "TM=TIME '12:00:00'",
                "TS=TIMESTAMP '2024-02-29 12:34:56.789'", "M=1.235");
        assertThatThrownBy(() -> exec("ALTER TABLE dft ADD COLUMN late TIME DEFAULT '24:00'"))
                .extracting(JdbcConformanceContract::state).isEqualTo("22007");
        assertThatThrownBy(() -> exec("CREATE TABLE t (id INTEGER PRIMARY KEY, tm TIME DEFAULT CURRENT_DATE)"))
                .extracting(JdbcConformanceContract::state).isEqualTo("42804");
        assertThatThrownBy(() -> exec("CREATE TABLE t (id INTEGER PRIMARY KEY, u VARCHAR(9) DEFAULT CURRENT_USER)"))
                .extracting(JdbcConformanceContract::state).isEqualTo("0A000");
    }

    @Test
    public void aTimeDefaultIsTheStatementsTimeAndColumnDefNamesIt() throws SQLException {
        exec("CREATE TABLE stamp (id INTEGER PRIMARY KEY, ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
                + " dt DATE DEFAULT CURRENT_DATE, given TIMESTAMP)");
        exec("INSERT INTO stamp (id, given) VALUES (1, CURRENT_TIMESTAMP), (2, CURRENT_TIMESTAMP)");
        assertThat(intOf(conn, "SELECT COUNT(*) FROM stamp WHERE ts = given AND dt = CAST(given AS DATE)"))
                .as("both rows take the statement's CURRENT_TIMESTAMP").isEqualTo(2);
        List<String> defaults = columnDefaults("STAMP");
        assertThat(defaults).containsExactly("ID=null", "TS=CURRENT_TIMESTAMP", "DT=CURRENT_DATE", "GIVEN=null");
    }

    /** Each column of the table as NAME=COLUMN_DEF, in order. */
    private List<String> columnDefaults(String table) throws SQLException {
        List<String> defaults = new ArrayList<>();
        try (ResultSet c = conn.getMetaData().getColumns(null, null, table, null)) {
            while (c.next()) {
                defaults.add(c.getString("COLUMN_NAME") + "=" + c.getString("COLUMN_DEF"));
            }
        }
        return defaults;
    }

    @Test
    public void columnDefShowsEachDefaultAsTheLiteralThatWritesIt() throws SQLException {
        // JDBC: COLUMN_DEF is a text when it is in single quotes; other literals are written as SQL writes them.
        exec("CREATE TABLE lit (id INTEGER PRIMARY KEY, vc VARCHAR(10) DEFAULT 'abc', q VARCHAR(10) DEFAULT 'it''s',"
                + " e VARCHAR(3) DEFAULT '', c CHAR(3) DEFAULT 'x', b BIGINT DEFAULT -5, m DECIMAL(6,2) DEFAULT 1.5,"
                + " d DOUBLE DEFAULT 2.5e0, f BOOLEAN DEFAULT TRUE, bin VARBINARY(2) DEFAULT X'0aFF',"
                + " dt DATE DEFAULT DATE '2024-02-29', tm TIME DEFAULT '08:30', tms TIME DEFAULT '08:30:00.25',"
                + " ts TIMESTAMP DEFAULT '2024-02-29 12:00:00', n INTEGER DEFAULT NULL, nd INTEGER)");
        List<String> defaults = columnDefaults("LIT");
        assertThat(defaults).containsExactly("ID=null", "VC='abc'", "Q='it''s'", "E=''", "C='x  '", "B=-5",
                "M=1.50", "D=2.5", "F=TRUE", "BIN=X'0AFF'", "DT=DATE '2024-02-29'", "TM=TIME '08:30:00'",
                "TMS=TIME '08:30:00.25'", "TS=TIMESTAMP '2024-02-29 12:00:00'", "N=null", "ND=null");
    }

    @Test
    public void aDoubleTooLargeForARealParameterIsOutOfRange() throws SQLException {
        exec("CREATE TABLE rl (id INTEGER PRIMARY KEY, r REAL)");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO rl VALUES (?, ?)")) {
            ps.setInt(1, 1);
            for (Object big : new Object[] {1e300, -Double.MAX_VALUE, 3.5e38, new BigDecimal("1e39"), "1e300"}) {
                ps.setObject(2, big);
                assertThatThrownBy(ps::executeUpdate).as(big.getClass().getSimpleName() + " " + big)
                        .extracting(JdbcConformanceContract::state).isEqualTo("22003");
            }
            ps.setDouble(2, 3.4e38);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        try (PreparedStatement ps = conn.prepareStatement("UPDATE rl SET r = ? WHERE id = 1")) {
            ps.setDouble(1, -1e300);
            assertThatThrownBy(ps::executeUpdate).extracting(JdbcConformanceContract::state).isEqualTo("22003");
            ps.setDouble(1, Double.NEGATIVE_INFINITY); // an infinity is a REAL value: it stays one
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThatThrownBy(() -> column("SELECT CAST(? AS REAL) FROM rl", 1e300))
                .extracting(JdbcConformanceContract::state).isEqualTo("22003");
        assertThat(column("SELECT r FROM rl")).containsExactly(Float.NEGATIVE_INFINITY);
    }

    @Test
    public void explainOfAChangeShowsItsPlanAndMakesNoChange() throws SQLException {
        exec("CREATE TABLE ex (id INTEGER PRIMARY KEY, v INTEGER DEFAULT 7)");
        exec("INSERT INTO ex VALUES (1, 1), (2, 2)");
        String[][] statements = {{"UPDATE ex SET v = DEFAULT WHERE id = ?", "UPDATE"},
            {"UPDATE ex SET v = v + ?", "UPDATE"}, {"DELETE FROM ex WHERE id >= ?", "DELETE"},
            {"INSERT INTO ex VALUES (?, 3)", "INSERT"},
            {"MERGE INTO ex t USING ex s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = DEFAULT", "MERGE"}};
        for (String[] st : statements) {
            try (PreparedStatement ps = conn.prepareStatement("EXPLAIN PLAN FOR " + st[0])) {
                if (st[0].contains("?")) {
                    ps.setInt(1, 1);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as(st[0]).isTrue();
                    assertThat(rs.getString(1)).as(st[0]).contains("operation=[" + st[1] + "]");
                    assertThat(rs.next()).isFalse();
                }
            }
            try (Statement s = conn.createStatement()) {
                assertThat(s.execute("EXPLAIN PLAN FOR " + st[0].replace("?", "3"))).as(st[0]).isTrue();
            }
        }
        assertThat(column("SELECT v FROM ex ORDER BY id")).containsExactly(1, 2);
    }

    @Test
    public void aNumberTooLargeForADoubleParameterIsOutOfRange() throws SQLException {
        exec("CREATE TABLE dl (id INTEGER PRIMARY KEY, d DOUBLE)");
        Object[] tooLarge = {new BigDecimal("1e400"), new BigDecimal("-1e309"), "1e400",
            java.math.BigInteger.TEN.pow(400)};
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO dl VALUES (?, ?)")) {
            ps.setInt(1, 1);
            for (Object big : tooLarge) {
                ps.setObject(2, big);
                assertThatThrownBy(ps::executeUpdate).as(big.getClass().getSimpleName() + " " + big)
                        .extracting(JdbcConformanceContract::state).isEqualTo("22003");
            }
            ps.setBigDecimal(2, new BigDecimal("1e308"));
            assertThat(ps.executeUpdate()).isEqualTo(1);
            ps.setInt(1, 2);
            ps.setDouble(2, Double.POSITIVE_INFINITY); // an infinity is a DOUBLE value: it stays one
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        try (PreparedStatement ps = conn.prepareStatement("UPDATE dl SET d = ? WHERE id = 1")) {
            ps.setBigDecimal(1, new BigDecimal("-1e400"));
            assertThatThrownBy(ps::executeUpdate).extracting(JdbcConformanceContract::state).isEqualTo("22003");
        }
        for (String sql : List.of("SELECT CAST(? AS DOUBLE) FROM dl", "SELECT id FROM dl WHERE d = ?",
                "SELECT id FROM dl WHERE d >= ?")) {
            assertThatThrownBy(() -> column(sql, new BigDecimal("1e400"))).as(sql)
                    .extracting(JdbcConformanceContract::state).isEqualTo("22003");
        }
        assertThat(column("SELECT d FROM dl ORDER BY id")).containsExactly(1e308, Double.POSITIVE_INFINITY);
    }

    @Test
    public void doubleArithmeticThatOverflowsIsOutOfRange() throws SQLException {
        exec("CREATE TABLE da (id INTEGER PRIMARY KEY, d DOUBLE, r REAL)");
        exec("INSERT INTO da VALUES (1, 1e308, 3e38), (2, 1e308, 3e38)");
        for (String sql : List.of("SELECT d * ? FROM da", "SELECT r * CAST(? AS REAL) FROM da",
                "SELECT SUM(d) * ? FROM da")) {
            assertThatThrownBy(() -> column(sql, 10)).as(sql)
                    .extracting(JdbcConformanceContract::state).isEqualTo("22003");
        }
        assertThatThrownBy(() -> column("SELECT d / ? FROM da", 0.0)).extracting(JdbcConformanceContract::state)
                .isEqualTo("22012");
        assertThat(column("SELECT d * ? FROM da WHERE id = 1", Double.NEGATIVE_INFINITY))
                .containsExactly(Double.NEGATIVE_INFINITY);
    }

    /** A text that is no number and a division by zero say so in SQL's words, not in the Java runtime's. */
    @Test
    public void aTextThatIsNoNumberAndADivisionByZeroSaySoPlainly() throws SQLException {
        exec("CREATE TABLE nums (id INTEGER PRIMARY KEY, n INTEGER)");
        exec("INSERT INTO nums VALUES (1, 0)");
        for (String sql : List.of("SELECT CAST('abc' AS INTEGER)", "UPDATE nums SET n = 'abc' WHERE id = 1")) {
            assertThatThrownBy(() -> exec(sql)).as(sql).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("22018");
                assertThat(e.getMessage()).isEqualTo("invalid number: the text 'abc' is not a number");
            });
        }
        assertThatThrownBy(() -> exec("SELECT 1 / n FROM nums")).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("22012");
            assertThat(e.getMessage()).isEqualTo("division by zero");
        });
    }

    @Test
    public void mergeTakesParametersInItsSetAndInsertClauses() throws SQLException {
        exec("CREATE TABLE mt (id INTEGER PRIMARY KEY, v INTEGER, w VARCHAR(3), m DECIMAL(5, 2))");
        exec("CREATE TABLE ms (id INTEGER PRIMARY KEY, v INTEGER)");
        exec("INSERT INTO mt VALUES (1, 1, 'a', 1.00)");
        exec("INSERT INTO ms VALUES (1, 10), (2, 20)");
        String merge = "MERGE INTO mt USING ms ON mt.id = ms.id WHEN MATCHED THEN UPDATE SET v = ?, w = ?, m = ?"
                + " WHEN NOT MATCHED THEN INSERT VALUES (ms.id, ?, ?, ?)";
        try (PreparedStatement ps = conn.prepareStatement(merge)) {
            Object[] params = {5, "abc", new BigDecimal("2.345"), 6, "xyz", 7.5};
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            assertThat(ps.executeUpdate()).isEqualTo(2);
            ps.setString(2, "abcd"); // too long for VARCHAR(3): refused whole, not cut
            assertThatThrownBy(ps::executeUpdate).extracting(JdbcConformanceContract::state).isEqualTo("22001");
        }
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, v, w, m FROM mt ORDER BY id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getInt(2) + " " + rs.getString(3) + " " + rs.getBigDecimal(4));
            }
            assertThat(rows).containsExactly("1 5 abc 2.35", "2 6 xyz 7.50");
        }
        try (PreparedStatement ps = conn.prepareStatement(
                "MERGE INTO mt USING ms ON mt.id = ms.id WHEN MATCHED THEN UPDATE SET v = ? + ms.v, w = ?")) {
            ps.setInt(1, 100);
            ps.setString(2, "u");
            assertThat(ps.executeUpdate()).isEqualTo(2);
        }
        assertThat(column("SELECT v FROM mt ORDER BY id")).containsExactly(110, 120);
    }

    @Test
    public void aJavaUtilDateBindsToDateTimeAndTimestampColumns() throws SQLException {
        exec("CREATE TABLE jud (id INTEGER PRIMARY KEY, dt DATE, tm TIME, ts TIMESTAMP)");
        // A plain java.util.Date (not one of java.sql's subclasses): an instant, read on this machine's clock.
        java.util.Date when = new java.util.Date(Timestamp.valueOf("2024-02-29 13:14:15").getTime());
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO jud VALUES (1, ?, ?, ?)")) {
            ps.setObject(1, when);
            ps.setObject(2, when);
            ps.setObject(3, when);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT dt, tm, ts FROM jud")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1, LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(rs.getObject(2, LocalTime.class)).isEqualTo(LocalTime.of(13, 14, 15));
            assertThat(rs.getObject(3, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 14, 15));
        }
    }

    @Test
    public void parameterErrorsAreTyped() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, s SMALLINT)");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO t VALUES (?, ?) -- a comment with ?")) {
            assertThat(ps.getParameterMetaData().getParameterCount()).isEqualTo(2);
            ps.setInt(1, 1);
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                    .extracting(JdbcConformanceContract::state).isEqualTo("07001");
            assertThatThrownBy(() -> ps.setInt(3, 1)).extracting(JdbcConformanceContract::state).isEqualTo("07009");
            if (can(Capability.REFUSES_UNKNOWN_VALUES_WHEN_BOUND)) {
                assertThatThrownBy(() -> ps.setObject(2, new Object())).extracting(JdbcConformanceContract::state)
                        .isEqualTo("22018");
            } else {
                ps.setObject(2, new Object());
                assertThatThrownBy(ps::executeUpdate).extracting(JdbcConformanceContract::state).isEqualTo("22018");
            }
            ps.setString(2, "not a number");
            assertThatThrownBy(ps::executeUpdate).extracting(JdbcConformanceContract::state).isEqualTo("22018");
            ps.setInt(2, 70000);
            assertThatThrownBy(ps::executeUpdate).extracting(JdbcConformanceContract::state).isEqualTo("22003");
        }
    }

    @Test
    public void aTextParameterForABinaryIsItsUtf8Bytes() throws SQLException {
        exec("CREATE TABLE bin (id INTEGER PRIMARY KEY, b VARBINARY(4))");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO bin VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "Zoë");
            assertThat(ps.executeUpdate()).isEqualTo(1);
            ps.setInt(1, 2);
            ps.setObject(2, "Zoëy", Types.VARBINARY); // five bytes
            assertThatThrownBy(ps::executeUpdate).extracting(JdbcConformanceContract::state).isEqualTo("22001");
            ps.setObject(2, 12);
            assertThatThrownBy(ps::executeUpdate).extracting(JdbcConformanceContract::state).isEqualTo("22018");
        }
        byte[] zoe = "Zoë".getBytes(StandardCharsets.UTF_8);
        assertThat(column("SELECT b FROM bin")).containsExactly((Object) zoe);
        assertThat(column("SELECT id FROM bin WHERE b = ?", "Zoë")).containsExactly(1);
        assertThat(column("SELECT OCTET_LENGTH(CAST(? AS VARBINARY(10))) FROM bin", "Zoë")).containsExactly(4);
    }

    @Test
    public void batchesReportCountsAndStopAtTheFirstFailure() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(5))");
        String insert = "INSERT INTO t VALUES (?, ?)";
        try (PreparedStatement ps = conn.prepareStatement(insert)) {
            for (int i = 0; i < 100; i++) {
                ps.setInt(1, i);
                ps.setString(2, "v" + i);
                ps.addBatch();
            }
            assertThat(ps.executeBatch()).hasSize(100).containsOnly(1);
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
    public void aRequestForGeneratedKeysOnATableWithoutIdentityIsAcceptedAndAnswersNoKeys() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(5))");
        assertThat(conn.getMetaData().supportsGetGeneratedKeys()).isTrue();
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO t VALUES (?, 'a')",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setInt(1, 1);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            assertNoKeys(ps, "GENERATED_KEY");
            ps.setInt(1, 2);
            ps.addBatch();
            ps.setInt(1, 3);
            ps.addBatch();
            assertThat(ps.executeBatch()).containsExactly(1, 1);
            assertNoKeys(ps, "GENERATED_KEY");
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO t VALUES (4, 'b')", new int[] {1})) {
            assertThat(ps.executeUpdate()).isEqualTo(1);
            assertNoKeys(ps, "GENERATED_KEY");
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO t VALUES (5, 'c')", new String[] {"id", "V"})) {
            assertThat(ps.executeUpdate()).isEqualTo(1);
            assertNoKeys(ps, "id", "V");
        }
        try (Statement s = conn.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO t VALUES (6, 'd')", Statement.RETURN_GENERATED_KEYS)).isEqualTo(1);
            assertNoKeys(s, "GENERATED_KEY");
            assertThat(s.executeUpdate("INSERT INTO t VALUES (7, 'e')", new String[] {"ID"})).isEqualTo(1);
            assertNoKeys(s, "ID");
            assertThat(s.execute("INSERT INTO t VALUES (8, 'f')", new int[] {1})).isFalse();
            assertNoKeys(s, "GENERATED_KEY");
            assertThat(s.executeLargeUpdate("INSERT INTO t VALUES (9, 'g')", new String[] {"id"})).isEqualTo(1);
            assertNoKeys(s, "id");
            assertThat(s.execute("INSERT INTO t VALUES (10, 'h')", Statement.NO_GENERATED_KEYS)).isFalse();
            assertNoKeys(s, "GENERATED_KEY");
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO t VALUES (11, 'i')", 7))
                    .extracting(JdbcConformanceContract::state).isEqualTo("HY092");
        }
        assertThatThrownBy(() -> conn.prepareStatement("INSERT INTO t VALUES (11, 'i')", 7))
                .extracting(JdbcConformanceContract::state).isEqualTo("HY092");
        assertThat(count(conn, "t")).isEqualTo(10);
    }

    private static void assertNoKeys(Statement s, String... labels) throws SQLException {
        try (ResultSet keys = s.getGeneratedKeys()) {
            ResultSetMetaData md = keys.getMetaData();
            List<String> got = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                got.add(md.getColumnLabel(i));
            }
            assertThat(got).containsExactly(labels);
            assertThat(keys.next()).isFalse();
        }
    }

    @Test
    public void metadataDescribesTablesColumnsKeysIndexesAndTypes() throws SQLException {
        exec("CREATE TABLE acct (id BIGINT NOT NULL, branch INTEGER NOT NULL, owner VARCHAR(30) NOT NULL,"
                + " balance DECIMAL(12,2) DEFAULT 0, PRIMARY KEY (branch, id)) WITH (kind = 'ordered_set')");
        exec("CREATE UNIQUE INDEX acct_owner ON acct (owner) USING HASH");
        DatabaseMetaData md = conn.getMetaData();
        assertThat(md.getDatabaseProductName()).isEqualTo("Mnemo");
        assertThat(md.getURL()).isEqualTo(fixture.shownUrl());
        assertThat(md.getConnection()).isSameAs(conn);
        assertThat(md.getDefaultTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        assertThat(md.supportsBatchUpdates()).isTrue();
        assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
        ResultSet schemas = md.getSchemas();
        assertThat(schemas.next()).isTrue();
        assertThat(schemas.getString("TABLE_SCHEM")).isEqualTo("INFORMATION_SCHEMA");
        assertThat(schemas.next()).isTrue();
        assertThat(schemas.getString("TABLE_SCHEM")).isEqualTo("MNEMO");
        assertThat(schemas.next()).isFalse();
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
        queryMetadataDescribesColumnsAndParameters();
    }

    /**
     * getTypeInfo lists every type a column can be declared with, under the name getColumns gives a column of it (a
     * tool matches the two), in DATA_TYPE order, with what a CREATE TABLE may add after it.
     */
    @Test
    public void typeInfoNamesEachTypeAsColumnMetadataDoes() throws SQLException {
        exec("CREATE TABLE typed (id INT PRIMARY KEY, tiny TINYINT, instant TIMESTAMP(0) WITH TIME ZONE)");
        DatabaseMetaData md = conn.getMetaData();
        Map<String, String> columnTypes = new LinkedHashMap<>();
        try (ResultSet cols = md.getColumns(null, null, "TYPED", null)) {
            while (cols.next()) {
                columnTypes.put(cols.getString("TYPE_NAME"), cols.getInt("DATA_TYPE") + "");
            }
        }
        Map<String, String> types = new LinkedHashMap<>();
        List<Integer> order = new ArrayList<>();
        try (ResultSet info = md.getTypeInfo()) {
            while (info.next()) {
                types.put(info.getString("TYPE_NAME"), info.getInt("DATA_TYPE") + "");
                order.add(info.getInt("DATA_TYPE"));
                if (info.getString("TYPE_NAME").equals("TIMESTAMP WITH TIME ZONE")) {
                    assertThat(info.getString("CREATE_PARAMS")).isEqualTo("precision");
                    assertThat(info.getShort("MAXIMUM_SCALE")).isEqualTo((short) 3);
                }
                if (info.getString("TYPE_NAME").equals("TINYINT")) {
                    assertThat(info.getInt("PRECISION")).isEqualTo(3);
                }
            }
        }
        assertThat(types).containsAllEntriesOf(columnTypes).containsEntry("TINYINT", Types.TINYINT + "")
                .doesNotContainKey("TIMESTAMP_TZ");
        assertThat(order).isSorted();
    }

    /**
     * A tool reads a catalog result by its columns' names whether it has rows or not, and asks for a table's row
     * identifier to edit its rows: the primary key, in key order (a bag's key names no single row).
     */
    @Test
    public void catalogResultsHaveTheirColumnsAndTheBestRowIdentifierIsThePrimaryKey() throws SQLException {
        exec("CREATE TABLE acct (id BIGINT NOT NULL, branch INTEGER NOT NULL, owner VARCHAR(30),"
                + " PRIMARY KEY (branch, id))");
        exec("CREATE TABLE log (id INTEGER PRIMARY KEY, line VARCHAR(10)) WITH (kind = 'bag')");
        DatabaseMetaData md = conn.getMetaData();
        ResultSet best = md.getBestRowIdentifier(null, null, "ACCT", DatabaseMetaData.bestRowSession, true);
        List<String> rowId = new ArrayList<>();
        while (best.next()) {
            rowId.add(best.getString("COLUMN_NAME") + " " + best.getInt("DATA_TYPE") + " " + best.getString("TYPE_NAME")
                    + " " + best.getInt("COLUMN_SIZE") + " " + best.getShort("SCOPE") + " "
                    + best.getShort("PSEUDO_COLUMN"));
        }
        assertThat(rowId).containsExactly("BRANCH 4 INTEGER 10 2 1", "ID -5 BIGINT 19 2 1");
        assertThat(md.getBestRowIdentifier(null, null, "LOG", DatabaseMetaData.bestRowSession, true).next()).isFalse();
        assertThat(md.getBestRowIdentifier(null, null, "NOPE", DatabaseMetaData.bestRowSession, true).next())
                .isFalse();
        Map<String, ResultSet> none = new LinkedHashMap<>();
        none.put("PROCEDURE_NAME 3 9", md.getProcedures(null, null, "%"));
        none.put("COLUMN_TYPE 5 20", md.getProcedureColumns(null, null, "%", "%"));
        none.put("FUNCTION_NAME 3 6", md.getFunctions(null, null, "%"));
        none.put("COLUMN_TYPE 5 17", md.getFunctionColumns(null, null, "%", "%"));
        none.put("CLASS_NAME 4 7", md.getUDTs(null, null, "%", null));
        none.put("SUPERTYPE_NAME 6 6", md.getSuperTypes(null, null, "%"));
        none.put("SUPERTABLE_NAME 4 4", md.getSuperTables(null, null, "%"));
        none.put("ATTR_NAME 4 21", md.getAttributes(null, null, "%", "%"));
        none.put("PRIVILEGE 6 7", md.getTablePrivileges(null, null, "%"));
        none.put("PRIVILEGE 7 8", md.getColumnPrivileges(null, null, "ACCT", "%"));
        none.put("PSEUDO_COLUMN 8 8", md.getVersionColumns(null, null, "ACCT"));
        none.put("COLUMN_USAGE 9 12", md.getPseudoColumns(null, null, "%", "%"));
        none.put("MAX_LEN 2 4", md.getClientInfoProperties());
        for (Map.Entry<String, ResultSet> e : none.entrySet()) {
            String[] expect = e.getKey().split(" ");
            ResultSet rs = e.getValue();
            assertThat(rs.findColumn(expect[0])).as(e.getKey()).isEqualTo(Integer.parseInt(expect[1]));
            assertThat(rs.getMetaData().getColumnCount()).as(e.getKey()).isEqualTo(Integer.parseInt(expect[2]));
            assertThat(rs.next()).as(e.getKey()).isFalse();
        }
    }

    /** What DatabaseMetaData says Mnemo's SQL supports, it does. */
    @Test
    public void theFeaturesMetadataClaimsWork() throws SQLException {
        exec("CREATE TABLE f (id INTEGER PRIMARY KEY, grp INTEGER, v INTEGER)");
        exec("INSERT INTO f VALUES (1, 1, 5), (2, 1, 3), (3, 2, 4)");
        DatabaseMetaData md = conn.getMetaData();
        assertThat(md.supportsTableCorrelationNames()).isTrue();
        assertThat(rows("SELECT x.id FROM f x WHERE x.v > 3 ORDER BY x.id")).containsExactly("1", "3");
        assertThat(md.supportsExpressionsInOrderBy()).isTrue();
        assertThat(rows("SELECT id FROM f ORDER BY v * -1")).containsExactly("1", "3", "2");
        assertThat(md.supportsGroupByBeyondSelect()).isTrue();
        assertThat(rows("SELECT SUM(v) FROM f GROUP BY grp, id ORDER BY 1")).containsExactly("3", "4", "5");
        assertThat(md.supportsSelectForUpdate()).isTrue();
        assertThat(rows("SELECT v FROM f WHERE id = 2 FOR UPDATE")).containsExactly("3");
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /**
     * getSQLKeywords lists the words Mnemo's parser reserves beyond SQL:92's, so that a tool (Hibernate's
     * auto_quote_keyword) knows to quote a column named after one of them; each listed word, and only such a word,
     * fails as a plain column name and works quoted.
     */
    @Test
    public void sqlKeywordsNameTheReservedWordsAColumnMustQuote() throws SQLException {
        List<String> keywords = List.of(conn.getMetaData().getSQLKeywords().split(","));
        assertThat(keywords).contains("ORDINAL", "UPSERT", "LIMIT", "OFFSET").doesNotContain("SELECT", "KIND");
        for (String word : List.of("ORDINAL", "LIMIT")) {
            assertThatThrownBy(() -> exec("CREATE TABLE kw (id INTEGER PRIMARY KEY, " + word + " INTEGER)"))
                    .extracting(JdbcConformanceContract::state).isEqualTo("42601");
            exec("CREATE TABLE kw (id INTEGER PRIMARY KEY, \"" + word + "\" INTEGER)");
            exec("DROP TABLE kw");
        }
        exec("CREATE TABLE kw (id INTEGER PRIMARY KEY, kind INTEGER, storage INTEGER)");
    }

    private void queryMetadataDescribesColumnsAndParameters() throws SQLException {
        PreparedStatement ps = conn.prepareStatement(
                "SELECT owner, balance * 2 AS twice FROM acct WHERE branch = ? AND balance > ?");
        assertThat(ps.getParameterMetaData().getParameterCount()).isEqualTo(2);
        List<ResultSetMetaData> described = new ArrayList<>();
        assertParameterTypes(ps.getParameterMetaData());
        if (can(Capability.DESCRIBES_STATEMENTS_BEFORE_EXECUTION)) {
            described.add(ps.getMetaData());
        }
        ps.setInt(1, 1);
        ps.setBigDecimal(2, BigDecimal.ZERO);
        assertParameterTypes(ps.getParameterMetaData());
        described.add(ps.executeQuery().getMetaData());
        for (ResultSetMetaData rmd : described) {
            assertThat(rmd.getColumnCount()).isEqualTo(2);
            assertThat(rmd.getColumnLabel(1)).isEqualTo("OWNER");
            assertThat(rmd.getTableName(1)).isEqualTo("ACCT");
            assertThat(rmd.getColumnType(1)).isEqualTo(Types.VARCHAR);
            assertThat(rmd.getPrecision(1)).isEqualTo(30);
            assertThat(rmd.getColumnLabel(2)).isEqualTo("TWICE");
            assertThat(rmd.getColumnType(2)).isEqualTo(Types.DECIMAL);
            assertThat(rmd.getColumnClassName(2)).isEqualTo(BigDecimal.class.getName());
        }
    }

    private static void assertParameterTypes(ParameterMetaData pmd) throws SQLException {
        assertThat(pmd.getParameterCount()).isEqualTo(2);
        assertThat(pmd.getParameterType(1)).isEqualTo(Types.INTEGER);
        assertThat(pmd.getParameterType(2)).isEqualTo(Types.DECIMAL);
    }

    @Test
    public void savepointsRollBackPartOfATransactionAndAreDroppedInOrder() throws SQLException {
        assumeTrue(can(Capability.SAVEPOINTS));
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        assertThatThrownBy(conn::setSavepoint).extracting(JdbcConformanceContract::state).isEqualTo("25000");
        conn.setAutoCommit(false);
        exec("INSERT INTO t VALUES (1)");
        Savepoint first = conn.setSavepoint();
        exec("INSERT INTO t VALUES (2)");
        Savepoint named = conn.setSavepoint("two \"quoted\"");
        exec("INSERT INTO t VALUES (3)");
        Savepoint last = conn.setSavepoint();
        assertThat(first.getSavepointId()).isNotEqualTo(last.getSavepointId());
        assertThat(named.getSavepointName()).isEqualTo("two \"quoted\"");
        assertThatThrownBy(named::getSavepointId).isInstanceOf(SQLException.class);
        assertThatThrownBy(first::getSavepointName).isInstanceOf(SQLException.class);
        conn.rollback(named);
        assertThat(count(conn, "t")).isEqualTo(2);
        exec("INSERT INTO t VALUES (4)");
        conn.releaseSavepoint(first);
        conn.commit();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM t ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(4);
            assertThat(rs.next()).isFalse();
        }
        assertThatThrownBy(() -> conn.rollback(first)).extracting(JdbcConformanceContract::state)
                .isEqualTo("3B001");
        try (Connection other = DriverManager.getConnection(fixture.url())) {
            other.setAutoCommit(false);
            Savepoint foreign = other.setSavepoint();
            assertThatThrownBy(() -> conn.rollback(foreign)).extracting(JdbcConformanceContract::state)
                    .isEqualTo("3B001");
        }
    }

    @Test
    public void aSavepointGoneWithARollbackToAnEarlierOneOrWithItsTransactionIsNotUsedAgain() throws SQLException {
        assumeTrue(can(Capability.SAVEPOINTS));
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        conn.setAutoCommit(false);
        Savepoint first = conn.setSavepoint("a");
        exec("INSERT INTO t VALUES (1)");
        Savepoint later = conn.setSavepoint();
        conn.rollback(first);
        exec("INSERT INTO t VALUES (2)");
        assertThatThrownBy(() -> conn.rollback(later)).extracting(JdbcConformanceContract::state)
                .isEqualTo("3B001");
        conn.commit();
        conn.setSavepoint("a");
        exec("INSERT INTO t VALUES (3)");
        assertThatThrownBy(() -> conn.rollback(first)).extracting(JdbcConformanceContract::state)
                .isEqualTo("3B001");
        conn.commit();
        assertThat(count(conn, "t")).isEqualTo(2);
    }

    @Test
    public void aSavepointOfATransactionEndedByACommitOrRollbackStatementIsNotTakenForALaterOneOfItsName()
            throws SQLException {
        assumeTrue(can(Capability.SAVEPOINTS));
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        conn.setAutoCommit(false);
        for (String end : new String[] {"COMMIT", "ROLLBACK"}) {
            Savepoint old = conn.setSavepoint("a");
            Savepoint oldUnnamed = conn.setSavepoint();
            exec(end);
            exec("INSERT INTO t VALUES (" + end.length() + ")");
            Savepoint now = conn.setSavepoint("a");
            conn.setSavepoint();
            exec("INSERT INTO t VALUES (" + (end.length() + 10) + ")");
            assertThatThrownBy(() -> conn.rollback(old)).extracting(JdbcConformanceContract::state)
                    .isEqualTo("3B001");
            assertThatThrownBy(() -> conn.releaseSavepoint(old)).extracting(JdbcConformanceContract::state)
                    .isEqualTo("3B001");
            assertThatThrownBy(() -> conn.rollback(oldUnnamed)).extracting(JdbcConformanceContract::state)
                    .isEqualTo("3B001");
            conn.rollback(now);
            conn.commit();
        }
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM t ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(6);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(8);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    public void autoCommitOffSharesOneTransactionUntilCommitOrRollback() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
        try (Connection other = DriverManager.getConnection(fixture.url())) {
            conn.setAutoCommit(false);
            exec("INSERT INTO t VALUES (1, 1)");
            exec("INSERT INTO t VALUES (2, 2)");
            assertThat(count(conn, "t")).isEqualTo(2);
            assertThat(count(other, "t")).isZero();
            conn.rollback();
            assertThat(count(conn, "t")).isZero();
            exec("INSERT INTO t VALUES (3, 3)");
            assertThat(conn.getMetaData().supportsSavepoints()).isEqualTo(can(Capability.SAVEPOINTS));
            if (can(Capability.SAVEPOINTS)) {
                Savepoint sp = conn.setSavepoint();
                exec("INSERT INTO t VALUES (4, 4)");
                conn.rollback(sp);
            } else {
                assertThatThrownBy(conn::setSavepoint).isInstanceOf(SQLFeatureNotSupportedException.class);
            }
            exec("INSERT INTO t VALUES (5, 5)");
            conn.commit();
            assertThat(count(other, "t")).isEqualTo(2);
            try (Statement s = other.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM t ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(3);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(5);
            }
            exec("INSERT INTO t VALUES (6, 6)");
            conn.setAutoCommit(true); // commits, as JDBC says
            assertThat(count(other, "t")).isEqualTo(3);
            assertThatThrownBy(conn::commit).extracting(JdbcConformanceContract::state).isEqualTo("25000");
        }
    }

    @Test
    public void ddlInATransactionTakesEffectAtOnceWithoutCommittingItAsTheMetadataSays() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        conn.setAutoCommit(false);
        exec("INSERT INTO t VALUES (1)");
        exec("CREATE TABLE u (id INTEGER PRIMARY KEY)");
        try (Connection other = DriverManager.getConnection(fixture.url())) {
            assertThat(count(other, "u")).isZero();
            assertThat(count(other, "t")).isZero();
        }
        conn.rollback();
        assertThat(count(conn, "t")).isZero();
        assertThat(count(conn, "u")).isZero();
        DatabaseMetaData md = conn.getMetaData();
        assertThat(md.dataDefinitionCausesTransactionCommit()).isFalse();
        assertThat(md.dataDefinitionIgnoredInTransactions()).isFalse();
        assertThat(md.supportsDataDefinitionAndDataManipulationTransactions()).isFalse();
        assertThat(md.supportsDataManipulationTransactionsOnly()).isTrue();
    }

    @Test
    public void aScalarSubqueryOfManyRowsFailsOnlyItsStatement() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
        exec("INSERT INTO t VALUES (1, 10), (2, 20)");
        conn.setAutoCommit(false);
        exec("INSERT INTO t VALUES (3, 30)");
        assertThatThrownBy(() -> exec("UPDATE t SET v = (SELECT v FROM t) WHERE id = 3"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("21000");
                    assertThat(e.getMessage()).contains("more than one row");
                });
        exec("UPDATE t SET v = (SELECT v FROM t WHERE id = 2) WHERE id = 3");
        conn.commit();
        assertThat(column("SELECT v FROM t ORDER BY id")).containsExactly(10, 20, 20);
    }

    @Test
    public void aConflictAtCommitIsASerializationFailure() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
        exec("INSERT INTO t VALUES (1, 0)");
        try (Connection a = DriverManager.getConnection(fixture.url());
             Connection b = DriverManager.getConnection(fixture.url())) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            a.createStatement().executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
            b.createStatement().executeUpdate("UPDATE t SET v = v + 10 WHERE id = 1");
            a.commit();
            assertThatThrownBy(b::commit).isInstanceOf(SQLTransactionRollbackException.class)
                    .extracting(JdbcConformanceContract::state).isEqualTo("40001");
            b.createStatement().executeUpdate("UPDATE t SET v = v + 10 WHERE id = 1");
            b.commit();
        }
        try (ResultSet rs = conn.createStatement().executeQuery("SELECT v FROM t WHERE id = 1")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(11);
        }
    }

    private static int intOf(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }

    @Test
    public void rowsReadForUpdateThatAnotherChangesFirstFailTheCommitWith40001() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
        exec("INSERT INTO t VALUES (1, 0), (2, 0)");
        try (Connection a = DriverManager.getConnection(fixture.url());
             Connection b = DriverManager.getConnection(fixture.url())) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            assertThat(intOf(a, "SELECT v FROM t WHERE id = 1 FOR UPDATE")).isZero();
            assertThat(intOf(b, "SELECT v FROM t WHERE id = 1 FOR UPDATE")).isZero();
            a.createStatement().executeUpdate("UPDATE t SET v = 1 WHERE id = 1");
            b.createStatement().executeUpdate("UPDATE t SET v = 10 WHERE id = 1");
            b.createStatement().executeUpdate("UPDATE t SET v = 10 WHERE id = 2");
            a.commit();
            assertThatThrownBy(b::commit).isInstanceOf(SQLTransactionRollbackException.class)
                    .extracting(JdbcConformanceContract::state).isEqualTo("40001");
            // The read alone is validated: a writes only row 2, but read row 1, which b changed first.
            assertThat(intOf(a, "SELECT v FROM t WHERE id = 1 FOR UPDATE OF v")).isEqualTo(1);
            a.createStatement().executeUpdate("UPDATE t SET v = 5 WHERE id = 2");
            b.createStatement().executeUpdate("UPDATE t SET v = 2 WHERE id = 1");
            b.commit();
            assertThatThrownBy(a::commit).isInstanceOf(SQLTransactionRollbackException.class)
                    .extracting(JdbcConformanceContract::state).isEqualTo("40001");
        }
        assertThat(column("SELECT v FROM t ORDER BY id")).containsExactly(2, 0);
    }

    @Test
    public void forUpdateIsAQuerysReadAndLockWaitingIsRefusedWith0A000() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
        exec("INSERT INTO t VALUES (1, 5)");
        assertThat(column("SELECT v FROM t FOR UPDATE")).containsExactly(5);
        assertThat(column("SELECT t.v FROM t WHERE id = ? ORDER BY id\n for  update OF t.v, \"ID\"", 1))
                .containsExactly(5);
        assertThat(column("SELECT 'for update' FROM t /* FOR UPDATE */")).containsExactly("for update");
        for (String option : List.of("NOWAIT", "SKIP LOCKED", "WAIT 5")) {
            assertThatThrownBy(() -> exec("SELECT v FROM t FOR UPDATE OF v " + option))
                    .isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("FOR UPDATE " + option + " is not supported")
                    .extracting(JdbcConformanceContract::state).isEqualTo("0A000");
        }
        assertThatThrownBy(() -> exec("DELETE FROM t FOR UPDATE")).extracting(JdbcConformanceContract::state)
                .isEqualTo("42000");
        assertThatThrownBy(() -> exec("SELECT v FROM t FOR UPDATE LATER")).extracting(JdbcConformanceContract::state)
                .isEqualTo("42601");
    }

    @Test
    public void aMergeFromValuesOfParametersOrLiteralsUpdatesOrInsertsEachRow() throws SQLException {
        exec("CREATE TABLE m (id INTEGER PRIMARY KEY, v VARCHAR(5), n BIGINT)");
        exec("INSERT INTO m VALUES (1, 'a', 10)");
        String merge = "MERGE INTO m USING (VALUES (?, ?, ?)) AS s (id, v, n) ON m.id = s.id"
                + " WHEN MATCHED THEN UPDATE SET v = s.v, n = m.n + s.n"
                + " WHEN NOT MATCHED THEN INSERT (id, v, n) VALUES (s.id, s.v, s.n)";
        try (PreparedStatement ps = conn.prepareStatement(merge)) {
            ps.setInt(1, 1);
            ps.setString(2, "b");
            ps.setLong(3, 5);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            ps.setLong(1, 2);
            ps.setString(2, "c");
            ps.setInt(3, 7);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            // Each parameter takes its column's type: a text too long for v is refused whole, not cut.
            ps.setInt(1, 3);
            ps.setString(2, "too long");
            ps.setLong(3, 0);
            assertThatThrownBy(ps::executeUpdate).extracting(JdbcConformanceContract::state).isEqualTo("22001");
        }
        assertThat(column("SELECT v FROM m ORDER BY id")).containsExactly("b", "c");
        assertThat(column("SELECT n FROM m ORDER BY id")).containsExactly(15L, 7L);
        try (Statement s = conn.createStatement()) {
            assertThat(s.executeUpdate("MERGE INTO m USING (VALUES (2, 'd', 1), (4, 'e', 2)) AS s (id, v, n)"
                    + " ON m.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v"
                    + " WHEN NOT MATCHED THEN INSERT (id, v, n) VALUES (s.id, s.v, s.n)")).isEqualTo(2);
        }
        assertThat(column("SELECT v FROM m ORDER BY id")).containsExactly("b", "d", "e");
        assertThat(column("SELECT n FROM m ORDER BY id")).containsExactly(15L, 7L, 2L);
    }

    @Test
    public void aMergeFromValuesInsertsLiteralsAloneOrBesideSourceColumnsAndDefaultsTheColumnsItOmits()
            throws SQLException {
        exec("CREATE TABLE ml (id INTEGER PRIMARY KEY, v INTEGER, note VARCHAR(10) DEFAULT 'new')");
        exec("INSERT INTO ml VALUES (1, 10, 'old')");
        String merged = "SELECT CAST(id AS VARCHAR(3)) || ':' || CAST(v AS VARCHAR(3)) || ':' || note"
                + " FROM ml ORDER BY id";
        try (Statement s = conn.createStatement()) {
            // Literals alone, already of their columns' types; note is omitted and takes its default.
            assertThat(s.executeUpdate("MERGE INTO ml USING (VALUES (1), (2)) AS s (id) ON ml.id = s.id"
                    + " WHEN MATCHED THEN UPDATE SET v = 11 WHEN NOT MATCHED THEN INSERT (id, v) VALUES (8, 1)"))
                    .isEqualTo(2);
            assertThat(rows(merged)).containsExactly("1:11:old", "8:1:new");
            // Literals beside a source column, in every column and in some.
            assertThat(s.executeUpdate("MERGE INTO ml t USING (VALUES (2, 200), (3, 300)) AS s (id, v)"
                    + " ON t.id = s.id WHEN MATCHED THEN UPDATE SET note = 'seen'"
                    + " WHEN NOT MATCHED THEN INSERT (id, v, note) VALUES (s.id, 5, 'lit')")).isEqualTo(2);
            assertThat(s.executeUpdate("MERGE INTO ml t USING (VALUES (1, 100), (4, 400)) AS s (id, v)"
                    + " ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v"
                    + " WHEN NOT MATCHED THEN INSERT (v, id) VALUES (7, s.id)")).isEqualTo(2);
            // Literals in both clauses, every column given.
            assertThat(s.executeUpdate("MERGE INTO ml t USING (VALUES (2), (5)) AS s (id) ON t.id = s.id"
                    + " WHEN MATCHED THEN UPDATE SET note = 'both'"
                    + " WHEN NOT MATCHED THEN INSERT VALUES (9, 9, 'nine')")).isEqualTo(2);
        }
        assertThat(rows(merged)).containsExactly("1:100:old", "2:5:both", "3:5:lit", "4:7:new", "8:1:new",
                "9:9:nine");
        // Without WHEN MATCHED, literals alone are inserted once per unmatched source row.
        try (Statement s = conn.createStatement()) {
            assertThat(s.executeUpdate("MERGE INTO ml USING (VALUES (6), (9)) AS s (id) ON ml.id = s.id"
                    + " WHEN NOT MATCHED THEN INSERT (id, v) VALUES (10, 1)")).isEqualTo(1);
        }
        assertThat(rows(merged)).hasSize(7).contains("10:1:new");
    }

    @Test
    public void aMergeWithOnlyWhenNotMatchedInsertsTheSourceRowsThatMatchNoTargetRow() throws SQLException {
        exec("CREATE TABLE mi (id INTEGER PRIMARY KEY, v VARCHAR(5), note VARCHAR(10) DEFAULT 'new')");
        exec("CREATE TABLE msrc (id INTEGER PRIMARY KEY, v VARCHAR(5))");
        exec("INSERT INTO mi VALUES (1, 'a', 'old'), (2, 'b', 'old')");
        exec("INSERT INTO msrc VALUES (2, 'x'), (3, 'y'), (4, 'z')");
        String merged = "SELECT CAST(id AS VARCHAR(3)) || ':' || v || ':' || note FROM mi ORDER BY id";
        try (Statement s = conn.createStatement()) {
            // A table source under aliases: 2 is matched and left alone, 3 and 4 are inserted, note defaulted.
            assertThat(s.executeUpdate("MERGE INTO mi t USING msrc s ON t.id = s.id"
                    + " WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)")).isEqualTo(2);
            assertThat(rows(merged)).containsExactly("1:a:old", "2:b:old", "3:y:new", "4:z:new");
            // Without aliases, every source row now matched: nothing to insert.
            assertThat(s.executeUpdate("MERGE INTO mi USING msrc ON mi.id = msrc.id"
                    + " WHEN NOT MATCHED THEN INSERT (id, v) VALUES (msrc.id, msrc.v)")).isEqualTo(0);
            // A VALUES source, an explicit DEFAULT and no column list.
            assertThat(s.executeUpdate("MERGE INTO mi USING (VALUES (4, 'q'), (5, 'y')) AS s (id, v)"
                    + " ON mi.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v, DEFAULT)")).isEqualTo(1);
            // A subquery source matched on a column that is not the key: 'y' matches two rows (3 and 5), which
            // only keeps it out; 'x' matches none and is inserted.
            assertThat(s.executeUpdate("MERGE INTO mi AS t USING (SELECT id + 4 AS id, v FROM msrc) AS s"
                    + " ON t.v = s.v WHEN NOT MATCHED THEN INSERT (note, id, v) VALUES ('sub', s.id, s.v)"))
                    .isEqualTo(1);
        }
        assertThat(rows(merged)).containsExactly("1:a:old", "2:b:old", "3:y:new", "4:z:new", "5:y:new",
                "6:x:sub");
        // Two unmatched source rows with one key: the second insert collides with the first, as an INSERT's would.
        assertThatThrownBy(() -> exec("MERGE INTO mi USING (VALUES (9, 'p'), (9, 'q')) AS s (id, v)"
                + " ON mi.id = s.id WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)"))
                .extracting(JdbcConformanceContract::state).isEqualTo("23505");
        assertThat(rows(merged)).hasSize(6);
        exec("CREATE TABLE mdef (id INTEGER DEFAULT 1 PRIMARY KEY)");
        assertThatThrownBy(() -> exec("MERGE INTO mdef USING msrc ON mdef.id = msrc.id"
                + " WHEN NOT MATCHED THEN INSERT VALUES (DEFAULT)")).extracting(JdbcConformanceContract::state)
                .isEqualTo("0A000");
        // Parameters in a source of values take the types of the columns they are written to.
        try (PreparedStatement ps = conn.prepareStatement("MERGE INTO mi USING (VALUES (?, ?)) AS s (id, v)"
                + " ON mi.id = s.id WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)")) {
            ps.setInt(1, 6);
            ps.setString(2, "no");
            assertThat(ps.executeUpdate()).isEqualTo(0);
            ps.setInt(1, 7);
            ps.setString(2, "p");
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        // It runs in the caller's transaction: rolled back, it leaves nothing.
        conn.setAutoCommit(false);
        exec("MERGE INTO mi USING msrc ON mi.id = msrc.id + 10 WHEN NOT MATCHED THEN INSERT (id, v)"
                + " VALUES (msrc.id + 10, msrc.v)");
        assertThat(rows(merged)).hasSize(10);
        conn.rollback();
        conn.setAutoCommit(true);
        assertThat(rows(merged)).hasSize(7).endsWith("7:p:new");
        assertThat(String.join("\n", rows("EXPLAIN PLAN FOR MERGE INTO mi USING msrc ON mi.id = msrc.id"
                + " WHEN NOT MATCHED THEN INSERT (id, v) VALUES (msrc.id, msrc.v)"))).contains("operation=[INSERT]");
        assertThat(rows(merged)).hasSize(7);
    }

    @Test
    public void anInsertOnlyMergeRefusesAnOnColumnOfBothTargetAndSourceAsAnyAmbiguousColumn() throws SQLException {
        exec("CREATE TABLE ma (id INTEGER PRIMARY KEY, x INTEGER, \"q\" VARCHAR(5))");
        exec("CREATE TABLE mb (id INTEGER PRIMARY KEY, x INTEGER, \"q\" VARCHAR(5), w VARCHAR(5))");
        exec("INSERT INTO ma VALUES (1, 1, 'a')");
        exec("INSERT INTO mb VALUES (1, 5, 'b', 'p'), (2, 1, 'c', 'r')");
        String ambiguous = refusal("SELECT ma.id FROM ma JOIN mb ON id = id");
        assertThat(ambiguous).isEqualTo("42000 Column 'ID' is ambiguous");
        String insert = " WHEN NOT MATCHED THEN INSERT (id, x) VALUES (mb.id, mb.x)";
        // The same SQLState and message as the join's, whether or not the MERGE also updates.
        assertThat(refusal("MERGE INTO ma USING mb ON id = id" + insert)).isEqualTo(ambiguous);
        assertThat(refusal("MERGE INTO ma USING mb ON id = id WHEN MATCHED THEN UPDATE SET x = 0" + insert))
                .isEqualTo(ambiguous);
        assertThat(refusal("MERGE INTO ma USING mb ON (x = 1)" + insert)).isEqualTo("42000 Column 'X' is ambiguous");
        assertThat(refusal("MERGE INTO ma AS t USING mb AS s ON t.id = s.id AND \"q\" = 'a'" + insert.replace("mb.",
                "s."))).isEqualTo(refusal("SELECT ma.id FROM ma JOIN mb ON \"q\" = 'a'"));
        assertThat(count(conn, "ma")).isEqualTo(1);
        // A column only one side has needs no qualifier; aliases, quoted names and a source query keep working.
        try (Statement s = conn.createStatement()) {
            assertThat(s.executeUpdate("MERGE INTO ma USING mb ON ma.x = mb.x AND w = 'r'"
                    + " WHEN NOT MATCHED THEN INSERT (id, x) VALUES (mb.id + 2, mb.x)")).isEqualTo(1);
            assertThat(s.executeUpdate("MERGE INTO ma AS t USING mb AS s ON t.\"q\" = s.\"q\""
                    + " WHEN NOT MATCHED THEN INSERT (id, \"q\") VALUES (s.id + 4, s.\"q\")")).isEqualTo(2);
            assertThat(s.executeUpdate("MERGE INTO ma USING (SELECT id + 10 AS k, x AS id FROM mb) AS s"
                    + " ON ma.id = s.k WHEN NOT MATCHED THEN INSERT (id, x) VALUES (s.k, s.id)")).isEqualTo(2);
            // In a subquery of ON, a column resolves in that subquery's own scope first.
            assertThat(s.executeUpdate("MERGE INTO ma USING mb ON ma.id = mb.id + 20 OR EXISTS (SELECT 1 FROM mb AS"
                    + " o WHERE id = ma.id + 30) WHEN NOT MATCHED THEN INSERT (id) VALUES (mb.id + 20)"))
                    .isEqualTo(2);
        }
        assertThat(column("SELECT id FROM ma ORDER BY id")).containsExactly(1, 3, 5, 6, 11, 12, 21, 22);
        assertThat(column("SELECT \"q\" FROM ma WHERE id IN (5, 6) ORDER BY id")).containsExactly("b", "c");
    }

    @Test
    public void aMergeActsOnEachRowByTheFirstClauseThatFitsAndWhoseConditionHolds() throws SQLException {
        exec("CREATE TABLE mc (id INTEGER PRIMARY KEY, v VARCHAR(5), n INTEGER)");
        exec("CREATE TABLE mcs (id INTEGER PRIMARY KEY, v VARCHAR(5))");
        exec("INSERT INTO mc VALUES (1, 'a', 0), (2, 'b', 0), (3, 'c', 0), (4, 'd', 0), (8, 'h', 5)");
        exec("INSERT INTO mcs VALUES (1, 'del'), (2, 'up'), (3, 'keep'), (5, 'new'), (6, 'skip'), (7, 'other'),"
                + " (8, 'up')");
        String rowsOfMc = "SELECT CAST(id AS VARCHAR(3)) || ':' || v || ':' || CAST(n AS VARCHAR(3)) FROM mc"
                + " ORDER BY id";
        try (Statement s = conn.createStatement()) {
            // 1 deleted, 2 updated, 3 and 8 matched but taken by no clause, 5 and 7 inserted by different clauses,
            // 6 taken by none: 4 rows changed.
            assertThat(s.executeUpdate("MERGE INTO mc USING mcs ON mc.id = mcs.id"
                    + " WHEN MATCHED AND mcs.v = 'del' THEN DELETE"
                    + " WHEN MATCHED AND mc.n = 0 AND mcs.v <> 'keep' THEN UPDATE SET v = mcs.v, n = mc.n + 1"
                    + " WHEN NOT MATCHED AND mcs.v = 'new' THEN INSERT (id, v, n) VALUES (mcs.id, mcs.v, 2)"
                    + " WHEN NOT MATCHED AND mcs.id > 6 THEN INSERT (id, v, n) VALUES (mcs.id, 'o', 3)"))
                    .isEqualTo(4);
        }
        assertThat(rows(rowsOfMc)).containsExactly("2:up:1", "3:c:0", "4:d:0", "5:new:2", "7:o:3", "8:h:5");
        // Clause order decides: the first clause that takes a row acts on it, the later ones never see it.
        conn.setAutoCommit(false);
        exec("MERGE INTO mc USING mcs ON mc.id = mcs.id WHEN MATCHED AND mc.id = 2 THEN UPDATE SET n = 10"
                + " WHEN MATCHED THEN DELETE WHEN MATCHED THEN UPDATE SET n = 20");
        assertThat(rows(rowsOfMc)).containsExactly("2:up:10", "4:d:0");
        conn.rollback();
        exec("MERGE INTO mc USING mcs ON mc.id = mcs.id WHEN MATCHED THEN DELETE"
                + " WHEN MATCHED AND mc.id = 2 THEN UPDATE SET n = 10");
        assertThat(rows(rowsOfMc)).containsExactly("4:d:0");
        conn.rollback();
        conn.setAutoCommit(true);
        // A WHEN MATCHED THEN DELETE alone deletes every matched row and counts it.
        try (Statement s = conn.createStatement()) {
            assertThat(s.executeUpdate("MERGE INTO mc t USING (VALUES (4), (9)) AS s (id) ON t.id = s.id"
                    + " WHEN MATCHED THEN DELETE")).isEqualTo(1);
        }
        assertThat(rows(rowsOfMc)).containsExactly("2:up:1", "3:c:0", "5:new:2", "7:o:3", "8:h:5");
        assertThat(String.join("\n", rows("EXPLAIN PLAN FOR MERGE INTO mc USING mcs ON mc.id = mcs.id"
                + " WHEN MATCHED AND mcs.v = 'up' THEN DELETE WHEN NOT MATCHED AND mcs.id = 6 THEN INSERT (id, v)"
                + " VALUES (mcs.id, mcs.v)"))).contains("operation=[MERGE]");
        assertThat(rows(rowsOfMc)).hasSize(5);
    }

    @Test
    public void aMergeOfSeveralClausesChecksCardinalityUniqueIndexesAndTypesItsParameters() throws SQLException {
        exec("CREATE TABLE mk (id INTEGER PRIMARY KEY, e VARCHAR(5), n INTEGER)");
        exec("CREATE UNIQUE INDEX mk_e ON mk (e)");
        exec("INSERT INTO mk VALUES (1, 'x', 0), (2, 'y', 0), (3, 'z', 0)");
        String rowsOfMk = "SELECT CAST(id AS VARCHAR(3)) || ':' || e || ':' || CAST(n AS VARCHAR(3)) FROM mk"
                + " ORDER BY id";
        List<String> before = rows(rowsOfMk);
        // Two source rows would act on 2, whichever clause takes each: 21000 and nothing changes, 1's delete neither.
        assertThat(refusal("MERGE INTO mk USING (VALUES (1, 'a'), (2, 'b'), (2, 'a')) AS s (id, e) ON mk.id = s.id"
                + " WHEN MATCHED AND s.e = 'a' THEN DELETE WHEN MATCHED AND s.e = 'b' THEN UPDATE SET n = 1"))
                .startsWith("21000 cardinality violation");
        // An update that gives 2 the e that 3 has: 23505, and the delete of 1 in the same MERGE is undone.
        assertThat(refusal("MERGE INTO mk USING (VALUES (1, 'a'), (2, 'z')) AS s (id, e) ON mk.id = s.id"
                + " WHEN MATCHED AND s.e = 'a' THEN DELETE WHEN MATCHED THEN UPDATE SET e = s.e"))
                .startsWith("23505 ").contains("MK_E");
        // An inserted row whose e collides: the same.
        assertThat(refusal("MERGE INTO mk USING (VALUES (1, 'a'), (5, 'y')) AS s (id, e) ON mk.id = s.id"
                + " WHEN MATCHED THEN DELETE WHEN NOT MATCHED AND s.id > 4 THEN INSERT (id, e) VALUES (s.id, s.e)"))
                .startsWith("23505 ").contains("MK_E");
        assertThat(rows(rowsOfMk)).isEqualTo(before);
        // Parameters in conditions and values take the types of what they are compared with or written to.
        try (PreparedStatement ps = conn.prepareStatement("MERGE INTO mk USING (VALUES (1), (2), (6), (7)) AS s (id)"
                + " ON mk.id = s.id WHEN MATCHED AND mk.e = ? THEN DELETE WHEN MATCHED AND mk.id > ? THEN UPDATE"
                + " SET n = ? WHEN NOT MATCHED AND s.id < ? THEN INSERT (id, e, n) VALUES (s.id, ?, ?)")) {
            ps.setString(1, "x");
            ps.setInt(2, 1);
            ps.setInt(3, 42);
            ps.setInt(4, 7);
            ps.setString(5, "new");
            ps.setInt(6, 9);
            assertThat(ps.executeUpdate()).isEqualTo(3);
        }
        assertThat(rows(rowsOfMk)).containsExactly("2:y:42", "3:z:0", "6:new:9");
    }

    @Test
    public void aMergeOfSeveralClausesChecksForeignKeys() throws SQLException {
        exec("CREATE TABLE mparent (id INTEGER PRIMARY KEY, v VARCHAR(5) DEFAULT 'd')");
        exec("CREATE TABLE mchild (id INTEGER PRIMARY KEY, p INTEGER REFERENCES mparent (id))");
        exec("INSERT INTO mparent VALUES (1, 'a'), (2, 'b')");
        exec("INSERT INTO mchild VALUES (10, 1)");
        String merge = "MERGE INTO mparent USING (VALUES (1, 'x'), (2, 'y'), (3, 'z')) AS s (id, v)"
                + " ON mparent.id = s.id ";
        // Deleting a parent that a child references fails as a DELETE would, and undoes the rest of the MERGE.
        assertThat(refusal(merge + "WHEN MATCHED AND s.v = 'x' THEN DELETE WHEN MATCHED THEN UPDATE SET v = s.v"
                + " WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)")).startsWith("23503 ");
        assertThat(column("SELECT v FROM mparent ORDER BY id")).containsExactly("a", "b");
        // A child whose parent goes, the rest of it kept.
        try (Statement s = conn.createStatement()) {
            assertThat(s.executeUpdate("MERGE INTO mchild USING mparent ON mchild.p = mparent.id"
                    + " WHEN MATCHED AND mparent.v = 'a' THEN DELETE")).isEqualTo(1);
        }
        assertThat(count(conn, "mchild")).isZero();
    }

    @Test
    public void aMergeOfSeveralClausesNumbersOnlyTheRowsItInserts() throws SQLException {
        exec("CREATE TABLE mn (id BIGINT GENERATED ALWAYS AS IDENTITY, name VARCHAR(10) PRIMARY KEY, n INTEGER)");
        exec("INSERT INTO mn (name) VALUES ('a'), ('b')");
        try (Statement s = conn.createStatement()) {
            // c and e are inserted, d and f are taken by no clause: two values drawn; b is deleted, a updated.
            assertThat(s.executeUpdate("MERGE INTO mn USING (VALUES ('a'), ('b'), ('c'), ('d'), ('e'), ('f'))"
                    + " AS s (k) ON mn.name = s.k WHEN MATCHED AND s.k = 'b' THEN DELETE"
                    + " WHEN MATCHED THEN UPDATE SET n = 1 WHEN NOT MATCHED AND s.k IN ('c', 'e') THEN INSERT"
                    + " (name, n) VALUES (s.k, 0)")).isEqualTo(4);
        }
        exec("INSERT INTO mn (name) VALUES ('g')");
        assertThat(rows("SELECT CAST(id AS VARCHAR(3)) || ':' || name || ':' || COALESCE(CAST(n AS VARCHAR(3)), '-')"
                + " FROM mn ORDER BY id")).containsExactly("1:a:1", "3:c:0", "4:e:0", "5:g:-");
    }

    @Test
    public void aMergeChecksUniqueIndexesAndCardinalityWhetherItUpdatesInsertsOrBoth() throws SQLException {
        exec("CREATE TABLE mu (id INTEGER PRIMARY KEY, e VARCHAR(5), n INTEGER)");
        exec("CREATE UNIQUE INDEX mu_e ON mu (e)");
        exec("CREATE TABLE mus (id INTEGER PRIMARY KEY, tid INTEGER, e VARCHAR(5))");
        exec("INSERT INTO mu VALUES (1, 'x', 0), (2, 'y', 0)");
        exec("INSERT INTO mus VALUES (1, 1, 'y'), (3, 3, 'x'), (4, 4, 'z')");
        String rowsOfMu = "SELECT CAST(id AS VARCHAR(3)) || ':' || e FROM mu ORDER BY id";
        String insert = " WHEN NOT MATCHED THEN INSERT (id, e, n) VALUES (mus.tid, mus.e, 1)";
        // An update, an insert, or both, that would give a second row an e that a row has: 23505, nothing changes.
        for (String sql : new String[] {"MERGE INTO mu USING mus ON mu.id = mus.tid"
                + " WHEN MATCHED THEN UPDATE SET e = mus.e", "MERGE INTO mu USING mus ON mu.id = mus.tid" + insert,
                "MERGE INTO mu USING mus ON mu.id = mus.tid WHEN MATCHED THEN UPDATE SET n = 2" + insert}) {
            assertThat(refusal(sql)).as(sql).startsWith("23505 ").contains("MU_E");
        }
        assertThat(rows(rowsOfMu)).containsExactly("1:x", "2:y");
        // Two source rows matching one target row: 21000 with an insert clause too, and nothing changes.
        exec("INSERT INTO mus VALUES (5, 2, 'w')");
        assertThat(refusal("MERGE INTO mu USING mus ON mu.id = mus.tid OR mu.id = mus.id - 3"
                + " WHEN MATCHED THEN UPDATE SET n = 3 WHEN NOT MATCHED THEN INSERT (id, e) VALUES (mus.id + 10, 'q')"))
                .startsWith("21000 cardinality violation");
        assertThat(rows(rowsOfMu)).containsExactly("1:x", "2:y");
        assertThat(column("SELECT n FROM mu ORDER BY id")).containsExactly(0, 0);
    }

    @Test
    public void anInsertOnlyMergeBindsItsParametersInTheOrderOfTheText() throws SQLException {
        exec("CREATE TABLE mp (id INTEGER PRIMARY KEY, v VARCHAR(5))");
        exec("CREATE TABLE mps (id INTEGER PRIMARY KEY, v VARCHAR(5))");
        exec("INSERT INTO mp VALUES (11, 'a')");
        exec("INSERT INTO mps VALUES (1, 'x'), (2, 'y')");
        // ON comes before INSERT in the text, after it in the INSERT ... SELECT the MERGE runs as.
        try (PreparedStatement ps = conn.prepareStatement("MERGE INTO mp USING mps ON mp.id = mps.id + ?"
                + " WHEN NOT MATCHED THEN INSERT (id, v) VALUES (mps.id + ?, ?)")) {
            ps.setInt(1, 10);
            ps.setInt(2, 10);
            ps.setString(3, "new");
            assertThat(ps.executeUpdate()).isEqualTo(1);
            ps.setInt(1, 20);
            ps.setInt(2, 20);
            ps.setString(3, "twice");
            assertThat(ps.executeUpdate()).isEqualTo(2);
        }
        assertThat(rows("SELECT CAST(id AS VARCHAR(3)) || ':' || v FROM mp ORDER BY id"))
                .containsExactly("11:a", "12:new", "21:twice", "22:twice");
    }

    /** The SQLState and message, without its position, with which {@code sql} is refused. */
    private String refusal(String sql) {
        try {
            exec(sql);
        } catch (SQLException e) {
            return e.getSQLState() + " " + e.getMessage().replaceFirst("^(At|From) line [^:]*: ", "");
        }
        throw new AssertionError("not refused: " + sql);
    }

    @Test
    public void aMergeFromValuesOfParametersMatchesOnAnyColumnOrExpression() throws SQLException {
        exec("CREATE TABLE mx (id INTEGER PRIMARY KEY, x BIGINT, v VARCHAR(5))");
        exec("INSERT INTO mx VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 20, 'c')");
        // s.a is inserted into the INTEGER id, so it is an INTEGER, compared with x, a BIGINT that is not the key.
        String merge = "MERGE INTO mx USING (VALUES (?, ?)) AS s (a, b) ON mx.x = s.a"
                + " WHEN MATCHED THEN UPDATE SET v = s.b WHEN NOT MATCHED THEN INSERT VALUES (s.a, s.a, s.b)";
        try (PreparedStatement ps = conn.prepareStatement(merge)) {
            ps.setInt(1, 10);
            ps.setString(2, "u");
            assertThat(ps.executeUpdate()).isEqualTo(1);
            ps.setInt(1, 30);
            ps.setString(2, "i");
            assertThat(ps.executeUpdate()).isEqualTo(1);
            ps.setInt(1, 20);
            ps.setString(2, "two");
            assertThat(ps.executeUpdate()).isEqualTo(2); // one source row, two target rows: each changes
        }
        // An expression, and a parameter in ON, which the text puts after the source's.
        try (PreparedStatement ps = conn.prepareStatement("MERGE INTO mx USING (VALUES (?, ?)) AS s (a, b)"
                + " ON mx.x + 1 = s.a + 1 AND mx.id <> ? WHEN MATCHED THEN UPDATE SET v = s.b"
                + " WHEN NOT MATCHED THEN INSERT VALUES (s.a, s.a, s.b)")) {
            ps.setInt(1, 20);
            ps.setString(2, "e");
            ps.setInt(3, 3);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(column("SELECT v FROM mx ORDER BY id")).containsExactly("u", "e", "two", "i");
        // One target row matched by two source rows: SQL's cardinality violation, and nothing changes.
        try (PreparedStatement ps = conn.prepareStatement("MERGE INTO mx USING (VALUES (?, ?), (?, ?)) AS s (a, b)"
                + " ON mx.x = s.a WHEN MATCHED THEN UPDATE SET v = s.b")) {
            ps.setLong(1, 10);
            ps.setString(2, "p");
            ps.setLong(3, 10);
            ps.setString(4, "q");
            assertThatThrownBy(ps::executeUpdate).extracting(JdbcConformanceContract::state).isEqualTo("21000");
        }
        assertThat(column("SELECT v FROM mx ORDER BY id")).containsExactly("u", "e", "two", "i");
    }

    @Test
    public void errorsCarrySqlStatesAndPositions() throws SQLException {
        assertThatThrownBy(() -> exec("SELECT * FROM\n t WHERE")).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42601");
            assertThat(e.getMessage()).contains("line 2, column 8");
        });
        assertThatThrownBy(() -> conn.createStatement().executeQuery("SELECT * FROM nowhere"))
                .extracting(JdbcConformanceContract::state).isEqualTo("42S02");
        assertThatThrownBy(() -> conn.createBlob()).isInstanceOf(SQLFeatureNotSupportedException.class);
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(3) NOT NULL)");
        assertThatThrownBy(() -> exec("SELECT nope FROM t")).extracting(JdbcConformanceContract::state)
                .isEqualTo("42S22");
        ResultSet rs = conn.createStatement().executeQuery("SELECT * FROM t");
        assertThatThrownBy(() -> rs.updateInt(1, 1)).isInstanceOf(SQLFeatureNotSupportedException.class);
        exec("INSERT INTO t VALUES (1, 'a')");
        assertThatThrownBy(() -> exec("INSERT INTO t VALUES (1, 'b')")).extracting(JdbcConformanceContract::state)
                .isEqualTo("23505");
        assertThatThrownBy(() -> exec("INSERT INTO t (id) VALUES (2)")).extracting(JdbcConformanceContract::state)
                .isEqualTo("23502");
        assertThatThrownBy(() -> exec("INSERT INTO t VALUES (3, 'long')")).extracting(JdbcConformanceContract::state)
                .isEqualTo("22001");
        assertThatThrownBy(() -> conn.createStatement().executeQuery("INSERT INTO t VALUES (4, 'x')"))
                .extracting(JdbcConformanceContract::state).isEqualTo("07000");
        assertThat(count(conn, "t")).isEqualTo(2);
        Connection closed = DriverManager.getConnection(fixture.url());
        closed.close();
        assertThatThrownBy(closed::createStatement).extracting(JdbcConformanceContract::state).isEqualTo("08003");
    }
}
