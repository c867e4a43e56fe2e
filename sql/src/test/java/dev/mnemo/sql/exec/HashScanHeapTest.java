package dev.mnemo.sql.exec;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.testing.ChildJvm;
import dev.mnemo.sql.jdbc.Databases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Full scans of a set table through SQL stream its rows: a child JVM whose heap is far smaller than the table's
 * rows would be on it (a million rows with 40-character keys) counts, sums and filters them through
 * {@code jdbc:mnemo:mem:}. Were the scan to collect its rows before Calcite reads them, it would run out of memory.
 */
class HashScanHeapTest {
    static final int ROWS = 1_000_000;
    static final String HEAP = "-Xmx48m";
    /** The one row whose {@code v} is not 1. */
    static final int RARE_ROW = 777_777;
    static final int RARE_V = 42;

    @Test
    void aMillionRowSetTableIsCountedSummedAndFilteredInAHeapOfFortyEightMegabytes() throws Exception {
        ChildJvm.Result child = ChildJvm.run(HEAP, Scanner.class, Duration.ofMinutes(10));
        assertThat(child.exitCode()).as("child output: %s", child.lines()).isZero();
        assertThat(child.lines()).contains("loaded " + ROWS, "count " + ROWS, "sum " + (ROWS - 1 + RARE_V),
                "rare " + key(RARE_ROW));
    }

    static String key(int i) {
        return String.format("%040d", i);
    }

    /** Creates the table through SQL, loads it through the engine (quicker), then queries it through JDBC. */
    public static final class Scanner {
        public static void main(String[] args) throws SQLException {
            try (Connection c = DriverManager.getConnection("jdbc:mnemo:mem:hashscan");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (k VARCHAR(40) PRIMARY KEY, v INTEGER NOT NULL)");
                Mnemo db = Databases.get("hashscan").db();
                for (int base = 0; base < ROWS; base += 10_000) {
                    int from = base;
                    db.transaction(tx -> {
                        for (int i = from; i < from + 10_000; i++) {
                            tx.write("T", Row.of(key(i), i == RARE_ROW ? RARE_V : 1));
                        }
                        return null;
                    });
                }
                System.out.println("loaded " + db.size("T"));
                System.out.println("count " + single(s, "SELECT COUNT(*) FROM t"));
                System.out.println("sum " + single(s, "SELECT SUM(v) FROM t"));
                System.out.println("rare " + single(s, "SELECT k FROM t WHERE v = " + RARE_V));
            } finally {
                Databases.close("hashscan");
            }
        }

        static String single(Statement s, String sql) throws SQLException {
            try (ResultSet rs = s.executeQuery(sql)) {
                StringBuilder out = new StringBuilder();
                while (rs.next()) {
                    out.append(out.length() == 0 ? "" : ",").append(rs.getString(1));
                }
                return out.toString();
            }
        }
    }
}
