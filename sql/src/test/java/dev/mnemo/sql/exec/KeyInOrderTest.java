package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.EmbeddedDatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key lookups (KEY_IN) of an ordered_set read their keys, or the key ranges of their leading columns' values, in key
 * order, either way: ORDER BY the key's columns needs no sort, and a LIMIT stops the lookups once it has its rows.
 * Results equal those of the same query read by a full scan (and sorted, for DESC).
 */
class KeyInOrderTest extends EmbeddedDatabaseTest {
    private static final int ROWS = 3_000;

    @BeforeEach
    void fillTables() throws SQLException {
        exec("CREATE TABLE o (g BIGINT NOT NULL, id BIGINT NOT NULL, PRIMARY KEY (g, id)) WITH (kind = 'ordered_set')");
        exec("CREATE TABLE k (id BIGINT NOT NULL, v BIGINT, PRIMARY KEY (id)) WITH (kind = 'ordered_set')");
        exec("CREATE TABLE s (id BIGINT NOT NULL, v BIGINT, PRIMARY KEY (id))");
        try (PreparedStatement o = conn.prepareStatement("INSERT INTO o VALUES (?, ?)");
             PreparedStatement k = conn.prepareStatement("INSERT INTO k VALUES (?, ?)");
             PreparedStatement s = conn.prepareStatement("INSERT INTO s VALUES (?, ?)")) {
            for (long id = 0; id < ROWS; id++) {
                o.setLong(1, id % 5);
                o.setLong(2, id);
                o.addBatch();
                for (PreparedStatement ps : List.of(k, s)) {
                    ps.setLong(1, id);
                    ps.setLong(2, ROWS - id);
                    ps.addBatch();
                }
            }
            o.executeBatch();
            k.executeBatch();
            s.executeBatch();
        }
    }

    /** The rows of a query as "a|b|...". */
    private List<String> rows(String sql) throws SQLException {
        return QueryRows.of(conn, sql);
    }

    /** Checks that the query reads by KEY_IN without a sort, and gives what the same query over a full scan does. */
    private void assertInKeyOrderWithoutSort(String keyIn, String scanned) throws SQLException {
        assertThat(plan(keyIn)).contains("KEY_IN").doesNotContain("Sort");
        assertThat(plan(scanned)).doesNotContain("KEY_IN");
        List<String> want = rows(scanned);
        assertThat(want).isNotEmpty();
        assertThat(rows(keyIn)).as(keyIn).isEqualTo(want);
    }

    @Test
    void lookupsOfWholeKeysNeedNoSortEitherWay() throws SQLException {
        String in = " IN (2500, 7, 19, 7, NULL, 4000, 1200, 3, 19)";
        for (String order : List.of("id", "id DESC")) {
            for (String limit : List.of("", " LIMIT 3", " LIMIT 2 OFFSET 2", " OFFSET 1")) {
                assertInKeyOrderWithoutSort("SELECT id, v FROM k WHERE id" + in + " ORDER BY " + order + limit,
                        "SELECT id, v FROM k WHERE ABS(id)" + in + " ORDER BY " + order + limit);
            }
        }
    }

    @Test
    void lookupsOfAKeyPrefixNeedNoSortEitherWay() throws SQLException {
        String in = " IN (3, 1, 3, NULL, 9, 0)";
        for (String order : List.of("g, id", "g DESC, id DESC")) {
            for (String limit : List.of("", " LIMIT 7", " LIMIT 5 OFFSET 1200", " OFFSET 1795")) {
                assertInKeyOrderWithoutSort("SELECT g, id FROM o WHERE g" + in + " ORDER BY " + order + limit,
                        "SELECT g, id FROM o WHERE ABS(g)" + in + " ORDER BY " + order + limit);
            }
        }
        // Key order on (g, id) is also an order on g alone (the order of id within a g is then free).
        assertThat(plan("SELECT g, id FROM o WHERE g" + in + " ORDER BY g LIMIT 7")).doesNotContain("Sort");
        assertThat(plan("SELECT g, id FROM o WHERE g" + in + " ORDER BY g DESC LIMIT 7")).doesNotContain("Sort");
        assertThat(rows("SELECT id FROM o WHERE g IN (4, 2) AND id > 2980 ORDER BY g DESC, id DESC LIMIT 4"))
                .containsExactly("2999", "2994", "2989", "2984");
    }

    @Test
    void anOrderTheKeysDoNotGiveIsStillSorted() throws SQLException {
        assertThat(plan("SELECT id, v FROM k WHERE id IN (5, 1, 3) ORDER BY v LIMIT 2")).contains("KEY_IN")
                .contains("Sort");
        assertThat(rows("SELECT id FROM k WHERE id IN (5, 1, 3) ORDER BY v LIMIT 2")).containsExactly("5", "3");
        assertThat(plan("SELECT g, id FROM o WHERE g IN (1, 2) ORDER BY g DESC, id LIMIT 2")).contains("Sort");
        assertThat(rows("SELECT g, id FROM o WHERE g IN (1, 2) ORDER BY g DESC, id LIMIT 2"))
                .containsExactly("2|2", "2|7");
        assertThat(plan("SELECT id, v FROM s WHERE id IN (5, 1, 3) ORDER BY id LIMIT 2")).contains("KEY_IN")
                .contains("Sort");
        assertThat(rows("SELECT id FROM s WHERE id IN (5, 1, 3) ORDER BY id DESC LIMIT 2")).containsExactly("5", "3");
    }

    @Test
    void ownUncommittedWritesComeInKeyOrderToo() throws SQLException {
        conn.setAutoCommit(false);
        exec("INSERT INTO o VALUES (1, -1), (1, 5000), (3, 2)");
        exec("DELETE FROM o WHERE g = 3 AND id < 100");
        assertInKeyOrderWithoutSort("SELECT g, id FROM o WHERE g IN (3, 1) ORDER BY g DESC, id DESC LIMIT 25",
                "SELECT g, id FROM o WHERE ABS(g) IN (3, 1) ORDER BY g DESC, id DESC LIMIT 25");
        assertThat(rows("SELECT id FROM o WHERE g IN (3, 1) ORDER BY g, id LIMIT 2")).containsExactly("-1", "1");
        conn.rollback();
    }

    /**
     * What a transaction read decides which commits by others make it fail: a walk over a few rows of a key range
     * leaves the rest to others, one that read the whole range (to sort it) does not. So the lookups under the LIMIT
     * read only the first rows of the first value's range (in either direction), and rows past them may change.
     */
    @Test
    void aLimitStopsTheLookupsOnceItHasItsRows() throws SQLException {
        try (Connection other = DriverManager.getConnection(conn.getMetaData().getURL())) {
            for (String order : List.of("g, id", "g DESC, id DESC")) {
                conn.setAutoCommit(false);
                assertThat(rows("SELECT g, id FROM o WHERE g IN (2, 3) ORDER BY " + order + " LIMIT 3")).hasSize(3);
                try (PreparedStatement ps = other.prepareStatement("UPDATE o SET id = id + 10000 WHERE g = ?"
                        + " AND id = ?")) {
                    boolean down = order.contains("DESC");
                    ps.setLong(1, down ? 2 : 3);
                    ps.setLong(2, down ? 1502 : 1503); // the middle of the range of the value read last
                    assertThat(ps.executeUpdate()).isOne();
                }
                conn.commit(); // 40001 if the query had read the row the other transaction changed
                conn.setAutoCommit(true);
            }
        }
    }
}
