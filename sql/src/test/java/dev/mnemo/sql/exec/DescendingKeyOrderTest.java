package dev.mnemo.sql.exec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ordered_set reads its keys from the highest down for ORDER BY the key DESC (every key column DESC, or the DESC
 * leading columns of a compound key), over a full scan or a key range: no sort, and a LIMIT stops the walk once it has
 * its rows. Other orders, and set tables, still sort. Results equal those of the same query sorted over a full scan.
 */
class DescendingKeyOrderTest extends TwinTablesTest {
    private static final int ROWS = 3_000;

    @BeforeEach
    void fillTables() throws SQLException {
        exec("CREATE TABLE o (g BIGINT NOT NULL, id BIGINT NOT NULL, v BIGINT, PRIMARY KEY (g, id))"
                + " WITH (kind = 'ordered_set')");
        exec("CREATE TABLE k (id BIGINT NOT NULL, v BIGINT, PRIMARY KEY (id)) WITH (kind = 'ordered_set')");
        exec("CREATE TABLE os (g BIGINT NOT NULL, id BIGINT NOT NULL, v BIGINT, PRIMARY KEY (g, id))");
        exec("CREATE TABLE s (id BIGINT NOT NULL, v BIGINT, PRIMARY KEY (id))");
        try (PreparedStatement o = conn.prepareStatement("INSERT INTO o VALUES (?, ?, ?)");
             PreparedStatement os = conn.prepareStatement("INSERT INTO os VALUES (?, ?, ?)");
             PreparedStatement k = conn.prepareStatement("INSERT INTO k VALUES (?, ?)");
             PreparedStatement s = conn.prepareStatement("INSERT INTO s VALUES (?, ?)")) {
            for (long id = 0; id < ROWS; id++) {
                for (PreparedStatement ps : List.of(o, os)) {
                    ps.setLong(1, id % 5);
                    ps.setLong(2, id);
                    ps.setLong(3, id % 7);
                    ps.addBatch();
                }
                for (PreparedStatement ps : List.of(k, s)) {
                    ps.setLong(1, id);
                    ps.setLong(2, ROWS - id);
                    ps.addBatch();
                }
            }
            o.executeBatch();
            os.executeBatch();
            k.executeBatch();
            s.executeBatch();
        }
    }

    /** The same query over the set table of the same rows: {@code s} for {@code k}, {@code os} for {@code o}. */
    @Override
    String twin(String query) {
        return query.replace(" FROM k", " FROM s").replace(" FROM o", " FROM os");
    }

    /** Checks {@link #assertInOrderWithoutSort} of a query read descending by {@code access}. */
    private void assertDescendingWithoutSort(String query, String access) throws SQLException {
        assertInOrderWithoutSort(query, "access=[" + access, " DESC]");
    }

    @Test
    void aFullScanReadsDescendingWithoutSort() throws SQLException {
        for (String limit : List.of("", " LIMIT 5", " LIMIT 3 OFFSET 7", " OFFSET 2990")) {
            assertDescendingWithoutSort("SELECT id, v FROM k ORDER BY id DESC" + limit, "FULL");
        }
    }

    @Test
    void aKeyRangeReadsDescendingWithoutSort() throws SQLException {
        for (String where : List.of("id > 10", "id <= 2500", "id BETWEEN 40 AND 80", "id >= 2990")) {
            for (String limit : List.of("", " LIMIT 5", " LIMIT 2 OFFSET 3")) {
                assertDescendingWithoutSort("SELECT id, v FROM k WHERE " + where + " ORDER BY id DESC" + limit,
                        "KEY_RANGE");
            }
        }
    }

    @Test
    void aCompoundKeyReadsDescendingOnAllItsColumnsOrALeadingOne() throws SQLException {
        for (String limit : List.of("", " LIMIT 7", " LIMIT 5 OFFSET 500")) {
            assertDescendingWithoutSort("SELECT g, id, v FROM o ORDER BY g DESC, id DESC" + limit, "FULL");
            assertDescendingWithoutSort("SELECT g, id FROM o WHERE g >= 2 ORDER BY g DESC, id DESC" + limit,
                    "KEY_RANGE");
            assertDescendingWithoutSort("SELECT g, id FROM o WHERE g = 3 ORDER BY g DESC, id DESC" + limit,
                    "KEY_RANGE");
        }
        // Key order on (g, id) is also an order on g alone (the order of id within a g is then free).
        assertThat(plan("SELECT g, id FROM o ORDER BY g DESC LIMIT 7")).contains("FULL DESC").doesNotContain("Sort");
        assertThat(rows("SELECT g FROM o WHERE g < 3 ORDER BY g DESC LIMIT 3")).containsExactly("2", "2", "2");
    }

    @Test
    void otherOrdersAndSetTablesStillSort() throws SQLException {
        assertThat(plan("SELECT g, id FROM o ORDER BY g, id DESC LIMIT 2")).contains("Sort");
        assertThat(rows("SELECT g, id FROM o ORDER BY g, id DESC LIMIT 2")).containsExactly("0|2995", "0|2990");
        assertThat(plan("SELECT g, id FROM o ORDER BY g DESC, id LIMIT 2")).contains("Sort");
        assertThat(rows("SELECT g, id FROM o ORDER BY g DESC, id LIMIT 2")).containsExactly("4|4", "4|9");
        assertThat(plan("SELECT g, id FROM o ORDER BY id DESC LIMIT 2")).contains("Sort");
        assertThat(rows("SELECT g, id FROM o ORDER BY id DESC LIMIT 2")).containsExactly("4|2999", "3|2998");
        assertThat(plan("SELECT id, v FROM k ORDER BY v DESC LIMIT 2")).contains("Sort");
        assertThat(rows("SELECT id FROM k ORDER BY v DESC LIMIT 2")).containsExactly("0", "1");
        for (String where : List.of("", " WHERE id > 10")) {
            String q = "SELECT id, v FROM s" + where + " ORDER BY id DESC LIMIT 3";
            assertThat(plan(q)).contains("Sort").doesNotContain("access=");
            assertThat(rows(q)).isEqualTo(rows(q.replace(" FROM s", " FROM k")));
        }
    }

    @Test
    void ownUncommittedWritesComeDescendingToo() throws SQLException {
        conn.setAutoCommit(false);
        for (String t : List.of("k", "s")) {
            exec("INSERT INTO " + t + " VALUES (-1, 0), (5000, 0), (2999999, 0)");
            exec("DELETE FROM " + t + " WHERE id > 2990 AND id < 3000");
            exec("UPDATE " + t + " SET v = -v WHERE id BETWEEN 2980 AND 2985");
        }
        for (String where : List.of("", " WHERE id > 2970")) {
            assertDescendingWithoutSort("SELECT id, v FROM k" + where + " ORDER BY id DESC LIMIT 12",
                    where.isEmpty() ? "FULL" : "KEY_RANGE");
        }
        assertThat(rows("SELECT id FROM k WHERE id < 2 ORDER BY id DESC")).containsExactly("1", "0", "-1");
        conn.rollback();
    }

    /**
     * What a transaction read decides which commits by others make it fail: a walk over the highest keys under a
     * LIMIT leaves the rest to others, a read of the whole table or range (to sort it) would not. A change of a row
     * the walk did read still makes it fail, so the check is a real one.
     */
    @Test
    void aLimitStopsTheDescendingWalkOnceItHasItsRows() throws SQLException {
        for (String where : List.of("", " WHERE id > 10", " WHERE id < 2990")) {
            assertThat(commitAfterOtherChanges("SELECT id FROM k" + where + " ORDER BY id DESC LIMIT 3", 1500))
                    .as(where).isTrue();
        }
        assertThat(commitAfterOtherChanges("SELECT id FROM k WHERE id < 2990 ORDER BY id DESC LIMIT 3", 2988))
                .isFalse();
        assertThat(commitAfterOtherChanges("SELECT g, id FROM o ORDER BY g DESC, id DESC LIMIT 3", 1504)).isTrue();
    }

    /**
     * Runs the query in a transaction while another connection changes v of row {@code id} of k (and of o), then
     * commits it: whether the commit passed (false when it failed with 40001, a conflict with the other change).
     */
    private boolean commitAfterOtherChanges(String query, long id) throws SQLException {
        try (Connection other = DriverManager.getConnection(conn.getMetaData().getURL())) {
            conn.setAutoCommit(false);
            assertThat(rows(query)).hasSize(3);
            try (PreparedStatement ps = other.prepareStatement("UPDATE k SET v = v + 1 WHERE id = ?");
                 PreparedStatement po = other.prepareStatement("UPDATE o SET v = v + 1 WHERE id = ?")) {
                ps.setLong(1, id);
                assertThat(ps.executeUpdate()).isOne();
                po.setLong(1, id);
                assertThat(po.executeUpdate()).isOne();
            }
            try {
                conn.commit();
                return true;
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("40001");
                conn.rollback();
                return false;
            } finally {
                conn.setAutoCommit(true);
            }
        }
    }

    @Test
    void aConflictCheckWouldSeeAReadOfTheWholeTable() throws SQLException {
        // The control for the test above: the same change fails a transaction that read the whole table to sort it.
        assertThat(commitAfterOtherChanges("SELECT id FROM k ORDER BY v LIMIT 3", 1500)).isFalse();
    }
}
