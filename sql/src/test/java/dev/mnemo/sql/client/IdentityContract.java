package dev.mnemo.sql.client;

import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Identity columns ({@code GENERATED ALWAYS | BY DEFAULT AS IDENTITY}) through SQL; once per driver. */
public abstract class IdentityContract extends ConnectedContract {
    protected IdentityContract(JdbcFixture fixture) {
        super(fixture);
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
        // Insert-only, with the identity left out or given as DEFAULT: numbered as an INSERT's rows are.
        exec("INSERT INTO src VALUES ('e'), ('f')");
        exec("MERGE INTO item t USING src s ON t.name = s.k WHEN NOT MATCHED THEN INSERT (name) VALUES (s.k)");
        exec("MERGE INTO item USING (VALUES ('g')) AS s (k) ON item.name = s.k"
                + " WHEN NOT MATCHED THEN INSERT (id, name, n) VALUES (DEFAULT, s.k, 2)");
        failsWith("MERGE INTO item USING (VALUES (9, 'z')) AS s (i, k) ON item.name = s.k"
                + " WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.i, s.k)", "428C9", "ID");
        // One draw per row inserted, in the order inserted (the MERGE above may have drawn past 25 already).
        assertThat(rows("SELECT name FROM item WHERE id > 25 ORDER BY id")).hasSize(3).endsWith("g");
        assertThat(rows("SELECT MAX(id) - MIN(id) FROM item WHERE id > 25")).containsExactly("10");
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM item")) {
            assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(java.sql.Types.INTEGER);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isInstanceOf(Integer.class);
        }
    }

    @Test
    public void aMergeThatUpdatesAndInsertsNumbersOnlyTheRowsItInserts() throws SQLException {
        exec("CREATE TABLE item (id BIGINT GENERATED ALWAYS AS IDENTITY, name VARCHAR(10) PRIMARY KEY, n INTEGER)");
        exec("CREATE TABLE src (k VARCHAR(10) PRIMARY KEY)");
        exec("INSERT INTO item (name) VALUES ('a'), ('b')");
        exec("INSERT INTO src VALUES ('a'), ('b'), ('c')");
        try (Statement s = conn.createStatement()) {
            // Three source rows, two of them matched: one row inserted, one value drawn.
            assertThat(s.executeUpdate("MERGE INTO item t USING src s ON t.name = s.k WHEN MATCHED THEN UPDATE SET"
                    + " n = 1 WHEN NOT MATCHED THEN INSERT (name) VALUES (s.k)")).isEqualTo(3);
            assertThat(s.executeUpdate("MERGE INTO item USING (VALUES ('a'), ('d')) AS s (k) ON item.name = s.k"
                    + " WHEN MATCHED THEN UPDATE SET n = 2 WHEN NOT MATCHED THEN INSERT (name, n) VALUES (s.k, 0)"))
                    .isEqualTo(2);
            // Every row matched: nothing drawn.
            assertThat(s.executeUpdate("MERGE INTO item t USING src s ON t.name = s.k WHEN MATCHED THEN UPDATE SET"
                    + " n = 3 WHEN NOT MATCHED THEN INSERT (name) VALUES (s.k)")).isEqualTo(3);
        }
        exec("INSERT INTO item (name) VALUES ('e')");
        assertThat(rows("SELECT id, name, n FROM item ORDER BY id"))
                .containsExactly("1:a:3", "2:b:3", "3:c:3", "4:d:0", "5:e:null");
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
        // Not reachable by name: it is no sequence of the user's.
        failsWith("SELECT NEXT VALUE FOR \"MNEMO$IDENTITY$ITEM\" FROM (VALUES (0))", "42000", "does not exist");
        failsWith("ALTER SEQUENCE \"MNEMO$IDENTITY$ITEM\" RESTART WITH 1", "42000", "does not exist");
        failsWith("DROP SEQUENCE \"MNEMO$IDENTITY$ITEM\"", "42000", "does not exist");
        exec("DROP SEQUENCE IF EXISTS \"MNEMO$IDENTITY$ITEM\"");
        exec("ALTER SEQUENCE IF EXISTS \"MNEMO$IDENTITY$ITEM\" RESTART WITH 1");
        exec("INSERT INTO item (k) VALUES ('d')");
        assertThat(rows("SELECT id, k FROM item WHERE k = 'd'")).containsExactly("4:d");
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

    /** Adds one execution of {@code ps} to its batch per value, each value bound to every parameter. */
    private static void addBatches(PreparedStatement ps, String... values) throws SQLException {
        for (String value : values) {
            for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                ps.setString(i, value);
            }
            ps.addBatch();
        }
    }

    @Test
    public void aBatchGivesTheKeysOfEveryExecutionInOrder() throws SQLException {
        exec("CREATE TABLE item (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name VARCHAR(10))");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO item (name) VALUES (?)",
                Statement.RETURN_GENERATED_KEYS)) {
            addBatches(ps, "a", "b", "c");
            assertThat(ps.executeBatch()).containsExactly(1, 1, 1);
            assertThat(keys(ps)).containsExactly(1L, 2L, 3L);
            assertThat(ps.executeBatch()).isEmpty();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                assertThat(rs.next()).isFalse();
            }
            conn.setAutoCommit(false);
            addBatches(ps, "d", "e");
            assertThat(ps.executeLargeBatch()).containsExactly(1L, 1L);
            conn.commit();
            assertThat(keys(ps)).containsExactly(4L, 5L);
        }
        conn.setAutoCommit(true);
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO item (name) VALUES (?), (?)",
                new String[] {"id"})) {
            addBatches(ps, "f", "g");
            assertThat(ps.executeBatch()).containsExactly(2, 2);
            assertThat(keys(ps)).containsExactly(6L, 7L, 8L, 9L);
        }
        assertThat(rows("SELECT id, name FROM item ORDER BY id"))
                .containsExactly("1:a", "2:b", "3:c", "4:d", "5:e", "6:f", "7:f", "8:g", "9:g");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO item (name) VALUES (?)",
                Statement.RETURN_GENERATED_KEYS)) {
            conn.setAutoCommit(false);
            addBatches(ps, "h", "far too long");
            assertThatThrownBy(ps::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("22001"));
            try (ResultSet rs = ps.getGeneratedKeys()) {
                assertThat(rs.next()).isFalse();
            }
            conn.rollback();
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

    @Test
    public void autoIncrementIsAnIdentityColumnThatTakesGivenValues() throws SQLException {
        exec("CREATE TABLE item (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(10))");
        exec("INSERT INTO item (name) VALUES ('a'), ('b')");
        exec("INSERT INTO item (id, name) VALUES (10, 'c')");
        assertThat(rows("SELECT id, name FROM item ORDER BY id")).containsExactly("1:a", "2:b", "10:c");
        try (ResultSet rs = conn.getMetaData().getColumns(null, null, "ITEM", "ID")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt("DATA_TYPE")).isEqualTo(java.sql.Types.INTEGER);
            assertThat(rs.getString("IS_AUTOINCREMENT") + ":" + rs.getString("IS_NULLABLE")).isEqualTo("YES:NO");
        }
        failsWith("CREATE TABLE t (id INT AUTO_INCREMENT AUTO_INCREMENT PRIMARY KEY)", "42000", "twice");
        failsWith("CREATE TABLE t (id INT AUTO_INCREMENT GENERATED ALWAYS AS IDENTITY PRIMARY KEY)", "42000",
                "twice");
        failsWith("CREATE TABLE t (id VARCHAR(5) AUTO_INCREMENT PRIMARY KEY)", "42000", "identity column");
    }

    @Test
    public void serialTypesAreIntegerIdentityColumnsOfTheirWidth() throws SQLException {
        exec("CREATE TABLE s2 (id SMALLSERIAL PRIMARY KEY, name VARCHAR(10))");
        exec("CREATE TABLE s4 (id serial, name VARCHAR(10) PRIMARY KEY)");
        exec("CREATE TABLE s8 (id BIGSERIAL PRIMARY KEY, name VARCHAR(10))");
        List<String> columns = new ArrayList<>();
        for (String table : List.of("S2", "S4", "S8")) {
            exec("INSERT INTO " + table + " (name) VALUES ('a'), ('b')");
            exec("INSERT INTO " + table + " (id, name) VALUES (100, 'c')");
            assertThat(rows("SELECT id, name FROM " + table + " ORDER BY id")).containsExactly("1:a", "2:b", "100:c");
            try (ResultSet rs = conn.getMetaData().getColumns(null, null, table, "ID")) {
                assertThat(rs.next()).isTrue();
                columns.add(rs.getString("TYPE_NAME") + ":" + rs.getString("IS_AUTOINCREMENT") + ":"
                        + rs.getString("IS_NULLABLE"));
            }
        }
        assertThat(columns).containsExactly("SMALLINT:YES:NO", "INTEGER:YES:NO", "BIGINT:YES:NO");
        failsWith("CREATE TABLE t (a SERIAL, b BIGSERIAL PRIMARY KEY)", "42000", "two identity columns");
        failsWith("CREATE TABLE t (a SERIAL GENERATED ALWAYS AS IDENTITY PRIMARY KEY)", "42000", "twice");
    }
}
