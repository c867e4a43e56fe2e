package dev.mnemo.sql.client;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MERGE of several WHEN clauses: a target row that several source rows match fails only when more than one of them
 * would act on it; DEFAULT and inserts of different columns among several clauses. Once per driver.
 */
public abstract class MergeContract extends ConnectedContract {
    private static final String ROWS = "SELECT id, v, n FROM mt ORDER BY id";

    protected MergeContract(JdbcFixture fixture) {
        super(fixture);
    }

    private int update(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    @Test
    public void aRowMatchedTwiceButActedOnOnceIsNoCardinalityViolation() throws SQLException {
        exec("CREATE TABLE mt (id INT PRIMARY KEY, v VARCHAR(5), n INT)");
        exec("INSERT INTO mt VALUES (1, 'a', 0), (2, 'b', 0)");
        // Source rows 'x' and 'y' both match 1; only 'x' meets a clause's condition.
        assertThat(update("MERGE INTO mt USING (VALUES (1, 'x'), (1, 'y'), (2, 'z')) AS s (id, w) ON mt.id = s.id"
                + " WHEN MATCHED AND s.w = 'x' THEN UPDATE SET n = n + 1")).isEqualTo(1);
        assertThat(rows(ROWS)).containsExactly("1:a:1", "2:b:0");
        // Neither acts on 2: matched twice, left alone.
        assertThat(update("MERGE INTO mt USING (VALUES (2, 'p'), (2, 'q')) AS s (id, w) ON mt.id = s.id"
                + " WHEN MATCHED AND s.w = 'r' THEN DELETE")).isZero();
        assertThat(rows(ROWS)).containsExactly("1:a:1", "2:b:0");
    }

    @Test
    public void aRowActedOnByTwoSourceRowsIsACardinalityViolationThatChangesNothing() throws SQLException {
        exec("CREATE TABLE mt (id INT PRIMARY KEY, v VARCHAR(5), n INT)");
        exec("INSERT INTO mt VALUES (1, 'a', 0), (2, 'b', 0)");
        String merge = "MERGE INTO mt USING (VALUES (1, 'x'), (1, 'y'), (2, 'z')) AS s (id, w) ON mt.id = s.id ";
        failsWith(merge + "WHEN MATCHED THEN UPDATE SET n = n + 1", "21000", "MT", "more than one");
        failsWith(merge + "WHEN MATCHED AND s.w = 'x' THEN UPDATE SET n = 1 WHEN MATCHED THEN DELETE", "21000",
                "MT");
        failsWith(merge + "WHEN MATCHED AND s.w <> 'z' THEN DELETE", "21000", "MT");
        assertThat(rows(ROWS)).containsExactly("1:a:0", "2:b:0");
    }

    @Test
    public void setToDefaultAmongSeveralClausesSetsTheDeclaredDefault() throws SQLException {
        exec("CREATE SEQUENCE ms START WITH 100");
        exec("CREATE TABLE md (id INT PRIMARY KEY, v VARCHAR(5) DEFAULT 'dv', w INT,"
                + " q BIGINT DEFAULT NEXT VALUE FOR ms, made TIMESTAMP DEFAULT CURRENT_TIMESTAMP)");
        exec("INSERT INTO md VALUES (1, 'a', 1, 1, NULL), (2, 'b', 2, 2, NULL), (3, 'c', 3, 3, NULL)");
        // 1 takes the first clause, 2 the second, 3 no clause: 1 takes q from the sequence; 2, updated by a clause
        // that leaves q alone, uses up a value too (101), as any row an UPDATE clause takes; 3 does not.
        assertThat(update("MERGE INTO md USING (VALUES (1), (2), (3)) AS s (id) ON md.id = s.id"
                + " WHEN MATCHED AND s.id = 1 THEN UPDATE SET v = DEFAULT, w = DEFAULT, q = DEFAULT, made = DEFAULT"
                + " WHEN MATCHED AND s.id = 2 THEN UPDATE SET v = 'z', w = DEFAULT")).isEqualTo(2);
        assertThat(rows("SELECT id, v, w, q, made IS NULL FROM md ORDER BY id"))
                .containsExactly("1:dv:null:100:false", "2:z:null:2:true", "3:c:3:3:true");
        assertThat(rows("SELECT NEXT VALUE FOR ms")).containsExactly("102");
        // With a DELETE beside it, and a parameter in the other clause.
        try (java.sql.PreparedStatement ps = conn.prepareStatement("MERGE INTO md USING (VALUES (1), (2), (3))"
                + " AS s (id) ON md.id = s.id WHEN MATCHED AND s.id = 3 THEN DELETE"
                + " WHEN MATCHED AND s.id = 2 THEN UPDATE SET v = DEFAULT WHEN MATCHED THEN UPDATE SET v = ?")) {
            ps.setString(1, "p");
            assertThat(ps.executeUpdate()).isEqualTo(3);
        }
        assertThat(rows("SELECT id, v FROM md ORDER BY id")).containsExactly("1:p", "2:dv");
    }

    @Test
    public void insertClausesOfDifferentColumnsEachFillTheRestWithDefaults() throws SQLException {
        exec("CREATE SEQUENCE ms START WITH 100");
        exec("CREATE TABLE mi (id INT PRIMARY KEY, v VARCHAR(5) DEFAULT 'dv', w INT,"
                + " q BIGINT DEFAULT NEXT VALUE FOR ms)");
        exec("INSERT INTO mi (id, v, w, q) VALUES (1, 'a', 1, 1)");
        assertThat(update("MERGE INTO mi USING (VALUES (1, 'x'), (2, 'y'), (3, 'z'), (4, 'u'), (5, 'n'))"
                + " AS s (id, t) ON mi.id = s.id WHEN MATCHED THEN UPDATE SET w = 10"
                + " WHEN NOT MATCHED AND s.t = 'y' THEN INSERT (id) VALUES (s.id)"
                + " WHEN NOT MATCHED AND s.t = 'z' THEN INSERT (w, id, v) VALUES (3, s.id, s.t)"
                + " WHEN NOT MATCHED AND s.t = 'u' THEN INSERT VALUES (s.id, DEFAULT, 4, 7)")).isEqualTo(4);
        // 2 and 3 take q from the sequence; 4 gives q, though an inserted row draws (102), and 5 is taken by no
        // clause.
        assertThat(rows("SELECT id, v, w, q FROM mi ORDER BY id"))
                .containsExactly("1:a:10:1", "2:dv:null:100", "3:z:3:101", "4:dv:4:7");
        // Inserts only: the MERGE runs as an INSERT.
        assertThat(update("MERGE INTO mi USING (VALUES (6, 'y'), (7, 'z'), (1, 'y')) AS s (id, t) ON mi.id = s.id"
                + " WHEN NOT MATCHED AND s.t = 'y' THEN INSERT (id, w) VALUES (s.id, 6)"
                + " WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, DEFAULT)")).isEqualTo(2);
        assertThat(rows("SELECT id, v, w, q FROM mi WHERE id > 5 ORDER BY id"))
                .containsExactly("6:dv:6:103", "7:dv:null:104");
    }
}
