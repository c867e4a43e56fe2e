package dev.mnemo.sql.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.rowset.serial.SerialBlob;
import javax.sql.rowset.serial.SerialClob;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDBC behaviour both drivers take from {@code dev.mnemo.sql.client} (statement and connection properties,
 * result and parameter metadata, refused setters), run once per driver by a subclass that gives its fixture.
 */
public abstract class SharedJdbcContract {
    private final JdbcFixture fixture;
    private Connection conn;

    protected SharedJdbcContract(JdbcFixture fixture) {
        this.fixture = fixture;
    }

    @BeforeEach
    void open() throws Exception {
        conn = fixture.open();
        try (Statement s = conn.createStatement()) {
            s.executeUpdate("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(10), d DECIMAL(8, 2))");
            s.executeUpdate("INSERT INTO t VALUES (1, 'a', 1.50), (2, NULL, NULL), (3, 'c', 3.25)");
        }
    }

    @AfterEach
    void close() throws Exception {
        if (conn != null) {
            conn.close(); // null when the fixture failed to start: its own error is the one to see
        }
        fixture.close();
    }

    private static String state(Throwable e) {
        return ((SQLException) e).getSQLState();
    }

    /** A read-only connection reads, and refuses every change with 25006 (plain, prepared or batched). */
    @Test
    public void aReadOnlyConnectionRefusesChangesAndReads() throws SQLException {
        conn.setReadOnly(true);
        Statement s = conn.createStatement();
        assertThatThrownBy(() -> s.executeUpdate("UPDATE t SET v = 'x' WHERE id = 1"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("25006"));
        assertThatThrownBy(() -> s.execute("CREATE TABLE u (id INTEGER PRIMARY KEY)"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("25006"));
        PreparedStatement insert = conn.prepareStatement("INSERT INTO t (id, v) VALUES (?, 'n')");
        insert.setInt(1, 9);
        assertThatThrownBy(insert::executeUpdate).satisfies(e -> assertThat(state(e)).isEqualTo("25006"));
        insert.addBatch();
        assertThatThrownBy(insert::executeBatch).satisfies(e -> assertThat(state(e)).isEqualTo("25006"));
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(v) FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(3);
            assertThat(rs.getString(2)).isEqualTo("c");
        }
        conn.setReadOnly(false);
        assertThat(insert.executeUpdate()).isEqualTo(1);
        assertThat(s.executeUpdate("UPDATE t SET v = 'x' WHERE id = 1")).isEqualTo(1);
    }

    /**
     * A TINYINT column is TINYINT to JDBC: in getColumns and ResultSetMetaData, and getObject gives an Integer, as
     * JDBC's table B-3 maps TINYINT; a parameter past its range fails with 22003.
     */
    @Test
    public void aTinyintColumnIsTinyintToJdbcAndGetObjectGivesAnInteger() throws SQLException {
        Statement s = conn.createStatement();
        s.execute("CREATE TABLE tiny (id INTEGER PRIMARY KEY, b TINYINT)");
        PreparedStatement insert = conn.prepareStatement("INSERT INTO tiny VALUES (?, ?)");
        insert.setInt(1, 1);
        insert.setByte(2, (byte) -128);
        assertThat(insert.executeUpdate()).isEqualTo(1);
        insert.setInt(1, 2);
        insert.setInt(2, 128);
        assertThatThrownBy(insert::executeUpdate).satisfies(e -> assertThat(state(e)).isEqualTo("22003"));
        try (ResultSet rs = s.executeQuery("SELECT b FROM tiny")) {
            assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.TINYINT);
            assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("TINYINT");
            assertThat(rs.getMetaData().getColumnClassName(1)).isEqualTo(Integer.class.getName());
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isEqualTo(-128);
            assertThat(rs.getByte(1)).isEqualTo((byte) -128);
            assertThat(rs.getObject(1, Byte.class)).isEqualTo((byte) -128);
        }
        try (ResultSet rs = conn.getMetaData().getColumns(null, null, "TINY", "B")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.TINYINT);
            assertThat(rs.getString("TYPE_NAME")).isEqualTo("TINYINT");
            assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(3);
        }
    }

    /**
     * A value past an integer column's range, written by INSERT or UPDATE, as a literal, a parameter or an expression,
     * fails with 22003 naming the column and the range it holds.
     */
    @Test
    public void anIntegerPastItsColumnsRangeFailsNamingTheColumnAndItsRange() throws SQLException {
        Statement s = conn.createStatement();
        s.execute("CREATE TABLE small (id INTEGER PRIMARY KEY, b TINYINT, h SMALLINT, i INTEGER)");
        s.execute("INSERT INTO small VALUES (1, 0, 0, 0)");
        String tiny = "column B (TINYINT: -128 to 127)";
        String shortRange = "column H (SMALLINT: -32768 to 32767)";
        String intRange = "column I (INTEGER: -2147483648 to 2147483647)";
        assertOutOfRange(() -> s.executeUpdate("INSERT INTO small VALUES (2, 128, 0, 0)"), "128", tiny);
        assertOutOfRange(() -> s.executeUpdate("INSERT INTO small VALUES (2, 0, -32769, 0)"), "-32769", shortRange);
        assertOutOfRange(() -> s.executeUpdate("INSERT INTO small VALUES (2, 0, 0, 2147483648)"), "2147483648",
                intRange);
        assertOutOfRange(() -> s.executeUpdate("UPDATE small SET b = b - 129 WHERE id = 1"), "-129", tiny);
        assertOutOfRange(() -> s.executeUpdate("UPDATE small SET h = 40000"), "40000", shortRange);
        try (PreparedStatement insert = conn.prepareStatement("INSERT INTO small VALUES (2, ?, 0, 0)");
             PreparedStatement update = conn.prepareStatement("UPDATE small SET i = ? WHERE id = 1")) {
            insert.setInt(1, -200);
            assertOutOfRange(insert::executeUpdate, "-200", tiny);
            update.setLong(1, -3_000_000_000L);
            assertOutOfRange(update::executeUpdate, "-3000000000", intRange);
        }
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(b), MAX(h), MAX(i) FROM small")) {
            assertThat(rs.next()).isTrue();
            assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                    .containsExactly(1L, 0L, 0L, 0L);
        }
    }

    /**
     * TRY_CAST of a text to a number reads it as CAST does: the same value where CAST gives one, and NULL exactly
     * where CAST fails as no number (22018) or one out of the type's range (22003).
     */
    @Test
    public void aTryCastToANumberIsNullExactlyWhereTheCastFails() throws SQLException {
        String[] types = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "DECIMAL(5,2)", "DOUBLE", "REAL"};
        String[] texts = {"1", "127", "128", "-129", "300", "32768", "2147483648", "9223372036854775808", "999.994",
            "999.995", "1.5", "-2.5", "1e400", "1e39", "-1e400", "abc", " 12 ", "1e2"};
        Statement s = conn.createStatement();
        int nulls = 0;
        for (String type : types) {
            for (String text : texts) {
                String cast = valueOrState(s, "SELECT CAST('" + text + "' AS " + type + ")");
                String label = type + " of '" + text + "'";
                if (cast.startsWith("error ")) {
                    assertThat(cast).as(label).isIn("error 22003", "error 22018");
                    nulls++;
                }
                assertThat(valueOrState(s, "SELECT TRY_CAST('" + text + "' AS " + type + ")")).as(label)
                        .isEqualTo(cast.startsWith("error ") ? "null" : cast);
            }
        }
        assertThat(nulls).as("texts some cast refuses").isGreaterThan(15);
    }

    /**
     * TRY_CAST of a number to a narrower number casts it as CAST does, rounding half up to an integer type, and is
     * NULL exactly where CAST fails as out of the type's range (22003).
     */
    @Test
    public void aTryCastOfANumberToANarrowerOneIsNullExactlyWhereTheCastFails() throws SQLException {
        String[] types = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "DECIMAL(5,2)", "REAL"};
        String[] numbers = {"300", "-129", "127.5", "127.4", "-128.5", "2.5e0", "-2.5e0", "127.6e0", "1e39",
            "1e300", "999.995", "999.994", "CAST(1e300 AS DOUBLE)", "922337203685477580.5", "32767.5e0"};
        Statement s = conn.createStatement();
        int nulls = 0;
        for (String type : types) {
            for (String number : numbers) {
                String cast = valueOrState(s, "SELECT CAST(" + number + " AS " + type + ")");
                String label = type + " of " + number;
                if (cast.startsWith("error ")) {
                    assertThat(cast).as(label).isEqualTo("error 22003");
                    nulls++;
                }
                assertThat(valueOrState(s, "SELECT TRY_CAST(" + number + " AS " + type + ")")).as(label)
                        .isEqualTo(cast.startsWith("error ") ? "null" : cast);
            }
        }
        assertThat(nulls).as("numbers some cast refuses").isGreaterThan(15);
    }

    /**
     * TRY_CAST of a parameter to a number or a BOOLEAN reads a text, its parameter typed VARCHAR: a text no value of
     * the type is NULL, as it is for the literal; a number set as one is read as its text is.
     */
    @Test
    public void aTryCastOfAParameterToANumberOrBooleanReadsItAsText() throws SQLException {
        String[] types = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "DECIMAL(5,2)", "DOUBLE", "REAL", "BOOLEAN",
            "INT8"};
        String[] texts = {"1", "300", "2147483648", "999.995", "-2.5", "1e400", "abc", " 12 ", "", "true", "no"};
        Statement s = conn.createStatement();
        int nulls = 0;
        for (String type : types) {
            String sql = "SELECT TRY_CAST(? AS " + type + ")";
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                assertThat(ps.getParameterMetaData().getParameterType(1)).as(type).isEqualTo(Types.VARCHAR);
                for (String text : texts) {
                    String expected = valueOrState(s, "SELECT TRY_CAST('" + text + "' AS " + type + ")");
                    ps.setString(1, text);
                    assertThat(valueOrState(ps)).as(type + " of '" + text + "'").isEqualTo(expected);
                    nulls += expected.equals("null") ? 1 : 0;
                }
                ps.setInt(1, 300);
                assertThat(valueOrState(ps)).as(type + " of setInt(300)")
                        .isEqualTo(valueOrState(s, "SELECT TRY_CAST('300' AS " + type + ")"));
                ps.setBigDecimal(1, new java.math.BigDecimal("-2.50"));
                assertThat(valueOrState(ps)).as(type + " of setBigDecimal(-2.50)")
                        .isEqualTo(valueOrState(s, "SELECT TRY_CAST('-2.50' AS " + type + ")"));
            }
        }
        assertThat(nulls).as("texts no cast reads").isGreaterThan(20).isLessThan(types.length * texts.length);
    }

    /** The one value of a prepared query as {@code getString} gives it, or {@code error STATE} if it fails. */
    private static String valueOrState(PreparedStatement ps) {
        try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return String.valueOf(rs.getString(1));
        } catch (SQLException e) {
            return "error " + e.getSQLState();
        }
    }

    /** A query's one value as {@code getString} gives it, or {@code error STATE} if it fails. */
    private static String valueOrState(Statement s, String sql) {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return String.valueOf(rs.getString(1));
        } catch (SQLException e) {
            return "error " + e.getSQLState();
        }
    }

    /** A write that throws; for {@link #assertOutOfRange}. */
    @FunctionalInterface
    private interface Write {
        void run() throws SQLException;
    }

    private static void assertOutOfRange(Write write, String value, String column) {
        assertThatThrownBy(write::run).satisfies(e -> {
            assertThat(state(e)).as(e.getMessage()).isEqualTo("22003");
            assertThat(e.getMessage()).contains(value).contains(column);
        });
    }

    /** SAVEPOINT and ROLLBACK TO SAVEPOINT written as statements work on either driver. */
    @Test
    public void savepointStatementsRollBackPartOfATransaction() throws SQLException {
        conn.setAutoCommit(false);
        Statement s = conn.createStatement();
        assertThat(s.executeUpdate("UPDATE t SET v = 'one' WHERE id = 1")).isEqualTo(1);
        s.execute("SAVEPOINT before_delete");
        assertThat(s.executeUpdate("DELETE FROM t WHERE id > 1")).isEqualTo(2);
        s.execute("ROLLBACK TO SAVEPOINT before_delete");
        assertThatThrownBy(() -> s.execute("RELEASE SAVEPOINT nope"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("3B001"));
        conn.commit();
        conn.setAutoCommit(true);
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT id, v FROM t ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getString(2));
            }
        }
        assertThat(rows).containsExactly("1 one", "2 null", "3 c");
    }

    @Test
    public void statementLimitsAreCheckedAndApplied() throws SQLException {
        Statement s = conn.createStatement();
        assertThatThrownBy(() -> s.setMaxRows(-1)).satisfies(e -> assertThat(state(e)).isEqualTo("22023"));
        assertThatThrownBy(() -> s.setFetchSize(-1)).satisfies(e -> assertThat(state(e)).isEqualTo("22023"));
        assertThatThrownBy(() -> s.setQueryTimeout(-1)).satisfies(e -> assertThat(state(e)).isEqualTo("22023"));
        assertThatThrownBy(() -> s.setFetchDirection(ResultSet.FETCH_REVERSE))
                .isInstanceOf(SQLFeatureNotSupportedException.class);
        s.setMaxRows(2);
        s.setQueryTimeout(7);
        assertThat(s.getMaxRows()).isEqualTo(2);
        assertThat(s.getLargeMaxRows()).isEqualTo(2);
        assertThat(s.getQueryTimeout()).isEqualTo(7);
        assertThat(s.getFetchDirection()).isEqualTo(ResultSet.FETCH_FORWARD);
        assertThat(s.getResultSetConcurrency()).isEqualTo(ResultSet.CONCUR_READ_ONLY);
        assertThat(s.getResultSetHoldability()).isEqualTo(ResultSet.HOLD_CURSORS_OVER_COMMIT);
        assertThat(s.getConnection()).isSameAs(conn);
        int rows = 0;
        try (ResultSet rs = s.executeQuery("SELECT id FROM t ORDER BY id")) {
            while (rs.next()) {
                rows++;
            }
        }
        assertThat(rows).isEqualTo(2);
        s.close();
        assertThat(s.isClosed()).isTrue();
        assertThatThrownBy(s::getMaxRows).satisfies(e -> assertThat(state(e)).isEqualTo("HY010"));
    }

    @Test
    public void outcomesAreKeptUntilTheNextExecutionOrGetMoreResults() throws SQLException {
        try (Statement s = conn.createStatement()) {
            assertThat(s.execute("UPDATE t SET v = 'x' WHERE id > 1")).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(2);
            assertThat(s.getResultSet()).isNull();
            assertThat(s.execute("SELECT v FROM t")).isTrue();
            ResultSet rs = s.getResultSet();
            assertThat(s.getUpdateCount()).isEqualTo(-1);
            assertThat(s.getMoreResults()).isFalse();
            assertThat(rs.isClosed()).isTrue();
            assertThat(s.getResultSet()).isNull();
            assertThatThrownBy(() -> s.executeUpdate("SELECT v FROM t"))
                    .satisfies(e -> assertThat(state(e)).isEqualTo("07000"));
            assertThatThrownBy(() -> s.executeQuery("DELETE FROM t WHERE id = 0"))
                    .satisfies(e -> assertThat(state(e)).isEqualTo("07000"));
        }
    }

    @Test
    public void closeOnCompletionClosesTheStatementWithItsResult() throws SQLException {
        Statement s = conn.createStatement();
        s.closeOnCompletion();
        assertThat(s.isCloseOnCompletion()).isTrue();
        ResultSet rs = s.executeQuery("SELECT id FROM t");
        assertThat(rs.getStatement()).isSameAs(s);
        assertThat(s.isClosed()).isFalse();
        rs.close();
        assertThat(s.isClosed()).isTrue();
    }

    @Test
    public void aStatementBatchReportsTheCountsBeforeAFailure() throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.addBatch("INSERT INTO t VALUES (4, 'd', 0)");
            s.addBatch("INSERT INTO t VALUES (4, 'e', 0)");
            assertThatThrownBy(s::executeBatch).isInstanceOfSatisfying(java.sql.BatchUpdateException.class,
                    e -> assertThat(e.getLargeUpdateCounts()).containsExactly(1L));
            s.addBatch("INSERT INTO t VALUES (5, 'e', 0)");
            s.addBatch("DELETE FROM t WHERE id >= 4");
            assertThat(s.executeBatch()).containsExactly(1, 2);
        }
    }

    @Test
    public void aPreparedStatementRefusesOtherSqlText() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT v FROM t WHERE id = ?")) {
            assertThatThrownBy(() -> ps.executeQuery("SELECT 1"))
                    .satisfies(e -> assertThat(state(e)).isEqualTo("HY000"));
            assertThatThrownBy(() -> ps.execute("SELECT 1")).satisfies(e -> assertThat(state(e)).isEqualTo("HY000"));
            assertThatThrownBy(() -> ps.executeUpdate("DELETE FROM t"))
                    .satisfies(e -> assertThat(state(e)).isEqualTo("HY000"));
            assertThatThrownBy(() -> ps.addBatch("DELETE FROM t"))
                    .satisfies(e -> assertThat(state(e)).isEqualTo("HY000"));
        }
    }

    @Test
    public void streamSettersAreRefusedAndLobsAreReadWhole() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO t (id, v, d) VALUES (?, ?, 0)")) {
            assertThatThrownBy(() -> ps.setCharacterStream(2, new StringReader("x")))
                    .isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessage("Statement.setCharacterStream is not supported by Mnemo")
                    .satisfies(e -> assertThat(state(e)).isEqualTo("0A000"));
            assertThatThrownBy(() -> ps.setBinaryStream(2, new ByteArrayInputStream(new byte[1]), 1L))
                    .isInstanceOf(SQLFeatureNotSupportedException.class);
            assertThatThrownBy(() -> ps.setURL(2, null)).isInstanceOf(SQLFeatureNotSupportedException.class);
            assertThatThrownBy(() -> ps.setArray(2, null)).isInstanceOf(SQLFeatureNotSupportedException.class);
            ps.setByte(1, (byte) 9);
            ps.setClob(2, new SerialClob("clob".toCharArray()));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM t WHERE id = 9")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("clob");
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT CAST(? AS VARBINARY) FROM t WHERE id = 1")) {
            ps.setBlob(1, new SerialBlob(new byte[] {1, 2, 3}));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBytes(1)).containsExactly(1, 2, 3);
            }
        }
    }

    @Test
    public void connectionPropertiesAreTheSharedOnes() throws SQLException {
        assertThat(conn.getSchema()).isEqualTo("MNEMO");
        conn.setSchema("mnemo");
        assertThatThrownBy(() -> conn.setSchema("OTHER")).satisfies(e -> assertThat(state(e)).isEqualTo("3F000"));
        assertThat(conn.getCatalog()).isNull();
        conn.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        assertThat(conn.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        assertThat(conn.getHoldability()).isEqualTo(ResultSet.HOLD_CURSORS_OVER_COMMIT);
        assertThat(conn.nativeSQL("SELECT 1")).isEqualTo("SELECT 1");
        assertThat(conn.getTypeMap()).isEmpty();
        conn.setReadOnly(true);
        assertThat(conn.isReadOnly()).isTrue();
        conn.setReadOnly(false);
        assertThatThrownBy(conn::commit).satisfies(e -> assertThat(state(e)).isEqualTo("25000"));
        assertThatThrownBy(conn::rollback).satisfies(e -> assertThat(state(e)).isEqualTo("25000"));
        assertThatThrownBy(() -> conn.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE))
                .isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThat(conn.unwrap(Connection.class)).isSameAs(conn);
        assertThat(conn.isWrapperFor(String.class)).isFalse();
        assertThatThrownBy(() -> conn.unwrap(String.class)).satisfies(e -> assertThat(state(e)).isEqualTo("HY000"));
        Statement open = conn.createStatement();
        ResultSet rows = open.executeQuery("SELECT id FROM t");
        conn.close();
        assertThatThrownBy(conn::getSchema).satisfies(e -> assertThat(state(e)).isEqualTo("08003"));
        assertThatThrownBy(conn::createStatement).satisfies(e -> assertThat(state(e)).isEqualTo("08003"));
        assertThat(open.isClosed()).as("a statement closes with its connection").isTrue();
        assertThat(rows.isClosed()).as("and its result with it").isTrue();
        assertThatThrownBy(rows::next).satisfies(e -> assertThat(state(e)).isEqualTo("HY010"));
    }

    @Test
    public void resultMetadataDescribesEachColumn() throws SQLException {
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, v AS label, d, id + 1 AS nxt FROM t WHERE id = 2")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(4);
            assertThat(md.getColumnLabel(2)).isEqualTo("LABEL");
            assertThat(md.getColumnName(2)).isEqualTo("V");
            assertThat(md.getTableName(1)).isEqualTo("T");
            assertThat(md.getSchemaName(1)).isEqualTo("MNEMO");
            assertThat(md.getSchemaName(4)).isEmpty();
            assertThat(md.getColumnType(1)).isEqualTo(Types.INTEGER);
            assertThat(md.getColumnTypeName(1)).isEqualTo("INTEGER");
            assertThat(md.isSigned(1)).isTrue();
            assertThat(md.isSigned(2)).isFalse();
            assertThat(md.isCaseSensitive(2)).isTrue();
            assertThat(md.isCaseSensitive(1)).isFalse();
            assertThat(md.getColumnDisplaySize(1)).isEqualTo(11);
            assertThat(md.getColumnDisplaySize(2)).isEqualTo(10);
            assertThat(md.getColumnDisplaySize(3)).isEqualTo(10);
            assertThat(md.getPrecision(3)).isEqualTo(8);
            assertThat(md.getScale(3)).isEqualTo(2);
            assertThat(md.isNullable(2)).isEqualTo(ResultSetMetaData.columnNullable);
            assertThat(md.getColumnClassName(2)).isEqualTo(String.class.getName());
            assertThat(md.isReadOnly(1)).isTrue();
            assertThat(md.isWrapperFor(ResultSetMetaData.class)).isTrue();
            assertThatThrownBy(() -> md.getColumnLabel(5)).satisfies(e -> assertThat(state(e)).isEqualTo("07009"));

            assertThat(rs.findColumn("label")).isEqualTo(2);
            assertThatThrownBy(() -> rs.findColumn("none")).satisfies(e -> assertThat(state(e)).isEqualTo("42S22"));
            assertThatThrownBy(() -> rs.getInt(1)).satisfies(e -> assertThat(state(e)).isEqualTo("24000"));
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).isNull();
            assertThat(rs.wasNull()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(rs.wasNull()).isFalse();
            assertThatThrownBy(() -> rs.getInt(5)).satisfies(e -> assertThat(state(e)).isEqualTo("07009"));
            rs.close();
            assertThatThrownBy(rs::wasNull).satisfies(e -> assertThat(state(e)).isEqualTo("HY010"));
        }
    }

    @Test
    public void datetimeTextMakesTimeAndTimestampObjectsPrintAsGetStringDoes() throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.executeUpdate("CREATE TABLE dt (id INTEGER PRIMARY KEY, ts TIMESTAMP, tm TIME)");
            s.executeUpdate("INSERT INTO dt VALUES (1, TIMESTAMP '2024-02-29 12:00:00', TIME '08:00:00.25'),"
                    + " (2, TIMESTAMP '2024-02-29 12:00:00.5', TIME '08:00:00')");
        }
        String query = "SELECT ts, tm FROM dt ORDER BY id";
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(query)) {
            assertThat(rs.next()).isTrue();
            // Without the property, JDBC's own classes and their own text.
            assertThat(rs.getObject(1).getClass()).isEqualTo(Timestamp.class);
            assertThat(rs.getObject(1).toString()).isEqualTo("2024-02-29 12:00:00.0");
        }
        Properties p = new Properties();
        p.setProperty("datetimeText", "true");
        try (Connection text = DriverManager.getConnection(fixture.url(), p); Statement s = text.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            assertThat(rs.next()).isTrue();
            Object ts = rs.getObject(1);
            assertThat(ts).isInstanceOf(Timestamp.class).isEqualTo(Timestamp.valueOf("2024-02-29 12:00:00"));
            assertThat(Timestamp.valueOf("2024-02-29 12:00:00")).isEqualTo(ts);
            assertThat(List.of(ts.toString(), rs.getString(1))).containsOnly("2024-02-29 12:00:00");
            assertThat(rs.getObject(2)).isInstanceOf(Time.class);
            assertThat(List.of(rs.getObject(2).toString(), rs.getString(2))).containsOnly("08:00:00.25");
            assertThat(rs.next()).isTrue();
            assertThat(List.of(rs.getObject(1).toString(), rs.getObject(2).toString()))
                    .containsExactly("2024-02-29 12:00:00.5", "08:00:00");
        }
        p.setProperty("datetimeText", "maybe");
        assertThatThrownBy(() -> DriverManager.getConnection(fixture.url(), p))
                .satisfies(e -> assertThat(state(e)).isEqualTo("08001"));
    }

    @Test
    public void parameterMetadataCountsAndChecksParameters() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT v FROM t WHERE id = ? AND v = ?")) {
            ps.setInt(1, 1);
            ps.setString(2, "a");
            ParameterMetaData pmd = ps.getParameterMetaData();
            assertThat(pmd.getParameterCount()).isEqualTo(2);
            assertThat(pmd.getParameterType(1)).isEqualTo(Types.INTEGER);
            assertThat(pmd.isSigned(1)).isTrue();
            assertThat(pmd.getParameterType(2)).isEqualTo(Types.VARCHAR);
            assertThat(pmd.getParameterClassName(2)).isEqualTo(String.class.getName());
            assertThat(pmd.getParameterMode(2)).isEqualTo(ParameterMetaData.parameterModeIn);
            assertThatThrownBy(() -> pmd.getParameterType(3)).satisfies(e -> assertThat(state(e)).isEqualTo("07009"));
            assertThat(pmd.unwrap(ParameterMetaData.class)).isSameAs(pmd);
        }
    }

    @Test
    public void functionsBeyondTheStandardRunWithTheirErrorStates() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT CONCAT(v, '-', id), LPAD(CAST(id AS VARCHAR(3)), 3, "
                + "'0'), (SELECT STRING_AGG(v, ',' ORDER BY v DESC) FROM t), GREATEST(d, 2) FROM t WHERE v ILIKE ? "
                + "ORDER BY id")) {
            ps.setString(1, "%");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("a-1");
                assertThat(rs.getString(2)).isEqualTo("001");
                assertThat(rs.getString(3)).isEqualTo("c,a");
                assertThat(rs.getBigDecimal(4)).isEqualByComparingTo("2");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("c-3");
                assertThat(rs.getString(2)).isEqualTo("003");
                assertThat(rs.getBigDecimal(4)).isEqualByComparingTo("3.25");
                assertThat(rs.next()).isFalse();
            }
        }
        try (Statement s = conn.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT REPEAT(v, 100000000) FROM t"))
                    .satisfies(e -> assertThat(state(e)).isEqualTo("54000"));
            assertThatThrownBy(() -> s.executeQuery("SELECT id FROM t WHERE REGEXP_LIKE(v, '[')"))
                    .satisfies(e -> assertThat(state(e)).isEqualTo("2201B"));
            assertThatThrownBy(() -> s.executeUpdate("UPDATE t SET v = TO_CHAR(TO_DATE(v, 'YYYY'), 'YYYY')"))
                    .satisfies(e -> assertThat(state(e)).isEqualTo("22007"));
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t WHERE v IN ('a', 'c')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("the failed update changed nothing").isEqualTo(2);
            }
        }
    }

    /**
     * A row count given as a parameter is checked as the standard asks: a negative (or NULL) count of FETCH FIRST or
     * LIMIT fails with 2201W, of OFFSET with 2201X (they gave no rows, all rows, or an internal error); 0 is a count.
     */
    @Test
    public void aNegativeRowCountParameterIsADataError() throws SQLException {
        String[] fetches = {"SELECT id FROM t ORDER BY id LIMIT ?", "SELECT id FROM t FETCH FIRST ? ROWS ONLY",
            "SELECT COUNT(*) FROM (SELECT id FROM t ORDER BY id LIMIT ?)"};
        for (String sql : fetches) {
            assertRowCountRefused(sql, -1, "2201W");
            assertRowCountRefused(sql, null, "2201W");
        }
        String[] offsets = {"SELECT id FROM t ORDER BY id LIMIT 2 OFFSET ?", "SELECT id FROM t OFFSET ? ROWS",
            "SELECT id FROM t WHERE id IN (SELECT id FROM t ORDER BY id OFFSET ? ROWS)"};
        for (String sql : offsets) {
            assertRowCountRefused(sql, -2, "2201X");
            assertRowCountRefused(sql, null, "2201X");
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM t ORDER BY id LIMIT ? OFFSET ?")) {
            ps.setInt(1, 0);
            ps.setInt(2, 0);
            assertThat(ids(ps)).isEmpty();
            ps.setInt(1, 2);
            ps.setInt(2, 1);
            assertThat(ids(ps)).containsExactly(2, 3);
        }
    }

    private void assertRowCountRefused(String sql, Integer count, String sqlState) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setObject(1, count, Types.INTEGER);
            assertThatThrownBy(ps::executeQuery).as("%s with %s", sql, count)
                    .satisfies(e -> assertThat(state(e)).isEqualTo(sqlState));
        }
    }

    private static List<Integer> ids(PreparedStatement ps) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }
}
