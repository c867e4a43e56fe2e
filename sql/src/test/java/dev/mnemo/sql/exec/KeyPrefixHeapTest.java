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

import static dev.mnemo.sql.exec.HashScanHeapTest.Scanner.single;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key lookups of an IN list on the leading column of an ordered_set's key stream their rows: a child JVM whose heap
 * is far smaller than the rows they match would be on it (a million rows sharing the key's first column) counts and
 * sums them and finds their largest second key column. Were the lookup to collect a value's rows before Calcite reads
 * them, it would run out of memory.
 */
class KeyPrefixHeapTest {
    static final int ROWS = IndexScanHeapTest.ROWS;
    static final int RARE_ROW = IndexScanHeapTest.RARE_ROW;
    static final int RARE_V = IndexScanHeapTest.RARE_V;

    static final String[] QUERIES = {
        "SELECT COUNT(*) FROM o WHERE g IN (1, 3)",
        "SELECT SUM(v) FROM o WHERE g IN (" + (ROWS + 6) + ", 1, 2)",
        "SELECT MAX(id) FROM o WHERE g IN (0, 1)",
    };

    @Test
    void aMillionRowsSharingAKeyPrefixAreCountedAndSummedInAHeapOfFortyEightMegabytes() throws Exception {
        ChildJvm.Result child = ChildJvm.run(IndexScanHeapTest.HEAP, Reader.class, Duration.ofMinutes(10));
        assertThat(child.exitCode()).as("child output: %s", child.lines()).isZero();
        assertThat(child.lines()).contains("loaded " + (ROWS + 1), "KEY_IN: " + ROWS,
                "KEY_IN: " + (ROWS - 1 + RARE_V + 1), "KEY_IN: " + (ROWS - 1));
    }

    /** Creates the table through SQL, loads it through the engine (quicker), then queries it through JDBC. */
    public static final class Reader {
        public static void main(String[] args) throws SQLException {
            try (Connection c = DriverManager.getConnection("jdbc:mnemo:mem:keyprefix");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE o (g INTEGER NOT NULL, id BIGINT NOT NULL, v INTEGER NOT NULL,"
                        + " PRIMARY KEY (g, id)) WITH (kind = 'ordered_set')");
                Mnemo db = Databases.get("keyprefix").db();
                for (int base = 0; base < ROWS; base += 10_000) {
                    int from = base;
                    db.transaction(tx -> {
                        for (int i = from; i < from + 10_000; i++) {
                            tx.write("O", Row.of(1, (long) i, i == RARE_ROW ? RARE_V : 1));
                        }
                        return null;
                    });
                }
                db.transaction(tx -> {
                    tx.write("O", Row.of(ROWS + 6, -1L, 1));
                    return null;
                });
                System.out.println("loaded " + db.size("O"));
                for (String q : QUERIES) {
                    String plan = single(s, "EXPLAIN PLAN FOR " + q);
                    System.out.println((plan.contains("KEY_IN") ? "KEY_IN" : "no KEY_IN in " + plan) + ": "
                            + single(s, q));
                }
            } finally {
                Databases.close("keyprefix");
            }
        }
    }
}
