package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.EmbeddedDatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key lookups of an IN list (KEY_IN) on an ordered_set's leading key column and on a bag's key, which read the rows
 * of each value lazily in chunks of growing size: results must be exactly those of reading them at once, in key order
 * within a value, across chunks, with the transaction's own uncommitted writes, under LIMIT, and in inputs that
 * Calcite reads more than once.
 */
class KeyLookupTest extends EmbeddedDatabaseTest {
    /** Rows enough that each value of {@code g} has more rows than the first several chunks hold together. */
    private static final int ROWS = 6_000;

    @BeforeEach
    void fillTable() throws SQLException {
        exec("CREATE TABLE o (g BIGINT NOT NULL, id BIGINT NOT NULL, PRIMARY KEY (g, id))"
                + " WITH (kind = 'ordered_set')");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO o VALUES (?, ?)")) {
            for (long id = 0; id < ROWS; id++) {
                ps.setLong(1, id % 3);
                ps.setLong(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<Long> ids(LongPredicate which) {
        return LongStream.range(0, ROWS).filter(which).boxed().toList();
    }

    @Test
    void prefixLookupsGiveEveryRowOnceInKeyOrderAcrossChunks() throws SQLException {
        assertThat(plan("SELECT id FROM o WHERE g IN (1, 2, 7)")).contains("KEY_IN");
        List<Long> rows = longs("SELECT id FROM o WHERE g IN (1, 2, 7)");
        List<Long> expected = new ArrayList<>(ids(i -> i % 3 != 0));
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rows.stream().filter(i -> i % 3 == 1).toList()).isEqualTo(ids(i -> i % 3 == 1));
        assertThat(longs("SELECT COUNT(*) FROM o WHERE g IN (0, 2, 0)")).containsExactly(2L * ROWS / 3);
        assertThat(longs("SELECT id FROM o WHERE g IN (2, 9) LIMIT 3")).containsExactly(2L, 5L, 8L);
    }

    @Test
    void aPrefixLookupSeesItsTransactionsOwnWritesOnceEach() throws SQLException {
        conn.setAutoCommit(false);
        exec("DELETE FROM o WHERE g = 1 AND id < 3000");
        exec("INSERT INTO o VALUES (1, -5), (1, 100000), (4, 100001)");
        List<Long> expected = new ArrayList<>(List.of(-5L));
        expected.addAll(ids(i -> i % 3 == 1 && i >= 3000));
        expected.add(100000L);
        assertThat(longs("SELECT id FROM o WHERE g IN (1, 4) AND id < 100001")).isEqualTo(expected);
        conn.rollback();
        assertThat(longs("SELECT id FROM o WHERE g IN (1, 4)")).isEqualTo(ids(i -> i % 3 == 1));
    }

    @Test
    void inputsReadTwiceStartOverEachTime() throws SQLException {
        assertThat(longs("SELECT COUNT(*) FROM o a JOIN o b ON a.id <= b.id WHERE a.g IN (1, 5) AND b.g IN (1, 5)"
                + " AND a.id < 150 AND b.id < 150")).containsExactly(50L * 51 / 2);
    }

    @Test
    void aBagKeyLookupGivesEachRowOnce() throws SQLException {
        exec("CREATE TABLE b (k BIGINT NOT NULL, v BIGINT NOT NULL, PRIMARY KEY (k)) WITH (kind = 'bag')");
        exec("INSERT INTO b SELECT g, id FROM o");
        assertThat(plan("SELECT v FROM b WHERE k IN (2, 0)")).contains("KEY_IN");
        assertThat(longs("SELECT v FROM b WHERE k IN (2, 0)"))
                .containsExactlyInAnyOrderElementsOf(ids(i -> i % 3 != 1));
        conn.setAutoCommit(false);
        exec("INSERT INTO b VALUES (2, -1)");
        exec("DELETE FROM b WHERE v = 5");
        List<Long> expected = new ArrayList<>(ids(i -> i % 3 == 2 && i != 5));
        expected.add(-1L);
        assertThat(longs("SELECT v FROM b WHERE k IN (2, 8)")).containsExactlyInAnyOrderElementsOf(expected);
        conn.rollback();
    }
}
