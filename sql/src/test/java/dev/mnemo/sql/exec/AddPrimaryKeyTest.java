package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ALTER TABLE t ADD PRIMARY KEY (cols)} on a table without one: afterwards the table is as one made with that
 * key, in the metadata, in SCRIPT, as the parent of a foreign key and through its indexes.
 */
class AddPrimaryKeyTest {
    private static final String REKEYED = "addPrimaryKey";
    private static final String MADE = "addPrimaryKeyMade";
    private static final String COLUMNS = "id INT, code VARCHAR(5), n INT";
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:mnemo:mem:" + REKEYED);
        execute(c, "CREATE TABLE k (" + COLUMNS + ") WITH (kind = 'ordered_set')");
        execute(c, "CREATE INDEX k_by_n ON k (n)");
        execute(c, "INSERT INTO k VALUES (2, 'b', 5), (1, 'z', 5), (1, 'a', 6)");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
        Databases.close(REKEYED);
        Databases.close(MADE);
    }

    private static void execute(Connection on, String sql) throws SQLException {
        try (Statement s = on.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> rows(Connection on, String sql) throws SQLException {
        return QueryRows.of(on, sql);
    }

    private static List<String> describe(Connection on) throws SQLException {
        List<String> out = new ArrayList<>();
        DatabaseMetaData md = on.getMetaData();
        try (ResultSet rs = md.getColumns(null, null, "K", null)) {
            while (rs.next()) {
                out.add("column " + rs.getString("COLUMN_NAME") + " " + rs.getString("IS_NULLABLE"));
            }
        }
        try (ResultSet rs = md.getPrimaryKeys(null, null, "K")) {
            while (rs.next()) {
                out.add("key " + rs.getString("COLUMN_NAME") + " " + rs.getInt("KEY_SEQ"));
            }
        }
        try (ResultSet rs = md.getBestRowIdentifier(null, null, "K", DatabaseMetaData.bestRowSession, false)) {
            while (rs.next()) {
                out.add("best " + rs.getString("COLUMN_NAME"));
            }
        }
        out.addAll(rows(on, "SELECT constraint_type FROM information_schema.table_constraints WHERE table_name = 'K'"));
        out.addAll(rows(on, "SCRIPT NODATA"));
        return out;
    }

    @Test
    void theTableIsAsOneMadeWithThatKey() throws SQLException {
        execute(c, "ALTER TABLE k ADD PRIMARY KEY (code, id)");
        try (Connection made = DriverManager.getConnection("jdbc:mnemo:mem:" + MADE)) {
            execute(made, "CREATE TABLE k (" + COLUMNS + ", PRIMARY KEY (code, id)) WITH (kind = 'ordered_set')");
            execute(made, "CREATE INDEX k_by_n ON k (n)");
            assertThat(describe(c)).contains("key CODE 1", "key ID 2", "column ID NO")
                    .containsExactlyElementsOf(describe(made));
        }
        assertThat(rows(c, "SELECT * FROM k")).containsExactly("1|a|6", "2|b|5", "1|z|5");
        assertThat(rows(c, "SELECT code FROM k WHERE n = 5 ORDER BY code")).containsExactly("b", "z");
        assertThat(rows(c, "EXPLAIN PLAN FOR SELECT n FROM k WHERE code = 'b' AND id = 2").get(0))
                .contains("KEY_EQ");
    }

    @Test
    void aForeignKeyReferencesTheNewKey() throws SQLException {
        String child = "CREATE TABLE child (id INT PRIMARY KEY, k_code VARCHAR(5), k_id INT, "
                + "FOREIGN KEY (k_code, k_id) REFERENCES k)";
        assertThatThrownBy(() -> execute(c, child))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42830"));
        execute(c, "ALTER TABLE k ADD CONSTRAINT k_pk PRIMARY KEY (code, id)");
        execute(c, child);
        execute(c, "INSERT INTO child VALUES (1, 'b', 2)");
        assertThatThrownBy(() -> execute(c, "INSERT INTO child VALUES (2, 'b', 1)"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
        assertThatThrownBy(() -> execute(c, "DELETE FROM k WHERE code = 'b'"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
    }

    @Test
    void aFailedChangeLeavesTheRowIdAndTheRows() throws SQLException {
        execute(c, "INSERT INTO k VALUES (2, 'b', 7)");
        assertThatThrownBy(() -> execute(c, "ALTER TABLE k ADD PRIMARY KEY (id, code)"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        assertThat(rows(c, "SELECT COUNT(DISTINCT k.mnemo$rowid) FROM k")).containsExactly("4");
        assertThat(rows(c, "SELECT * FROM k WHERE id = 2 ORDER BY n")).containsExactly("2|b|5", "2|b|7");
        assertThat(describe(c)).doesNotContain("key ID 1");
    }
}
