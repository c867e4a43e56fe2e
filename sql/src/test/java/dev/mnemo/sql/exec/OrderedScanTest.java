package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.EmbeddedDatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scans of ordered_set tables, which read their key range lazily in chunks of growing size: results must be
 * exactly those of reading the range at once, across chunk boundaries, with bounds, key prefixes, the
 * transaction's own uncommitted writes, LIMIT/OFFSET, and inputs that Calcite reads more than once.
 */
class OrderedScanTest extends EmbeddedDatabaseTest {
    /** More rows than the first several chunks hold together (16, 64, 256, 1024, 4096). */
    private static final int ROWS = 6_000;

    @BeforeEach
    void fillTable() throws SQLException {
        exec("CREATE TABLE t (id BIGINT PRIMARY KEY, v BIGINT NOT NULL) WITH (kind = 'ordered_set')");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
            for (long id = 0; id < ROWS; id++) {
                ps.setLong(1, id * 2);
                ps.setLong(2, id % 7);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private List<Long> longs(String sql, long... params) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setLong(i + 1, params[i]);
            }
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    private static List<Long> evens(long fromInclusive, long toExclusive) {
        return LongStream.range(fromInclusive, toExclusive).filter(i -> i % 2 == 0).boxed().toList();
    }

    @Test
    void fullScansAndRangesReturnEveryRowInKeyOrderAcrossChunks() throws SQLException {
        assertThat(longs("SELECT id FROM t")).isEqualTo(evens(0, 2L * ROWS));
        assertThat(longs("SELECT id FROM t WHERE id >= ?", 101)).isEqualTo(evens(102, 2L * ROWS));
        assertThat(longs("SELECT id FROM t WHERE id > ? AND id <= ?", 100, 9000)).isEqualTo(evens(101, 9001));
        assertThat(longs("SELECT id FROM t WHERE id < ?", 3000)).isEqualTo(evens(0, 3000));
        assertThat(longs("SELECT COUNT(*) FROM t WHERE id >= ? AND v = 3", 0))
                .containsExactly(LongStream.range(0, ROWS).filter(i -> i % 7 == 3).count());
    }

    @Test
    void limitAndOffsetOverAnOrderedRangeNeedNoSort() throws SQLException {
        String sql = "SELECT id FROM t WHERE id >= ? ORDER BY id LIMIT 10";
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql.replace("?", "5"))) {
            rs.next();
            assertThat(rs.getString(1)).contains("KEY_RANGE").contains("firstChunk=[10]")
                    .contains("RowsAtMost(rows=[10])").doesNotContain("Sort");
        }
        assertThat(longs(sql, 5)).isEqualTo(evens(6, 26));
        assertThat(longs("SELECT id FROM t WHERE id >= ? ORDER BY id LIMIT 5 OFFSET 3000", 0))
                .isEqualTo(evens(6000, 6010));
        assertThat(longs(sql, 2L * ROWS - 6)).containsExactly(2L * ROWS - 6, 2L * ROWS - 4, 2L * ROWS - 2);
        // The filter drops most rows of the first chunk, so later chunks must follow.
        assertThat(longs("SELECT id FROM t WHERE id >= ? AND v = 6 ORDER BY id LIMIT 3", 0))
                .containsExactly(12L, 26L, 40L);
    }

    @Test
    void aLimitWithoutOffsetOverAHintedScanIsTheRowCapAlone() throws SQLException {
        // Calcite's limit reads each row of its input twice (its test, then its caller), and the projection below
        // builds a new array at each read: the cap that RowsAtMost already enforces makes the limit redundant.
        String sql = "SELECT id, v FROM t WHERE id >= ? ORDER BY id LIMIT 4";
        assertThat(explain(sql.replace("?", "5"))).contains("RowsAtMost(rows=[4])").doesNotContain("Limit");
        assertThat(explain("SELECT id FROM t WHERE id >= 5 ORDER BY id LIMIT 4 OFFSET 2"))
                .contains("EnumerableLimit(offset=[2], fetch=[4])").contains("RowsAtMost(rows=[6])");
        try (PreparedStatement p = conn.prepareStatement(sql)) {
            p.setLong(1, 5);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getLong(1) + ":" + rs.getLong(2));
                }
            }
            assertThat(rows).containsExactly("6:3", "8:4", "10:5", "12:6");
        }
        assertThat(longs("SELECT id FROM t WHERE id >= ? ORDER BY id LIMIT 4 OFFSET 2", 5))
                .containsExactly(10L, 12L, 14L, 16L);
    }

    private String explain(String sql) throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aScanSeesItsTransactionsOwnWritesBetweenAndBeyondChunks() throws SQLException {
        conn.setAutoCommit(false);
        exec("DELETE FROM t WHERE id < 40");
        exec("INSERT INTO t VALUES (1, 0), (33, 0), (5001, 0), (99999, 0)");
        List<Long> expected = new ArrayList<>(List.of(1L, 33L));
        expected.addAll(evens(40, 5001));
        expected.add(5001L);
        expected.addAll(evens(5002, 2L * ROWS));
        expected.add(99999L);
        assertThat(longs("SELECT id FROM t")).isEqualTo(expected);
        conn.rollback();
        assertThat(longs("SELECT id FROM t WHERE id < ?", 4)).containsExactly(0L, 2L);
    }

    @Test
    void inputsReadTwiceStartOverEachTime() throws SQLException {
        exec("CREATE TABLE small (id BIGINT PRIMARY KEY) WITH (kind = 'ordered_set')");
        exec("INSERT INTO small VALUES (10), (20), (30)");
        assertThat(longs("SELECT COUNT(*) FROM small a, small b WHERE a.id <= b.id")).containsExactly(6L);
        assertThat(longs("SELECT COUNT(*) FROM t a WHERE a.id < 100 AND EXISTS"
                + " (SELECT 1 FROM t b WHERE b.id > a.id + 9000)")).containsExactly(50L);
    }

    @Test
    void updatesDrivenByAnOrderedScanChangeEveryRowOnce() throws SQLException {
        assertThat(conn.createStatement().executeUpdate("UPDATE t SET id = id + 1 WHERE id >= 100"))
                .isEqualTo(ROWS - 50);
        assertThat(longs("SELECT COUNT(*) FROM t WHERE MOD(id, 2) = 1")).containsExactly((long) ROWS - 50);
        assertThat(longs("SELECT MAX(id) FROM t")).containsExactly(2L * ROWS - 1);
    }
}
