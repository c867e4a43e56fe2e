package dev.mnemo.sql.exec;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.testing.ChildJvm;
import dev.mnemo.sql.jdbc.Databases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static dev.mnemo.sql.exec.HashScanHeapTest.Scanner.single;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Index lookups through SQL stream their rows: a child JVM whose heap is far smaller than the rows they match would
 * be on it (a million rows sharing one value of a non-unique index) counts and sums them through an equality on a
 * hash and on an ordered index, through a range of the ordered one, and through an IN list of each, and takes one of
 * them under a LIMIT. Were a lookup to collect its matches before Calcite reads them, it would run out of memory.
 */
class IndexScanHeapTest {
    static final int ROWS = 1_000_000;
    static final String HEAP = "-Xmx48m";
    /** The one row whose {@code v} is not 1. */
    static final int RARE_ROW = 777_777;
    static final int RARE_V = 42;
    /** Rows past the million whose indexed values lie outside every range queried. */
    static final int OTHER_ROWS = 10;

    static final String[] QUERIES = {
        "SELECT COUNT(*) FROM t WHERE h = 1",
        "SELECT SUM(v) FROM t WHERE g = 1",
        "SELECT COUNT(*) FROM t WHERE g BETWEEN 0 AND 1",
        "SELECT SUM(v) FROM t WHERE g > 0 AND g < 2",
        "SELECT COUNT(*) FROM (SELECT id FROM t WHERE g = 1 LIMIT 1)",
        "SELECT COUNT(*) FROM t WHERE h IN (1, " + (ROWS + 5) + ", 3)",
        "SELECT SUM(v) FROM t WHERE g IN (" + (ROWS + 6) + ", 1)",
    };

    @Test
    void aMillionRowsSharingAnIndexedValueAreCountedAndSummedInAHeapOfFortyEightMegabytes() throws Exception {
        ChildJvm.Result child = ChildJvm.run(HEAP, Reader.class, Duration.ofMinutes(10));
        assertThat(child.exitCode()).as("child output: %s", child.lines()).isZero();
        long sum = ROWS - 1 + RARE_V;
        assertThat(child.lines()).contains("loaded " + (ROWS + OTHER_ROWS),
                "INDEX_EQ BY_H: " + ROWS, "INDEX_EQ BY_G: " + sum, "INDEX_RANGE BY_G: " + ROWS,
                "INDEX_RANGE BY_G: " + sum, "INDEX_EQ BY_G: 1", "INDEX_IN BY_H: " + (ROWS + 1),
                "INDEX_IN BY_G: " + (sum + 1));
    }

    /** Creates the table through SQL, loads it through the engine (quicker), then queries it through JDBC. */
    public static final class Reader {
        public static void main(String[] args) throws SQLException {
            try (Connection c = DriverManager.getConnection("jdbc:mnemo:mem:indexscan");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, g INTEGER NOT NULL, h INTEGER NOT NULL,"
                        + " v INTEGER NOT NULL)");
                s.execute("CREATE INDEX by_g ON t (g)");
                s.execute("CREATE INDEX by_h ON t (h) USING HASH");
                Mnemo db = Databases.get("indexscan").db();
                for (int base = 0; base < ROWS + OTHER_ROWS; base += 10_000) {
                    int from = base;
                    db.transaction(tx -> {
                        for (int i = from; i < Math.min(from + 10_000, ROWS + OTHER_ROWS); i++) {
                            int indexed = i < ROWS ? 1 : 5 + i;
                            tx.write("T", Row.of((long) i, indexed, indexed, i == RARE_ROW ? RARE_V : 1));
                        }
                        return null;
                    });
                }
                System.out.println("loaded " + db.size("T"));
                for (String q : QUERIES) {
                    System.out.println(access(s, q) + ": " + single(s, q));
                }
            } finally {
                Databases.close("indexscan");
            }
        }

        /** The index access the plan of {@code sql} reads through, as EXPLAIN shows it. */
        private static String access(Statement s, String sql) throws SQLException {
            String plan = single(s, "EXPLAIN PLAN FOR " + sql);
            for (String kind : List.of("INDEX_EQ BY_H", "INDEX_EQ BY_G", "INDEX_RANGE BY_G", "INDEX_IN BY_H",
                    "INDEX_IN BY_G")) {
                if (plan.contains(kind)) {
                    return kind;
                }
            }
            return "no index access in " + plan;
        }
    }
}
