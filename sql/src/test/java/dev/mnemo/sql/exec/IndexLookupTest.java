package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.EmbeddedDatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Index lookups and ranges (INDEX_EQ, INDEX_RANGE), which read the rows they match lazily in chunks of growing size:
 * results must be exactly those of reading them at once, in index order, across chunks, with the transaction's own
 * uncommitted writes, under LIMIT, in DML, and in inputs that Calcite reads more than once.
 */
class IndexLookupTest extends EmbeddedDatabaseTest {
    /** Rows enough that each value of {@code g} has more rows than the first several chunks hold together. */
    private static final int ROWS = 6_000;

    @BeforeEach
    void fillTable() throws SQLException {
        exec("CREATE TABLE t (id BIGINT PRIMARY KEY, g BIGINT NOT NULL, h BIGINT NOT NULL)");
        exec("CREATE INDEX t_g ON t (g)");
        exec("CREATE INDEX t_h ON t (h) USING HASH");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
            for (long id = 0; id < ROWS; id++) {
                ps.setLong(1, id);
                ps.setLong(2, id % 3);
                ps.setLong(3, id % 3);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<Long> ids(LongPredicate which) {
        return LongStream.range(0, ROWS).filter(which).boxed().toList();
    }

    @Test
    void lookupsAndRangesGiveEveryMatchOnceInIndexOrderAcrossChunks() throws SQLException {
        assertThat(plan("SELECT id FROM t WHERE g = 1")).contains("INDEX_EQ T_G").doesNotContain("Sort");
        assertThat(longs("SELECT id FROM t WHERE g = 1")).isEqualTo(ids(i -> i % 3 == 1));
        assertThat(plan("SELECT id FROM t WHERE g BETWEEN 1 AND 2")).contains("INDEX_RANGE T_G");
        List<Long> oneThenTwo = new ArrayList<>(ids(i -> i % 3 == 1));
        oneThenTwo.addAll(ids(i -> i % 3 == 2));
        assertThat(longs("SELECT id FROM t WHERE g BETWEEN 1 AND 2")).isEqualTo(oneThenTwo);
        assertThat(longs("SELECT id FROM t WHERE g > 0 AND g < 2")).isEqualTo(ids(i -> i % 3 == 1));
        assertThat(plan("SELECT id FROM t WHERE h = 2")).contains("INDEX_EQ T_H");
        assertThat(longs("SELECT id FROM t WHERE h = 2")).containsExactlyInAnyOrderElementsOf(ids(i -> i % 3 == 2));
        assertThat(longs("SELECT SUM(id) FROM t WHERE h = 0"))
                .containsExactly(ids(i -> i % 3 == 0).stream().mapToLong(Long::longValue).sum());
        assertThat(longs("SELECT id FROM t WHERE g = 7")).isEmpty();
    }

    @Test
    void aLimitOverALookupTakesTheFirstRowsInIndexOrder() throws SQLException {
        assertThat(longs("SELECT id FROM t WHERE g = 2 LIMIT 3")).containsExactly(2L, 5L, 8L);
        assertThat(longs("SELECT id FROM t WHERE g >= 1 LIMIT 2 OFFSET 1999")).containsExactly(5998L, 2L);
        assertThat(longs("SELECT COUNT(*) FROM t a WHERE a.id < 10 AND EXISTS"
                + " (SELECT 1 FROM t b WHERE b.g = a.g AND b.id > a.id + 5980)")).containsExactly(10L);
    }

    @Test
    void aLookupSeesItsTransactionsOwnWritesOnceEach() throws SQLException {
        conn.setAutoCommit(false);
        exec("DELETE FROM t WHERE id < 30");
        exec("UPDATE t SET g = 1, h = 1 WHERE id >= 30 AND id < 60");
        exec("UPDATE t SET g = 2, h = 2 WHERE id >= 60 AND id < 90 AND g = 1");
        exec("INSERT INTO t VALUES (-5, 1, 1), (100000, 1, 1), (100001, 0, 0)");
        List<Long> expected = new ArrayList<>(List.of(-5L));
        expected.addAll(ids(i -> i >= 30 && (i < 60 || i % 3 == 1 && i >= 90)));
        expected.add(100000L);
        assertThat(longs("SELECT id FROM t WHERE g = 1")).isEqualTo(expected);
        assertThat(longs("SELECT id FROM t WHERE h = 1")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(longs("SELECT COUNT(*) FROM t WHERE g BETWEEN 0 AND 1"))
                .containsExactly((long) expected.size() + ids(i -> i >= 60 && i % 3 == 0).size() + 1);
        conn.rollback();
        assertThat(longs("SELECT id FROM t WHERE g = 1")).isEqualTo(ids(i -> i % 3 == 1));
    }

    @Test
    void inputsReadTwiceStartOverEachTime() throws SQLException {
        assertThat(longs("SELECT COUNT(*) FROM t a JOIN t b ON a.id <= b.id WHERE a.g = 1 AND b.g = 1"
                + " AND a.id < 150 AND b.id < 150")).containsExactly(50L * 51 / 2);
    }

    @Test
    void statementsDrivenByALookupChangeEveryMatchOnce() throws SQLException {
        try (Statement s = conn.createStatement()) {
            assertThat(s.executeUpdate("UPDATE t SET g = g + 3 WHERE g = 1")).isEqualTo(ROWS / 3);
            assertThat(longs("SELECT COUNT(*) FROM t WHERE g = 1")).containsExactly(0L);
            assertThat(longs("SELECT id FROM t WHERE g = 4")).isEqualTo(ids(i -> i % 3 == 1));
            assertThat(s.executeUpdate("DELETE FROM t WHERE g BETWEEN 2 AND 4")).isEqualTo(2 * ROWS / 3);
            assertThat(s.executeUpdate("INSERT INTO t SELECT id + 100000, g, h FROM t WHERE h = 0"))
                    .isEqualTo(ROWS / 3);
        }
        assertThat(longs("SELECT COUNT(*) FROM t")).containsExactly(2L * ROWS / 3);
    }

    @Test
    void aBagTablesLookupGivesEachRowOnce() throws SQLException {
        exec("CREATE TABLE b (id BIGINT PRIMARY KEY, g BIGINT NOT NULL, v BIGINT NOT NULL) WITH (kind = 'bag')");
        exec("CREATE INDEX b_g ON b (g)");
        exec("INSERT INTO b SELECT MOD(id, 100), MOD(id, 3), id FROM t");
        assertThat(longs("SELECT v FROM b WHERE g = 2")).containsExactlyInAnyOrderElementsOf(ids(i -> i % 3 == 2));
        conn.setAutoCommit(false);
        exec("INSERT INTO b VALUES (7, 2, -1)");
        exec("DELETE FROM b WHERE v = 5");
        List<Long> expected = new ArrayList<>(ids(i -> i % 3 == 2 && i != 5));
        expected.add(-1L);
        assertThat(longs("SELECT v FROM b WHERE g = 2")).containsExactlyInAnyOrderElementsOf(expected);
        conn.rollback();
    }
}
