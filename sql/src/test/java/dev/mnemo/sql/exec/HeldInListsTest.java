package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.Databases;
import org.apache.calcite.plan.RelOptUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long IN list of parameters is held as data as soon as the statement is converted, not built as one
 * projection per item and folded back later (the time of preparing it went there).
 */
class HeldInListsTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private String name;
    private Connection conn;

    @BeforeEach
    void open() throws SQLException {
        name = "held" + DATABASES.incrementAndGet();
        conn = DriverManager.getConnection("jdbc:mnemo:mem:" + name);
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE t (a INTEGER NOT NULL, b INTEGER NOT NULL, v VARCHAR(10), PRIMARY KEY (a, b))");
            s.execute("INSERT INTO t VALUES (1, 1, 'p'), (1, 2, 'q'), (2, 1, 'r'), (3, 3, 's')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        conn.close();
        Databases.close(name);
    }

    private static String params(int n, String item) {
        return IntStream.range(0, n).mapToObj(i -> item).collect(Collectors.joining(", "));
    }

    @Test
    void aListOfTenThousandParametersIsConvertedToRowsHeldAsData() {
        String plan = RelOptUtil.toString(Databases.get(name)
                .converted("SELECT v FROM t WHERE a IN (" + params(10_000, "?") + ")"));
        assertThat(plan).contains("MnemoValues(rows=[10000 [[?0], [?1], [?2]").doesNotContain("LogicalUnion")
                .hasSizeLessThan(2000);
        String notIn = RelOptUtil.toString(Databases.get(name)
                .converted("DELETE FROM t WHERE b NOT IN (" + params(30, "?") + ")"));
        assertThat(notIn).contains("MnemoValues(rows=[30 [[?0], [?1], [?2]").doesNotContain("LogicalUnion");
    }

    @Test
    void aListOfParametersMatchesAsInDoesWithNullsAndDuplicates() throws SQLException {
        String sql = "SELECT COUNT(*), SUM(a * 10 + b) FROM t WHERE b %s (" + params(25, "?") + ")";
        Object[] values = new Object[25];
        for (int i = 0; i < 25; i++) {
            // 2 twice, 3 (as a long), NULL, the rest absent.
            values[i] = i < 2 ? (Object) 2 : i == 2 ? (Object) 3L : i == 3 ? null : (Object) (100 + i);
        }
        assertThat(row(String.format(sql, "IN"), values)).isEqualTo("2 45");
        // Every row might equal the NULL: NOT IN is unknown for all of them.
        assertThat(row(String.format(sql, "NOT IN"), values)).isEqualTo("0 null");
        values[3] = 9;
        assertThat(row(String.format(sql, "NOT IN"), values)).isEqualTo("2 32");
    }

    private String row(String sql, Object[] params) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1) + " " + rs.getString(2);
            }
        }
    }
}
