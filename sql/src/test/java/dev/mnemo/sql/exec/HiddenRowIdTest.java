package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    @Test
    @Disabled("defect: a table alias's column list counts the hidden MNEMO$ROWID: t AS z (p, q) fails with 42000 "
            + "naming it, and t AS z (p, q, r) shows the row id as R in SELECT *")
    void aTableAliasNamesTheColumnsTheTableShows() throws SQLException {
        assertThat(rows("SELECT * FROM t AS z (p, q) WHERE p = 1")).containsExactly("1|x", "1|x");
    }

    @Test
    @Disabled("defect: Calcite's lexer reads t.mnemo$rowid as one COLLATION_ID token (42000 syntax error); "
            + "t.\"MNEMO$ROWID\" and t . mnemo$rowid work")
    void aQualifiedRowIdIsRead() throws SQLException {
        assertThat(rows("SELECT COUNT(DISTINCT t.mnemo$rowid) FROM t")).containsExactly("2");
    }

    @Test
    void aQuotedQualifiedRowIdIsRead() throws SQLException {
        assertThat(rows("SELECT COUNT(DISTINCT t.\"MNEMO$ROWID\") FROM t")).containsExactly("2");
    }
}
