package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Other databases' names for the types Mnemo stores declare columns of those types. */
class TypeSpellingsTest {
    private static final String NAME = "typeSpellings";
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:mnemo:mem:" + NAME);
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
        Databases.close(NAME);
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Each column of table {@code t} as NAME:TYPE_NAME:COLUMN_SIZE, from the JDBC metadata. */
    private List<String> columns(String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, null, table, "%")) {
            while (rs.next()) {
                out.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME") + ":"
                        + rs.getInt("COLUMN_SIZE"));
            }
        }
        return out;
    }

    @Test
    void postgresIntegerBooleanAndFloatNamesAreTheStandardTypes() throws SQLException {
        exec("CREATE TABLE t (a INT2 PRIMARY KEY, b INT4, c int8, d BOOL, e FLOAT4, f FLOAT8, g TEXT)");
        assertThat(columns("T")).containsExactly("A:SMALLINT:5", "B:INTEGER:10", "C:BIGINT:19", "D:BOOLEAN:1",
                "E:REAL:7", "F:DOUBLE:15", "G:VARCHAR:16777216");
        exec("INSERT INTO t VALUES (1, 2, 3, TRUE, 1.5, 2.5, 'x')");
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isEqualTo((short) 1);
            assertThat(rs.getObject(3)).isEqualTo(3L);
            assertThat(rs.getObject(4)).isEqualTo(true);
            assertThat(rs.getObject(6)).isEqualTo(2.5d);
        }
    }

    @Test
    void aCastMayNameTheTypeByAnotherDatabasesName() throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CAST(12 AS TEXT), CAST('7' AS int8), CAST(1 AS BOOL), "
                     + "CAST('2.5' AS FLOAT8), CAST(3 AS INT2)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isEqualTo("12");
            assertThat(rs.getObject(2)).isEqualTo(7L);
            assertThat(rs.getObject(3)).isEqualTo(true);
            assertThat(rs.getObject(4)).isEqualTo(2.5d);
            assertThat(rs.getObject(5)).isEqualTo((short) 3);
        }
    }

    @Test
    void largeObjectsAreTheLongestVarcharAndVarbinaryAndDatetimeIsATimestamp() throws SQLException {
        exec("CREATE TABLE doc (id BIGINT PRIMARY KEY, body CLOB, image BLOB, taken DATETIME)");
        assertThat(columns("DOC")).containsExactly("ID:BIGINT:19", "BODY:VARCHAR:16777216",
                "IMAGE:VARBINARY:16777216", "TAKEN:TIMESTAMP:23");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO doc VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, 1);
            ps.setString(2, "x".repeat(100_000));
            ps.setBytes(3, new byte[] {1, 2, 3});
            ps.setTimestamp(4, java.sql.Timestamp.valueOf("2026-12-03 10:00:00.123"));
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CHAR_LENGTH(body), image, taken FROM doc")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(100_000);
            assertThat(rs.getBytes(2)).containsExactly(1, 2, 3);
            assertThat(rs.getTimestamp(3)).isEqualTo(java.sql.Timestamp.valueOf("2026-12-03 10:00:00.123"));
        }
        exec("ALTER TABLE doc ADD COLUMN note CLOB");
        assertThat(columns("DOC")).contains("NOTE:VARCHAR:16777216");
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CAST(id AS CLOB) FROM doc")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("1");
        }
    }

    @Test
    void aTypeMnemoDoesNotStoreIsRefusedNamingIt() {
        assertThatThrownBy(() -> exec("CREATE TABLE u (id INTEGER PRIMARY KEY, tags HSTORE)"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"))
                .hasMessageContaining("HSTORE");
    }
}
