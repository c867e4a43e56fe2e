package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.EmbeddedDatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text compares by UTF-16 code units, and an ordered_set's text key and an ordered index on text keep that order too
 * (code points' order, UTF-8's, differs where a character above U+FFFF meets one in U+E000..U+FFFF). A range on a
 * text column reads every row its bounds admit, and an ORDER BY a text column the scan walks needs no sort and gives
 * the code units' order, as the same query over a twin table with neither the key order nor the index gives it.
 */
class TextRangeTest extends EmbeddedDatabaseTest {
    /** Strings on both sides of the orders' difference, with ones the two orders agree on. */
    private static final List<String> TEXTS = List.of("", "a", "a\uD7FF", "a\uE000", "a\uFFFD", "a\uD83D\uDE00",
            "a\uD83D\uDE00z", "a\uFFFDz", "b", "\uFFFD", "\uD83D\uDE00", "z");
    private static final List<String> OPS = List.of("<", "<=", ">", ">=");

    @BeforeEach
    void fillTables() throws SQLException {
        exec("CREATE TABLE k (id VARCHAR(10) NOT NULL, v BIGINT, PRIMARY KEY (id)) WITH (kind = 'ordered_set')");
        exec("CREATE TABLE ks (id VARCHAR(10) NOT NULL, v BIGINT, PRIMARY KEY (id))");
        exec("CREATE TABLE c (a BIGINT NOT NULL, b VARCHAR(10) NOT NULL, v BIGINT, PRIMARY KEY (a, b))"
                + " WITH (kind = 'ordered_set')");
        exec("CREATE TABLE cs (a BIGINT NOT NULL, b VARCHAR(10) NOT NULL, v BIGINT, PRIMARY KEY (a, b))");
        exec("CREATE TABLE x (id BIGINT NOT NULL, t VARCHAR(10), v BIGINT, PRIMARY KEY (id))");
        exec("CREATE INDEX x_t ON x (t) USING ORDERED");
        exec("CREATE TABLE xs (id BIGINT NOT NULL, t VARCHAR(10), v BIGINT, PRIMARY KEY (id))");
        try (PreparedStatement k = conn.prepareStatement("INSERT INTO k VALUES (?, ?)");
             PreparedStatement ks = conn.prepareStatement("INSERT INTO ks VALUES (?, ?)");
             PreparedStatement c = conn.prepareStatement("INSERT INTO c VALUES (?, ?, ?)");
             PreparedStatement cs = conn.prepareStatement("INSERT INTO cs VALUES (?, ?, ?)");
             PreparedStatement x = conn.prepareStatement("INSERT INTO x VALUES (?, ?, ?)");
             PreparedStatement xs = conn.prepareStatement("INSERT INTO xs VALUES (?, ?, ?)")) {
            for (int i = 0; i < TEXTS.size(); i++) {
                for (PreparedStatement ps : List.of(k, ks)) {
                    ps.setString(1, TEXTS.get(i));
                    ps.setLong(2, i);
                    ps.executeUpdate();
                }
                for (long a = 1; a <= 2; a++) {
                    for (PreparedStatement ps : List.of(c, cs)) {
                        ps.setLong(1, a);
                        ps.setString(2, TEXTS.get(i));
                        ps.setLong(3, a * 100 + i);
                        ps.executeUpdate();
                    }
                }
                for (PreparedStatement ps : List.of(x, xs)) {
                    ps.setLong(1, (i * 7L) % TEXTS.size());
                    ps.setString(2, TEXTS.get(i));
                    ps.setLong(3, i);
                    ps.executeUpdate();
                }
            }
        }
    }

    /** The same query over the twin table, which has neither the key order nor the index. */
    private static String twin(String query) {
        return query.replace(" FROM k ", " FROM ks ").replace(" FROM c ", " FROM cs ").replace(" FROM x ", " FROM xs ")
                .replace(" JOIN x ", " JOIN xs ");
    }

    /**
     * Checks that the query reads by {@code access} (unless null, a full scan) and gives its twin's rows, for each of
     * the parameters.
     */
    private void assertSameRowsAsTwin(String query, String access, Object... params) throws SQLException {
        if (access != null) {
            assertThat(plan(query)).as(query).contains("access=[" + access);
        }
        List<String> want = QueryRows.of(conn, twin(query), params);
        assertThat(QueryRows.of(conn, query, params)).as(query + " with " + escaped(params)).isEqualTo(want);
    }

    /** Checks {@link #assertSameRowsAsTwin} for {@code column} compared by each operator with each text. */
    private void assertEachBoundAsTwin(String column, String access) throws SQLException {
        for (String op : OPS) {
            for (String bound : TEXTS) {
                assertSameRowsAsTwin(column + op + " ? ORDER BY v", access, bound);
            }
        }
    }

    /** The parameters with each character from U+0080 up as its code, as most are invisible in a message. */
    private static String escaped(Object... params) {
        StringBuilder b = new StringBuilder();
        for (Object p : params) {
            b.append(" '");
            p.toString().chars().forEach(ch -> b.append(ch < 0x80 ? String.valueOf((char) ch)
                    : String.format("\\u%04X", ch)));
            b.append('\'');
        }
        return b.toString();
    }

    @Test
    void aKeyRangeWithATextBoundReadsEveryRowTheBoundAdmits() throws SQLException {
        assertEachBoundAsTwin("SELECT v FROM k WHERE id ", "KEY_RANGE");
    }

    @Test
    void aKeyRangeBetweenTwoTextBoundsReadsEveryRowTheyAdmit() throws SQLException {
        for (String lo : TEXTS) {
            for (String hi : TEXTS) {
                assertSameRowsAsTwin("SELECT v FROM k WHERE id BETWEEN ? AND ? ORDER BY v", "KEY_RANGE", lo, hi);
            }
        }
    }

    @Test
    void aLiteralTextBoundReadsEveryRowItAdmits() throws SQLException {
        assertSameRowsAsTwin("SELECT v FROM k WHERE id < 'a\uFFFD' ORDER BY v", "KEY_RANGE");
        assertSameRowsAsTwin("SELECT v FROM k WHERE id >= 'a\uD83D\uDE00' ORDER BY v", "KEY_RANGE");
    }

    @Test
    void aKeyRangeAfterAFixedColumnWithATextBoundReadsEveryRowTheBoundAdmits() throws SQLException {
        assertEachBoundAsTwin("SELECT v FROM c WHERE a = 2 AND b ", "KEY_RANGE =[2]");
    }

    @Test
    void anIndexRangeWithATextBoundReadsEveryRowTheBoundAdmits() throws SQLException {
        assertEachBoundAsTwin("SELECT v FROM x WHERE t ", "INDEX_RANGE X_T");
    }

    /** Checks that the query needs no sort and gives its twin's rows. */
    private void assertInOrderWithoutSort(String query, String access, Object... params) throws SQLException {
        assertThat(plan(query)).as(query).doesNotContain("Sort");
        assertSameRowsAsTwin(query, access, params);
    }

    @Test
    void anOrderByATextKeyGivesTheCodeUnitsOrderEitherWayWithoutASort() throws SQLException {
        for (String dir : List.of("", " DESC")) {
            for (String limit : List.of("", " LIMIT 5")) {
                assertInOrderWithoutSort("SELECT v FROM k ORDER BY id" + dir + limit, null);
                assertInOrderWithoutSort("SELECT id, v FROM k WHERE id >= ? ORDER BY id" + dir + limit, "KEY_RANGE",
                        "a");
                assertInOrderWithoutSort("SELECT b, v FROM c WHERE a = 2 ORDER BY b" + dir + limit,
                        "KEY_RANGE =[2]");
                assertInOrderWithoutSort("SELECT v FROM c ORDER BY a" + dir + ", b" + dir + limit, null);
                assertInOrderWithoutSort("SELECT t, v FROM x WHERE t >= ? ORDER BY t" + dir + ", id" + dir + limit,
                        "INDEX_RANGE X_T", "a");
                assertSameRowsAsTwin("SELECT v FROM k ORDER BY id" + dir + limit, null);
                assertSameRowsAsTwin("SELECT v FROM k WHERE id >= ? ORDER BY id" + dir + limit, "KEY_RANGE", "a");
                assertSameRowsAsTwin("SELECT v FROM c WHERE a = 2 ORDER BY b" + dir + limit, "KEY_RANGE =[2]");
                assertSameRowsAsTwin("SELECT v FROM c ORDER BY a" + dir + ", b" + dir + limit, null);
                assertSameRowsAsTwin("SELECT v FROM x WHERE t >= ? ORDER BY t" + dir + limit, "INDEX_RANGE X_T", "a");
            }
        }
    }

    /**
     * Lookups of a list of texts in an ordered index walk them in the index's order, SQL's: no sort, for a list or an
     * equality, whose rows come by primary key.
     */
    @Test
    void lookupsOfTextsInAnIndexNeedNoSort() throws SQLException {
        for (String dir : List.of("", " DESC")) {
            String listed = "SELECT t, id FROM x WHERE t IN ('a\uFFFD', 'a\uD83D\uDE00', 'z', '') ORDER BY t" + dir
                    + ", id" + dir;
            assertThat(plan(listed)).as(listed).contains("INDEX_IN X_T").doesNotContain("Sort");
            assertSameRowsAsTwin(listed, "INDEX_IN X_T");
            String equal = "SELECT t, id FROM x WHERE t = 'a\uD83D\uDE00' ORDER BY id" + dir;
            assertThat(plan(equal)).as(equal).contains("INDEX_EQ X_T").doesNotContain("Sort");
            assertSameRowsAsTwin(equal, "INDEX_EQ X_T");
        }
    }

    @Test
    void aJoinOnATextKeyOrderedByItGivesTheCodeUnitsOrder() throws SQLException {
        assertSameRowsAsTwin("SELECT p.v, q.v FROM k p JOIN x q ON p.id = q.t ORDER BY p.id", null);
    }

    @Test
    void everyKeyColumnTextOnesToo_NeedsNoSort() throws SQLException {
        for (String dir : List.of("", " DESC")) {
            String query = "SELECT a FROM c ORDER BY a" + dir + " LIMIT 30";
            assertThat(plan(query)).as(query).doesNotContain("Sort");
            List<String> rows = QueryRows.of(conn, query);
            assertThat(rows).hasSize(2 * TEXTS.size()).isSortedAccordingTo(dir.isEmpty()
                    ? Comparator.<String>naturalOrder() : Comparator.<String>reverseOrder());
            assertInOrderWithoutSort("SELECT a, b, v FROM c ORDER BY a" + dir + ", b" + dir + " LIMIT 30", null);
        }
    }
}
