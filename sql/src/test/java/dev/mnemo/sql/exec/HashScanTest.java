package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.EmbeddedDatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Full scans of set and bag tables, which read the table lazily a piece at a time: results must be exactly those of
 * reading it at once, across pieces, with the transaction's own uncommitted writes, in DML, and in inputs that
 * Calcite reads more than once.
 */
class HashScanTest extends EmbeddedDatabaseTest {
    /** Rows enough for the table's map to have many segments, so that a scan reads many pieces. */
    private static final int ROWS = 6_000;

    @BeforeEach
    void fillTable() throws SQLException {
        exec("CREATE TABLE t (id BIGINT PRIMARY KEY, v BIGINT NOT NULL)");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
            for (long id = 0; id < ROWS; id++) {
                ps.setLong(1, id);
                ps.setLong(2, id % 7);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<Long> range(long fromInclusive, long toExclusive) {
        return LongStream.range(fromInclusive, toExclusive).boxed().toList();
    }

    @Test
    void aFullScanGivesEveryRowOnce() throws SQLException {
        assertThat(longs("SELECT id FROM t")).hasSize(ROWS).containsExactlyInAnyOrderElementsOf(range(0, ROWS));
        assertThat(longs("SELECT COUNT(*) FROM t WHERE v = 3"))
                .containsExactly(LongStream.range(0, ROWS).filter(i -> i % 7 == 3).count());
        assertThat(longs("SELECT SUM(id) FROM t")).containsExactly((long) ROWS * (ROWS - 1) / 2);
        assertThat(longs("SELECT id FROM t ORDER BY id LIMIT 3 OFFSET 100")).containsExactly(100L, 101L, 102L);
    }

    @Test
    void aScanSeesItsTransactionsOwnWritesOnceEach() throws SQLException {
        conn.setAutoCommit(false);
        exec("DELETE FROM t WHERE id < 40");
        exec("UPDATE t SET v = 100 WHERE id >= 40 AND id < 60");
        exec("INSERT INTO t VALUES (1, 0), (33, 0), (9001, 0), (99999, 0)");
        List<Long> expected = new ArrayList<>(List.of(1L, 33L, 9001L, 99999L));
        expected.addAll(range(40, ROWS));
        assertThat(longs("SELECT id FROM t")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(longs("SELECT COUNT(*) FROM t WHERE v = 100")).containsExactly(20L);
        conn.rollback();
        assertThat(longs("SELECT COUNT(*) FROM t WHERE v = 100 OR id < 40")).containsExactly(40L);
    }

    @Test
    void inputsReadTwiceStartOverEachTime() throws SQLException {
        assertThat(longs("SELECT COUNT(*) FROM t a JOIN t b ON a.id <= b.id WHERE a.id < 50 AND b.id < 50"))
                .containsExactly(50L * 51 / 2);
        assertThat(longs("SELECT COUNT(*) FROM t a WHERE a.id < 100 AND EXISTS"
                + " (SELECT 1 FROM t b WHERE b.id > a.id + 5900)")).containsExactly(99L);
    }

    @Test
    void updatesDrivenByAScanChangeEveryRowOnce() throws SQLException {
        assertThat(conn.createStatement().executeUpdate("UPDATE t SET id = id + 100000")).isEqualTo(ROWS);
        assertThat(longs("SELECT id FROM t")).containsExactlyInAnyOrderElementsOf(range(100_000, 100_000 + ROWS));
        assertThat(conn.createStatement().executeUpdate("INSERT INTO t SELECT id + 1000000, v FROM t"))
                .isEqualTo(ROWS);
        assertThat(longs("SELECT COUNT(*) FROM t")).containsExactly(2L * ROWS);
    }

    @Test
    void aBagScanGivesEachRowOnceWithTheTransactionsAddsAndRemoves() throws SQLException {
        exec("CREATE TABLE b (id BIGINT PRIMARY KEY, v BIGINT NOT NULL) WITH (kind = 'bag')");
        exec("INSERT INTO b SELECT MOD(id, 500), id FROM t");
        assertThat(longs("SELECT COUNT(*) FROM b")).containsExactly((long) ROWS);
        conn.setAutoCommit(false);
        exec("INSERT INTO b VALUES (7, -1), (700, -2), (700, -2)");
        exec("DELETE FROM b WHERE id = 9 OR v = 8");
        List<Long> expected = new ArrayList<>(LongStream.range(0, ROWS).filter(v -> v % 500 != 9 && v != 8).boxed()
                .toList());
        expected.addAll(List.of(-1L, -2L));
        assertThat(longs("SELECT v FROM b")).containsExactlyInAnyOrderElementsOf(expected);
        conn.rollback();
        assertThat(longs("SELECT COUNT(*) FROM b")).containsExactly((long) ROWS);
    }
}
