package dev.mnemo.sql.client;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cast to a shorter VARCHAR or CHAR, or to a DECIMAL of fewer digits, changes the value before it is compared:
 * a filter, an IN list, LIKE, a key or index read, a lookup join, GROUP BY and ORDER BY all see the cast's value,
 * as the same cast in the select list shows it. A widening cast still reads by key. Once per driver.
 */
public abstract class NarrowingCastContract extends ConnectedContract {
    protected NarrowingCastContract(JdbcFixture fixture) {
        super(fixture);
    }

    private void fillCodes() throws SQLException {
        exec("CREATE TABLE t (id INT PRIMARY KEY, code VARCHAR(10))");
        exec("INSERT INTO t VALUES (1, 'c2'), (2, 'c20'), (3, 'c21'), (4, 'd2')");
    }

    @Test
    public void aFilterComparesTheTruncatedText() throws SQLException {
        fillCodes();
        assertThat(rows("SELECT CAST(code AS VARCHAR(2)) FROM t ORDER BY id")).containsExactly("c2", "c2", "c2", "d2");
        assertThat(rows("SELECT id FROM t WHERE CAST(code AS VARCHAR(2)) = 'c2' ORDER BY id"))
                .containsExactly("1", "2", "3");
        assertThat(rows("SELECT id FROM t WHERE CAST(code AS VARCHAR(2)) = ? ORDER BY id", "c2"))
                .containsExactly("1", "2", "3");
        assertThat(rows("SELECT id FROM t WHERE CAST(code AS CHAR(2)) = 'c2' ORDER BY id"))
                .containsExactly("1", "2", "3");
        assertThat(rows("SELECT id FROM t WHERE CAST(code AS VARCHAR(2)) <> 'c2' ORDER BY id")).containsExactly("4");
        assertThat(rows("SELECT id FROM t WHERE CAST(code AS VARCHAR(2)) > 'c2' ORDER BY id")).containsExactly("4");
        assertThat(rows("SELECT id FROM t WHERE CAST(code AS VARCHAR(2)) = 'c20'")).isEmpty();
        assertThat(rows("SELECT id FROM t WHERE CAST(CAST(code AS VARCHAR(2)) AS VARCHAR(5)) = 'c20'")).isEmpty();
        assertThat(rows("SELECT a.id, b.id FROM t a, t b WHERE CAST(a.code AS VARCHAR(2)) = b.code ORDER BY 1"))
                .containsExactly("1:1", "2:1", "3:1", "4:4");
    }

    @Test
    public void aParameterCastToFewerCharactersOrDigitsIsCutOrRoundedAsAnyValueIs() throws SQLException {
        exec("CREATE TABLE k (k VARCHAR(5) PRIMARY KEY, n INT) WITH (kind = 'ordered_set')");
        exec("INSERT INTO k VALUES ('a', 1), ('ab', 2), ('b', 3)");
        assertThat(rows("SELECT CAST(? AS VARCHAR(1)) FROM k WHERE n = 1", "ab")).containsExactly("a");
        assertThat(rows("SELECT n FROM k WHERE k = CAST(? AS VARCHAR(1))", "ab")).containsExactly("1");
        assertThat(rows("SELECT n FROM k WHERE k >= CAST(? AS VARCHAR(1)) ORDER BY n", "ab"))
                .containsExactly("1", "2", "3");
        assertThat(rows("SELECT n FROM k WHERE k IN (CAST(? AS VARCHAR(1)), 'x') ORDER BY n", "bc"))
                .containsExactly("3");
        exec("CREATE TABLE d (d DECIMAL(5, 1) PRIMARY KEY)");
        exec("INSERT INTO d VALUES (1.3), (1.2)");
        assertThat(rows("SELECT d FROM d WHERE d = CAST(? AS DECIMAL(5, 1))", "1.26")).containsExactly("1.3");
    }

    @Test
    public void inListsAndLikeSeeTheTruncatedText() throws SQLException {
        fillCodes();
        assertThat(rows("SELECT id FROM t WHERE CAST(code AS VARCHAR(2)) IN ('c2', 'd2') ORDER BY id"))
                .containsExactly("1", "2", "3", "4");
        assertThat(rows("SELECT id FROM t WHERE CAST(code AS CHAR(2)) IN ('c2', 'x') ORDER BY id"))
                .containsExactly("1", "2", "3");
        assertThat(rows("SELECT id FROM t WHERE CAST(code AS VARCHAR(2)) NOT IN ('c2', 'x') ORDER BY id"))
                .containsExactly("4");
        assertThat(rows("SELECT id FROM t WHERE CAST(code AS VARCHAR(2)) LIKE '%2' ORDER BY id"))
                .containsExactly("1", "2", "3", "4");
        assertThat(rows("SELECT id FROM t WHERE CAST(code AS VARCHAR(2)) LIKE 'c2_' ORDER BY id")).isEmpty();
    }

    @Test
    public void groupByAndOrderByTheCastSeeTheTruncatedText() throws SQLException {
        exec("CREATE TABLE t (id INT PRIMARY KEY, code VARCHAR(10))");
        exec("INSERT INTO t VALUES (1, 'bz'), (2, 'ba'), (3, 'a9')");
        assertThat(rows("SELECT id FROM t ORDER BY CAST(code AS VARCHAR(1)), id")).containsExactly("3", "1", "2");
        assertThat(rows("SELECT id FROM t ORDER BY CAST(code AS CHAR(1)) DESC, id")).containsExactly("1", "2", "3");
        assertThat(rows("SELECT CAST(code AS VARCHAR(1)), COUNT(*) FROM t GROUP BY CAST(code AS VARCHAR(1))"
                + " ORDER BY 1")).containsExactly("a:1", "b:2");
        assertThat(rows("SELECT COUNT(DISTINCT CAST(code AS VARCHAR(1))) FROM t")).containsExactly("2");
    }

    @Test
    public void aKeyReadThroughANarrowingCastFindsEveryKeyWithThePrefix() throws SQLException {
        for (String kind : List.of("set", "ordered_set")) {
            String k = "k_" + kind;
            exec("CREATE TABLE " + k + " (k VARCHAR(10) NOT NULL PRIMARY KEY, n INT) WITH (kind = '" + kind + "')");
            exec("INSERT INTO " + k + " VALUES ('a', 1), ('ab', 2), ('abc', 3), ('b', 4), ('ba', 5)");
            assertThat(rows("SELECT n FROM " + k + " WHERE CAST(k AS VARCHAR(1)) = 'a' ORDER BY n")).as(kind)
                    .containsExactly("1", "2", "3");
            assertThat(rows("SELECT n FROM " + k + " WHERE CAST(k AS VARCHAR(1)) = ? ORDER BY n", "b")).as(kind)
                    .containsExactly("4", "5");
            assertThat(rows("SELECT n FROM " + k + " WHERE CAST(k AS CHAR(2)) = 'ab' ORDER BY n")).as(kind)
                    .containsExactly("2", "3");
            assertThat(rows("SELECT n FROM " + k + " WHERE CAST(k AS VARCHAR(1)) IN ('a', 'x') ORDER BY n"))
                    .as(kind).containsExactly("1", "2", "3");
            assertThat(rows("SELECT n FROM " + k + " WHERE CAST(k AS VARCHAR(1)) <= 'a' ORDER BY n")).as(kind)
                    .containsExactly("1", "2", "3");
            assertThat(rows("SELECT n FROM " + k + " WHERE CAST(k AS VARCHAR(2)) > 'ab' ORDER BY n")).as(kind)
                    .containsExactly("4", "5");
            assertThat(rows("SELECT n FROM " + k + " WHERE CAST(k AS VARCHAR(2)) BETWEEN 'ab' AND 'b' ORDER BY n"))
                    .as(kind).containsExactly("2", "3", "4");
            assertThat(rows("SELECT k FROM " + k + " ORDER BY CAST(k AS VARCHAR(1)) DESC, n")).as(kind)
                    .containsExactly("b", "ba", "a", "ab", "abc");
        }
    }

    @Test
    public void anIndexReadThroughANarrowingCastFindsEveryValueWithThePrefix() throws SQLException {
        for (String using : List.of("HASH", "ORDERED")) {
            String x = "x_" + using;
            exec("CREATE TABLE " + x + " (id INT PRIMARY KEY, v VARCHAR(10))");
            exec("CREATE INDEX " + x + "_v ON " + x + " (v) USING " + using);
            exec("INSERT INTO " + x + " VALUES (1, 'a'), (2, 'ab'), (3, 'abc'), (4, 'b')");
            assertThat(rows("SELECT id FROM " + x + " WHERE CAST(v AS VARCHAR(1)) = 'a' ORDER BY id")).as(using)
                    .containsExactly("1", "2", "3");
            assertThat(rows("SELECT id FROM " + x + " WHERE CAST(v AS VARCHAR(2)) IN ('ab') ORDER BY id")).as(using)
                    .containsExactly("2", "3");
            assertThat(rows("SELECT id FROM " + x + " WHERE CAST(v AS VARCHAR(2)) <= 'ab' ORDER BY id")).as(using)
                    .containsExactly("1", "2", "3");
        }
    }

    @Test
    public void aWideningCastStillReadsByKey() throws SQLException {
        exec("CREATE TABLE k (k VARCHAR(10) NOT NULL PRIMARY KEY, n INT)");
        exec("INSERT INTO k VALUES ('a', 1), ('ab', 2)");
        exec("CREATE TABLE i (id SMALLINT NOT NULL PRIMARY KEY, n INT)");
        exec("INSERT INTO i VALUES (1, 1), (2, 2)");
        for (String q : List.of("SELECT n FROM k WHERE CAST(k AS VARCHAR) = 'a'",
                "SELECT n FROM i WHERE CAST(id AS BIGINT) = 1")) {
            assertThat(rows(q)).as(q).containsExactly("1");
            assertThat(String.join("\n", rows("EXPLAIN PLAN FOR " + q))).as(q).contains("access=[");
        }
    }

    @Test
    public void aLookupJoinDoesNotLookUpTheUncastValue() throws SQLException {
        fillCodes();
        exec("CREATE TABLE k (code VARCHAR(10) NOT NULL PRIMARY KEY, name VARCHAR(10))");
        exec("INSERT INTO k VALUES ('c2', 'x'), ('d2', 'y'), ('c20', 'z')");
        assertThat(rows("SELECT t.id, k.name FROM t JOIN k ON CAST(t.code AS VARCHAR(2)) = k.code ORDER BY t.id"))
                .containsExactly("1:x", "2:x", "3:x", "4:y");
        assertThat(rows("SELECT t.id, k.name FROM t JOIN k ON CAST(t.code AS CHAR(2)) = k.code ORDER BY t.id"))
                .containsExactly("1:x", "2:x", "3:x", "4:y");
        assertThat(rows("SELECT t.id, k.name FROM t LEFT JOIN k ON CAST(t.code AS VARCHAR(2)) = k.code"
                + " WHERE t.id < 3 ORDER BY t.id")).containsExactly("1:x", "2:x");
        assertThat(rows("SELECT t.id, k.name FROM t JOIN k ON t.code = CAST(k.code AS VARCHAR(2))"
                + " ORDER BY t.id, k.name")).containsExactly("1:x", "1:z", "4:y");
    }

    @Test
    public void aDecimalCastToFewerDigitsRoundsBeforeItCompares() throws SQLException {
        exec("CREATE TABLE d (id INT PRIMARY KEY, d DECIMAL(5, 2))");
        exec("INSERT INTO d VALUES (1, 2.6), (2, 3.4), (3, 2.4), (4, 3.0)");
        assertThat(rows("SELECT id, CAST(d AS DECIMAL(5, 0)) FROM d ORDER BY id"))
                .containsExactly("1:3", "2:3", "3:2", "4:3");
        assertThat(rows("SELECT id FROM d WHERE CAST(d AS DECIMAL(5, 0)) = 3 ORDER BY id"))
                .containsExactly("1", "2", "4");
        assertThat(rows("SELECT id FROM d WHERE CAST(d AS DECIMAL(5, 0)) IN (2, 7) ORDER BY id"))
                .containsExactly("3");
        exec("CREATE TABLE dk (d DECIMAL(5, 2) NOT NULL PRIMARY KEY, n INT) WITH (kind = 'ordered_set')");
        exec("INSERT INTO dk VALUES (2.6, 1), (3.4, 2), (2.4, 3), (3.0, 4)");
        assertThat(rows("SELECT n FROM dk WHERE CAST(d AS DECIMAL(5, 0)) = 3 ORDER BY n"))
                .containsExactly("1", "2", "4");
        assertThat(rows("SELECT n FROM dk WHERE CAST(d AS DECIMAL(5, 0)) >= 3 ORDER BY n"))
                .containsExactly("1", "2", "4");
        assertThat(rows("SELECT n FROM dk WHERE CAST(d AS DECIMAL(5, 1)) = 2.6 ORDER BY n")).containsExactly("1");
        assertThat(rows("SELECT d.id, dk.n FROM d JOIN dk ON CAST(d.d AS DECIMAL(5, 0)) = dk.d ORDER BY d.id"))
                .containsExactly("1:4", "2:4", "4:4");
        assertThat(rows("SELECT id FROM d WHERE CAST(d AS DECIMAL(5, 0)) = 2.6")).isEmpty();
    }
}
