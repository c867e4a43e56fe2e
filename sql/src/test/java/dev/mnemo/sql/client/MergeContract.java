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
}
