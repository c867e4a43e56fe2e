package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.SqlError;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * IN lists and VALUES clauses of thousands of items, as ORMs write them (literals or parameters): their items
 * are held as data in the plan, so their size does not meet the JVM's limits on generated code.
 */
class LongValueListsTest extends EmbeddedDatabaseTest {
    @BeforeEach
    void createTable() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(20), n BIGINT DEFAULT 7)");
    }

    private static String list(int n, IntFunction<String> item) {
        return IntStream.range(0, n).mapToObj(item).collect(Collectors.joining(", "));
    }

    /** The single row of a query, its columns as text. */
    private String row(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                String out = IntStream.rangeClosed(1, rs.getMetaData().getColumnCount())
                        .mapToObj(c -> SqlError.unchecked(() -> rs.getString(c))).collect(Collectors.joining(" "));
                assertThat(rs.next()).isFalse();
                return out;
            }
        }
    }

    /** Rows 0 .. n-1, v = 'v' + id, inserted as a batch (not the statements under test). */
    private void fill(int n) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO t (id, v) VALUES (?, ?)")) {
            for (int i = 0; i < n; i++) {
                ps.setInt(1, i);
                ps.setString(2, "v" + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Test
    void anInsertOfFiveThousandRowsOfLiteralsStoresEveryRow() throws SQLException {
        try (Statement s = conn.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO t (id, v) VALUES " + list(5000, i -> "(" + i + ", 'v" + i + "')")))
                    .isEqualTo(5000);
        }
        assertThat(row("SELECT COUNT(*), SUM(id), SUM(n) FROM t")).isEqualTo("5000 12497500 35000");
        assertThat(row("SELECT v, n FROM t WHERE id = 4321")).isEqualTo("v4321 7");
    }

    @Test
    void anInsertOfFiveThousandRowsOfParametersStoresEveryRow() throws SQLException {
        String sql = "INSERT INTO t VALUES " + list(5000, i -> i % 2 == 0 ? "(?, ?, ?)" : "(?, ?, DEFAULT)");
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int p = 1;
            for (int i = 0; i < 5000; i++) {
                ps.setInt(p++, i);
                ps.setString(p++, i % 3 == 0 ? null : "p" + i);
                if (i % 2 == 0) {
                    ps.setLong(p++, 1_000_000L + i);
                }
            }
            assertThat(ps.executeUpdate()).isEqualTo(5000);
        }
        assertThat(row("SELECT COUNT(*), COUNT(v), SUM(id) FROM t")).isEqualTo("5000 3333 12497500");
        assertThat(row("SELECT v, n FROM t WHERE id = 4000")).isEqualTo("p4000 1004000");
        assertThat(row("SELECT v, n FROM t WHERE id = 4001")).isEqualTo("p4001 7");
        assertThat(row("SELECT v, n FROM t WHERE id = 3")).isEqualTo("null 7");
    }

    @Test
    void inListsOfTenThousandLiteralsOrParametersMatchExactlyTheirRows() throws SQLException {
        fill(20_000);
        String evens = list(10_000, i -> String.valueOf(2 * i));
        assertThat(row("SELECT COUNT(*), SUM(id) FROM t WHERE id IN (" + evens + ")")).isEqualTo("10000 99990000");
        assertThat(row("SELECT COUNT(*), SUM(id) FROM t WHERE id NOT IN (" + evens + ")"))
                .isEqualTo("10000 100000000");
        assertThat(row("SELECT COUNT(*) FROM t WHERE v IN (" + list(10_000, i -> "'v" + 3 * i + "'") + ")"))
                .isEqualTo("6667");
        // Half of these keys exist; duplicates in the list match once.
        Object[] keys = IntStream.range(0, 10_000).mapToObj(i -> 10_000 + 2 * (i % 7_500)).toArray();
        assertThat(row("SELECT COUNT(*), MIN(id), MAX(id) FROM t WHERE id IN (" + list(10_000, i -> "?") + ")", keys))
                .isEqualTo("5000 10000 19998");
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM t WHERE id IN (" + list(10_000, i -> "?")
                + ")")) {
            for (int i = 0; i < 10_000; i++) {
                ps.setInt(i + 1, 2 * i + 1);
            }
            assertThat(ps.executeUpdate()).isEqualTo(10_000);
        }
        assertThat(row("SELECT COUNT(*), SUM(id) FROM t")).isEqualTo("10000 99990000");
    }

    @Test
    void anInListOfTwentyFiveParametersOnTheKeyIsReadByLookupsAndMatchesAsInDoes() throws SQLException {
        fill(100);
        String sql = "SELECT COUNT(*), SUM(id) FROM t WHERE id IN (" + list(25, i -> "?") + ")";
        try (PreparedStatement ps = conn.prepareStatement("EXPLAIN PLAN FOR " + sql)) {
            for (int i = 1; i <= 25; i++) {
                ps.setInt(i, i);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("KEY_IN").doesNotContain("MnemoTableScan(table=[[MNEMO, T]])");
            }
        }
        // Other numeric types than the key's, NULLs, duplicates, keys that do not exist.
        Object[] keys = new Object[25];
        for (int i = 0; i < 25; i++) {
            keys[i] = i % 5 == 0 ? (Object) (long) i : i % 5 == 1 ? new java.math.BigDecimal(i + ".00")
                    : i % 5 == 2 ? (Object) (short) 3 : i % 5 == 3 ? (Object) (200 + i) : null;
        }
        // 0, 5, ..., 20 and 1, 6, ..., 21, and 3 once.
        assertThat(row(sql, keys)).isEqualTo("11 108");
        assertThat(row("SELECT COUNT(*) FROM t WHERE id NOT IN (" + list(25, i -> "?") + ")",
                IntStream.range(0, 25).mapToObj(i -> (Object) (i * 2)).toArray())).isEqualTo("75");
    }

    @Test
    void theExplainOfAnInListOfTenThousandKeysShowsAFewOfThemAndTheirCount() throws SQLException {
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR SELECT v FROM t WHERE id IN ("
                     + list(10_000, i -> String.valueOf(7 * i)) + ")")) {
            assertThat(rs.next()).isTrue();
            String plan = rs.getString(1);
            assertThat(plan).contains("KEY_IN IN 10000 [0, 7, 14, 21, 28, 35, 42, 49]…").hasSizeLessThan(2000);
        }
    }

    /** A CASE of {@code n} branches WHEN n = i THEN 'x' || i, with {@code inner} more in a CASE in its ELSE. */
    private static String cases(int n, int inner) {
        String rest = inner == 0 ? "'no'" : "CASE" + IntStream.range(n, n + inner)
                .mapToObj(i -> " WHEN n = " + i + " THEN 'x" + i + "'").collect(Collectors.joining()) + " END";
        return "SELECT CASE" + IntStream.range(0, n).mapToObj(i -> " WHEN n = " + i + " THEN 'x" + i + "'")
                .collect(Collectors.joining()) + " ELSE " + rest + " END FROM t";
    }

    @Test
    void aCaseOfAHundredBranchesRunsAndOneOfMoreFailsWith54001BeforePlanning() throws SQLException {
        exec("INSERT INTO t (id, n) VALUES (1, 99)");
        assertThat(row(cases(100, 0))).isEqualTo("x99");
        assertThat(row(cases(60, 40))).isEqualTo("x99");
        for (int[] c : new int[][] {{101, 0}, {1000, 0}, {60, 41}}) {
            assertThatThrownBy(() -> conn.prepareStatement(cases(c[0], c[1])))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("54001");
                        assertThat(e.getMessage()).isEqualTo("statement too complex: a CASE has " + (c[0] + c[1])
                                + " WHEN branches (counting those of the CASEs inside it), more than the 100 allowed"
                                + " (the caseWhenBranches property of the database)");
                    });
        }
        assertThat(row("SELECT COUNT(*) FROM t")).isEqualTo("1");
    }

    @Test
    void theLimitOnCaseBranchesIsTheDatabasesCaseWhenBranchesProperty() throws SQLException {
        String lowered = "jdbc:mnemo:mem:cases" + System.nanoTime();
        String raised = lowered + "r";
        try (Connection low = DriverManager.getConnection(lowered + ";caseWhenBranches=3");
             Connection high = DriverManager.getConnection(raised + ";caseWhenBranches=110")) {
            for (Connection c : List.of(low, high)) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n BIGINT)");
                    s.execute("INSERT INTO t VALUES (1, 2)");
                }
            }
            assertThat(first(low, cases(3, 0))).isEqualTo("x2");
            assertThat(first(low, cases(2, 1))).isEqualTo("x2");
            assertThatThrownBy(() -> low.prepareStatement(cases(2, 2))).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getMessage()).startsWith("statement too complex: a CASE has 4 WHEN branches")
                            .contains("more than the 3 allowed"));
            assertThat(first(high, cases(101, 0))).isEqualTo("x2");
            assertThatThrownBy(() -> high.prepareStatement(cases(111, 0))).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("54001"));
            // A connection to an open database shares it, and its limit.
            try (Connection again = DriverManager.getConnection(lowered + ";caseWhenBranches=50")) {
                assertThatThrownBy(() -> again.prepareStatement(cases(4, 0))).isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("54001"));
            }
        } finally {
            Databases.close(lowered.substring(MnemoDriver.PREFIX.length()));
            Databases.close(raised.substring(MnemoDriver.PREFIX.length()));
        }
        for (String bad : new String[] {"0", "-1", "many"}) {
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:mnemo:mem:badcases;caseWhenBranches=" + bad))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("08001");
                        assertThat(e.getMessage()).contains("caseWhenBranches=" + bad);
                    });
        }
    }

    private static String first(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1).strip(); // a CHAR as long as the longest THEN
        }
    }

    @Test
    void aQueryOverValuesOfTenThousandRowsReadsThemAll() throws SQLException {
        String values = "(VALUES " + list(10_000, i -> "(" + i + ", 'r" + i + "', " + (i % 2 == 0) + ")")
                + ") AS x(a, b, c)";
        assertThat(row("SELECT COUNT(*), SUM(a), MAX(b), COUNT(*) FILTER (WHERE c) FROM " + values))
                .isEqualTo("10000 49995000 r9999 5000");
        assertThat(row("SELECT a, b FROM " + values + " WHERE a = 1234")).isEqualTo("1234 r1234");
    }

    @Test
    void statementsTooLargeToCompileFailWith54001AndTheConnectionCarriesOn() throws SQLException {
        // Cells of a type that is not held as data (INTERVAL) still compile to code, as do long chains of ORs.
        String intervals = "SELECT MAX(b) FROM (VALUES " + list(5000, i -> "(" + i + ", INTERVAL '" + i + "' DAY)")
                + ") AS x(a, b)";
        String ors = "SELECT id FROM t WHERE " + IntStream.range(0, 3000).mapToObj(i -> "id = " + i)
                .collect(Collectors.joining(" OR "));
        for (String sql : new String[] {intervals, ors}) {
            assertThatThrownBy(() -> conn.prepareStatement(sql).executeQuery())
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("54001");
                        assertThat(e.getMessage()).startsWith("statement too complex");
                    });
        }
        fill(3);
        assertThat(row("SELECT COUNT(*) FROM t")).isEqualTo("3");
    }
}
