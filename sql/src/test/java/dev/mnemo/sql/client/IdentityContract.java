package dev.mnemo.sql.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Identity columns ({@code GENERATED ALWAYS | BY DEFAULT AS IDENTITY}) through SQL; once per driver. */
public abstract class IdentityContract {
    private final JdbcFixture fixture;
    protected Connection conn;

    protected IdentityContract(JdbcFixture fixture) {
        this.fixture = fixture;
    }

    @BeforeEach
    void open() throws Exception {
        conn = fixture.open();
    }

    @AfterEach
    void close() throws Exception {
        if (conn != null) {
            conn.close();
        }
        fixture.close();
    }

    protected void exec(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    protected List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getObject(1) + ":" + rs.getString(2));
            }
        }
        return out;
    }

    private void failsWith(String sql, String state, String... words) {
        assertThatThrownBy(() -> exec(sql)).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(state);
            assertThat(e.getMessage()).contains(words);
        });
    }

    @Test
    public void anInsertThatLeavesOutOrDefaultsTheColumnGetsItsNextValue() throws SQLException {
        exec("CREATE TABLE item (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name VARCHAR(10))");
        exec("INSERT INTO item (name) VALUES ('a')");
        exec("INSERT INTO item (name) VALUES ('b'), ('c')");
        exec("INSERT INTO item VALUES (DEFAULT, 'd')");
        exec("INSERT INTO item (id, name) VALUES (DEFAULT, 'e'), (DEFAULT, 'f')");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO item (name) VALUES (?)")) {
            ps.setString(1, "g");
            ps.executeUpdate();
            ps.setString(1, "h");
            ps.executeUpdate();
        }
        assertThat(rows("SELECT id, name FROM item ORDER BY id"))
                .containsExactly("1:a", "2:b", "3:c", "4:d", "5:e", "6:f", "7:g", "8:h");
    }

    @Test
    public void insertSelectUpsertAndMergeNumberTheRowsTheyInsert() throws SQLException {
        exec("CREATE TABLE item (id INTEGER GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 5),"
                + " name VARCHAR(10) PRIMARY KEY, n INTEGER)");
        exec("CREATE TABLE src (k VARCHAR(10) PRIMARY KEY)");
        exec("INSERT INTO src VALUES ('a'), ('b')");
        exec("INSERT INTO item (name) SELECT k FROM src");
        exec("UPSERT INTO item (name) VALUES ('c')");
        exec("INSERT INTO src VALUES ('d')");
        exec("MERGE INTO item t USING src s ON t.name = s.k"
                + " WHEN MATCHED THEN UPDATE SET n = 1 WHEN NOT MATCHED THEN INSERT (name) VALUES (s.k)");
        assertThat(rows("SELECT id, name FROM item ORDER BY id")).containsExactly("10:a", "15:b", "20:c", "25:d");
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM item")) {
            assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(java.sql.Types.INTEGER);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isInstanceOf(Integer.class);
        }
    }

    @Test
    public void anAlwaysColumnRefusesAValueGivenByAStatement() throws SQLException {
        exec("CREATE TABLE item (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name VARCHAR(10))");
        exec("INSERT INTO item (name) VALUES ('a')");
        failsWith("INSERT INTO item (id, name) VALUES (5, 'b')", "428C9", "ID", "ITEM", "GENERATED ALWAYS");
        failsWith("INSERT INTO item VALUES (DEFAULT, 'b'), (6, 'c')", "428C9", "ID");
        failsWith("INSERT INTO item VALUES (5, 'b')", "428C9", "ID");
        failsWith("UPSERT INTO item (id, name) VALUES (1, 'b')", "428C9", "ID");
        failsWith("INSERT INTO item (id, name) SELECT id + 10, name FROM item", "428C9", "ID");
        failsWith("UPDATE item SET id = 7 WHERE name = 'a'", "428C9", "ID");
        failsWith("MERGE INTO item USING (VALUES (9, 'z')) AS s (i, k) ON item.name = s.k"
                + " WHEN MATCHED THEN UPDATE SET name = s.k WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.i, s.k)",
                "428C9", "ID");
        exec("UPDATE item SET name = 'b'");
        assertThat(rows("SELECT id, name FROM item")).containsExactly("1:b");
    }

    @Test
    public void aByDefaultColumnTakesAGivenValueAndNumbersTheOthers() throws SQLException {
        exec("CREATE TABLE item (id SMALLINT GENERATED BY DEFAULT AS IDENTITY (START WITH 100) PRIMARY KEY,"
                + " name VARCHAR(10))");
        exec("INSERT INTO item (id, name) VALUES (5, 'a')");
        exec("INSERT INTO item (name) VALUES ('b')");
        exec("INSERT INTO item VALUES (DEFAULT, 'c'), (7, 'd')");
        exec("UPDATE item SET id = 8 WHERE name = 'd'");
        assertThat(rows("SELECT id, name FROM item ORDER BY id")).containsExactly("5:a", "8:d", "100:b", "101:c");
        failsWith("INSERT INTO item (id, name) VALUES (NULL, 'e')", "23502", "ID");
    }

    @Test
    public void badIdentityColumnsAreRefused() throws SQLException {
        failsWith("CREATE TABLE t (id VARCHAR(10) GENERATED ALWAYS AS IDENTITY PRIMARY KEY)", "42000",
                "identity column T.ID", "BIGINT, INTEGER or SMALLINT");
        failsWith("CREATE TABLE t (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                + " n INTEGER GENERATED BY DEFAULT AS IDENTITY)", "42000", "two identity columns");
        failsWith("CREATE TABLE t (id BIGINT GENERATED ALWAYS AS IDENTITY (INCREMENT BY 0) PRIMARY KEY)", "22023",
                "INCREMENT BY");
        failsWith("CREATE TABLE t (id INTEGER GENERATED ALWAYS AS IDENTITY (START WITH 3000000000) PRIMARY KEY)",
                "22023", "START WITH");
        failsWith("CREATE TABLE t (id BIGINT GENERATED ALWAYS AS IDENTITY DEFAULT 1 PRIMARY KEY)", "42000",
                "DEFAULT");
        exec("CREATE TABLE t (id BIGINT PRIMARY KEY)");
        failsWith("ALTER TABLE t ADD n BIGINT GENERATED ALWAYS AS IDENTITY", "0A000", "identity");
        exec("INSERT INTO t VALUES (1)"); // no sequence was left behind by the refused statements
        assertThat(conn.getMetaData().getTables(null, null, "%", new String[] {"SEQUENCE"}).next()).isFalse();
    }

    @Test
    public void theSequenceIsHiddenAndGoesWithItsTableOrColumn() throws SQLException {
        exec("CREATE TABLE item (k VARCHAR(5) PRIMARY KEY, id BIGINT GENERATED ALWAYS AS IDENTITY (CACHE 2))");
        exec("INSERT INTO item (k) VALUES ('a'), ('b'), ('c')");
        try (ResultSet rs = conn.getMetaData().getTables(null, null, "%", null)) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
            assertThat(names).containsExactly("ITEM");
        }
        failsWith("DROP SEQUENCE \"MNEMO$IDENTITY$ITEM\"", "2BP01", "ITEM.ID");
        exec("DROP TABLE item");
        exec("CREATE TABLE item (k VARCHAR(5) PRIMARY KEY, id BIGINT GENERATED ALWAYS AS IDENTITY)");
        exec("INSERT INTO item (k) VALUES ('a')");
        assertThat(rows("SELECT id, k FROM item")).containsExactly("1:a");
        exec("ALTER TABLE item DROP COLUMN id");
        exec("INSERT INTO item (k) VALUES ('b')");
        exec("ALTER TABLE item ADD id BIGINT");
        exec("INSERT INTO item (k, id) VALUES ('c', 7)");
        assertThat(rows("SELECT k, id FROM item ORDER BY k")).containsExactly("a:null", "b:null", "c:7");
        exec("DROP SEQUENCE IF EXISTS \"MNEMO$IDENTITY$ITEM\""); // gone with the column: nothing to drop
    }

    @Test
    public void createTableIfNotExistsLeavesAnExistingTableAndItsIdentityAlone() throws SQLException {
        exec("CREATE TABLE item (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name VARCHAR(10))");
        exec("INSERT INTO item (name) VALUES ('a')");
        exec("CREATE TABLE IF NOT EXISTS item (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, x INTEGER)");
        failsWith("CREATE TABLE item (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY)", "42S01", "ITEM");
        exec("INSERT INTO item (name) VALUES ('b')");
        assertThat(rows("SELECT id, name FROM item ORDER BY id")).containsExactly("1:a", "2:b");
    }

    private static List<Object> keys(Statement s) throws SQLException {
        List<Object> out = new ArrayList<>();
        try (ResultSet rs = s.getGeneratedKeys()) {
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(1);
            assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("ID");
            while (rs.next()) {
                out.add(rs.getObject(1));
            }
        }
        return out;
    }

    @Test
    public void getGeneratedKeysGivesTheIdentityValuesOfTheRowsInserted() throws SQLException {
        exec("CREATE TABLE item (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name VARCHAR(10))");
        assertThat(conn.getMetaData().supportsGetGeneratedKeys()).isTrue();
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO item (name) VALUES (?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "a");
            assertThat(ps.executeUpdate()).isEqualTo(1);
            assertThat(keys(ps)).containsExactly(1L);
            ps.setString(1, "b");
            assertThat(ps.executeUpdate()).isEqualTo(1);
            assertThat(keys(ps)).containsExactly(2L);
        }
        try (Statement s = conn.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO item (name) VALUES ('c'), ('d')", new String[] {"id"}))
                    .isEqualTo(2);
            assertThat(keys(s)).containsExactly(3L, 4L);
            assertThat(s.execute("INSERT INTO item (name) SELECT name FROM item WHERE id < 3", new int[] {1}))
                    .isFalse();
            assertThat(keys(s)).containsExactly(5L, 6L);
            s.executeUpdate("UPDATE item SET name = 'z' WHERE id = 1", Statement.RETURN_GENERATED_KEYS);
            try (ResultSet rs = s.getGeneratedKeys()) {
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    public void generatedKeysAreTypedAsTheColumnAndMetadataSaysWhichColumnIsAutoIncrement() throws SQLException {
        exec("CREATE TABLE item (id INTEGER GENERATED BY DEFAULT AS IDENTITY (START WITH 7), name VARCHAR(10)"
                + " PRIMARY KEY)");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO item (name) VALUES ('a')",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(java.sql.Types.INTEGER);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1)).isEqualTo(7);
                assertThat(rs.getInt("ID")).isEqualTo(7);
            }
        }
        try (ResultSet rs = conn.getMetaData().getColumns(null, null, "ITEM", "%")) {
            List<String> flags = new ArrayList<>();
            while (rs.next()) {
                flags.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("IS_AUTOINCREMENT") + ":"
                        + rs.getString("IS_GENERATEDCOLUMN") + ":" + rs.getString("IS_NULLABLE"));
            }
            assertThat(flags).containsExactly("ID:YES:NO:NO", "NAME:NO:NO:NO");
        }
    }
}
