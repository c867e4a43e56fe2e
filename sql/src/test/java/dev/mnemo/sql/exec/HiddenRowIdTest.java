package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hidden row id of a table without a primary key stays hidden wherever a query names the table's columns. */
class HiddenRowIdTest {
    private static final String NAME = "hiddenRowId";
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:mnemo:mem:" + NAME);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (a INT, b VARCHAR(10))");
            s.execute("INSERT INTO t VALUES (1, 'x'), (1, 'x')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
        Databases.close(NAME);
    }

    private List<String> rows(String sql) throws SQLException {
        return QueryRows.of(c, sql);
    }

    @Test
    void aTableAliasNamesTheColumnsTheTableShows() throws SQLException {
        assertThat(rows("SELECT * FROM t AS z (p, q) WHERE p = 1")).containsExactly("1|x", "1|x");
        assertThat(rows("SELECT COUNT(DISTINCT z.\"MNEMO$ROWID\") FROM t AS z (p, q)")).containsExactly("2");
    }

    @Test
    void aTableAliasCannotNameTheRowId() {
        assertThatThrownBy(() -> rows("SELECT * FROM t AS z (p, q, r)"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("2 columns ('A', 'B')")
                .hasMessageNotContaining("MNEMO$ROWID")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42000"));
        assertThatThrownBy(() -> rows("SELECT * FROM t AS z (mnemo$rowid, q)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("hidden row id")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42000"));
    }

    @Test
    void aTableAliasSkipsARowIdBetweenColumns() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE t ADD COLUMN c INT DEFAULT 7");
        }
        assertThat(rows("SELECT * FROM t AS z (p, q, r) WHERE r = 7 AND q = 'x'")).containsExactly("1|x|7", "1|x|7");
        assertThat(rows("SELECT r, p FROM t AS z (p, q, r)")).containsExactly("7|1", "7|1");
    }

    @Test
    void aColumnANameMakesTheRowIdsNameIsShown() throws SQLException {
        assertThat(rows("SELECT * FROM (SELECT a AS \"MNEMO$ROWID\", b FROM t) d")).containsExactly("1|x", "1|x");
        assertThat(rows("SELECT d.* FROM (SELECT \"MNEMO$ROWID\", b FROM t) d ORDER BY 1"))
                .hasSize(2).allMatch(r -> r.endsWith("|x") && !r.startsWith("null"));
        assertThat(rows("SELECT * FROM (SELECT * FROM t) d")).containsExactly("1|x", "1|x");
    }

    @Test
    void aViewColumnNamedAsTheRowIdIsShown() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE VIEW v AS SELECT b, a AS \"MNEMO$ROWID\" FROM t");
        }
        assertThat(rows("SELECT * FROM v")).containsExactly("x|1", "x|1");
        assertThat(c.getMetaData().getColumns(null, null, "V", "MNEMO$ROWID").next()).isTrue();
    }

    @Test
    void aNaturalJoinComparesTheRowIdColumnsBothSidesShow() throws SQLException {
        assertThat(rows("SELECT COUNT(*) FROM (SELECT \"MNEMO$ROWID\", a FROM t) l "
                + "NATURAL JOIN (SELECT \"MNEMO$ROWID\", a FROM t) r")).containsExactly("2");
        assertThat(rows("SELECT COUNT(*) FROM t NATURAL JOIN t AS u")).containsExactly("4");
        assertThat(rows("SELECT * FROM t JOIN t AS u USING (a, b)")).containsExactly("1|x", "1|x", "1|x", "1|x");
        assertThat(rows("SELECT * FROM t JOIN t AS u ON t.a = u.a")).containsOnly("1|x|1|x").hasSize(4);
        assertThat(rows("SELECT COUNT(*) FROM (SELECT \"MNEMO$ROWID\", a FROM t) l NATURAL JOIN t"))
                .containsExactly("4");
    }

    @Test
    void aQualifiedRowIdIsRead() throws SQLException {
        assertThat(rows("SELECT COUNT(DISTINCT t.mnemo$rowid) FROM t")).containsExactly("2");
        assertThat(rows("SELECT COUNT(*) FROM t AS z (p, q) WHERE 0-z.mnemo$rowid < 0")).containsExactly("2");
    }

    @Test
    void aQuotedQualifiedRowIdIsRead() throws SQLException {
        assertThat(rows("SELECT COUNT(DISTINCT t.\"MNEMO$ROWID\") FROM t")).containsExactly("2");
    }
}
