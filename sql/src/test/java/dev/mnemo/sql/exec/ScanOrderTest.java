package dev.mnemo.sql.exec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key range whose leading key columns are fixed ({@code WHERE a = 5 ORDER BY b} on a key (a, b)) and an ordered
 * index's range ({@code WHERE c BETWEEN x AND y ORDER BY c}) read their rows in the order asked for, either way, with
 * no sort: an index walk gives its rows by the index's columns, then the primary key's, NULLs below every value.
 * Orders the walk does not give (NULLs last walking up, a prefix that is no constant) still sort. Results equal
 * those of the same query over a twin table without the key order or index, which sorts.
 */
class ScanOrderTest extends TwinTablesTest {
    private static final int ROWS = 2_000;

    @BeforeEach
    void fillTables() throws SQLException {
        exec("CREATE TABLE o (a BIGINT NOT NULL, b BIGINT NOT NULL, v BIGINT, PRIMARY KEY (a, b))"
                + " WITH (kind = 'ordered_set')");
        exec("CREATE TABLE os (a BIGINT NOT NULL, b BIGINT NOT NULL, v BIGINT, PRIMARY KEY (a, b))");
        exec("CREATE TABLE ix (id BIGINT NOT NULL, c BIGINT, d VARCHAR(10), v BIGINT, PRIMARY KEY (id))");
        exec("CREATE INDEX ix_c ON ix (c)");
        exec("CREATE INDEX ix_dc ON ix (d, c) USING ORDERED");
        exec("CREATE TABLE ixs (id BIGINT NOT NULL, c BIGINT, d VARCHAR(10), v BIGINT, PRIMARY KEY (id))");
        try (PreparedStatement o = conn.prepareStatement("INSERT INTO o VALUES (?, ?, ?)");
             PreparedStatement os = conn.prepareStatement("INSERT INTO os VALUES (?, ?, ?)");
             PreparedStatement ix = conn.prepareStatement("INSERT INTO ix VALUES (?, ?, ?, ?)");
             PreparedStatement ixs = conn.prepareStatement("INSERT INTO ixs VALUES (?, ?, ?, ?)")) {
            for (long i = 0; i < ROWS; i++) {
                for (PreparedStatement ps : List.of(o, os)) {
                    ps.setLong(1, i % 7);
                    ps.setLong(2, i * 3 % 1000);
                    ps.setLong(3, i);
                    ps.addBatch();
                }
                for (PreparedStatement ps : List.of(ix, ixs)) {
                    ps.setLong(1, (i * 7919) % ROWS); // ids not in the order of c
                    if (i % 11 == 0) {
                        ps.setNull(2, Types.BIGINT);
                    } else {
                        ps.setLong(2, i % 50); // 40 rows share each value
                    }
                    ps.setString(3, "d" + i % 4);
                    ps.setLong(4, i);
                    ps.addBatch();
                }
            }
            for (PreparedStatement ps : List.of(o, os, ix, ixs)) {
                ps.executeBatch();
            }
        }
    }

    /** The same query over the twin table, which has neither the key order nor the indexes. */
    @Override
    String twin(String query) {
        return query.replace(" FROM o ", " FROM os ").replace(" FROM ix ", " FROM ixs ");
    }

    @Test
    void aKeyRangeWithItsLeadingColumnFixedReadsInTheOrderOfTheNextWithoutSort() throws SQLException {
        for (String limit : List.of("", " LIMIT 5", " LIMIT 4 OFFSET 100")) {
            for (String dir : List.of("", " DESC")) {
                assertInOrderWithoutSort("SELECT b, v FROM o WHERE a = 3 ORDER BY b" + dir + limit, "KEY_RANGE =[3]");
                assertInOrderWithoutSort("SELECT b FROM o WHERE a = 6 AND b > 500 ORDER BY b" + dir + limit,
                        "KEY_RANGE =[6] > 500");
                assertInOrderWithoutSort("SELECT v, b FROM o WHERE a = 0 ORDER BY a" + dir + ", b" + dir + limit,
                        "KEY_RANGE =[0]");
            }
        }
        String sql = "SELECT b, v FROM o WHERE a = ? ORDER BY b DESC LIMIT 3";
        assertThat(QueryRows.of(conn, sql, 2L)).isEqualTo(rows(twin(sql.replace("?", "2"))));
    }

    @Test
    void aKeyPrefixThatIsNoConstantStillSorts() throws SQLException {
        for (String where : List.of("a IN (1, 4)", "a > 4", "a = 3 OR a = 5")) {
            String q = "SELECT a, b FROM o WHERE " + where + " ORDER BY b, a LIMIT 9";
            assertThat(plan(q)).as(q).contains("Sort");
            assertThat(rows(q)).as(q).isEqualTo(rows(twin(q)));
        }
    }

    @Test
    void anIndexRangeReadsInIndexOrderWithoutSortEitherWay() throws SQLException {
        for (String limit : List.of("", " LIMIT 7", " LIMIT 3 OFFSET 50")) {
            for (String where : List.of("c BETWEEN 10 AND 40", "c > 45", "c <= 3", "c >= 12 AND c < 15")) {
                assertInOrderWithoutSort("SELECT c, id FROM ix WHERE " + where + " ORDER BY c, id" + limit,
                        "INDEX_RANGE IX_C");
                assertInOrderWithoutSort("SELECT c, id, v FROM ix WHERE " + where + " ORDER BY c DESC, id DESC"
                        + limit, "INDEX_RANGE IX_C");
                assertInOrderWithoutSort("SELECT c FROM ix WHERE " + where + " ORDER BY c DESC" + limit,
                        "INDEX_RANGE IX_C");
            }
        }
        // Entries of one value come by primary key: ORDER BY the value alone gives its rows in some order.
        String q = "SELECT c, v FROM ix WHERE c BETWEEN 20 AND 22 ORDER BY c";
        assertThat(plan(q)).doesNotContain("Sort");
        assertThat(rows(q)).hasSize(3 * 36).isSortedAccordingTo(Comparator.comparing(r -> r.split("\\|")[0]))
                .containsExactlyInAnyOrderElementsOf(rows(twin(q)));
    }

    @Test
    void aMultiColumnIndexReadsInTheOrderOfItsColumnsAfterThoseFixed() throws SQLException {
        for (String limit : List.of("", " LIMIT 6")) {
            assertInOrderWithoutSort("SELECT c, id FROM ix WHERE d = 'd2' AND c > 20 ORDER BY c, id" + limit,
                    "INDEX_RANGE IX_DC =[d2] > 20");
            assertInOrderWithoutSort("SELECT c, id FROM ix WHERE d = 'd1' AND c < 30 ORDER BY c DESC, id DESC"
                    + limit, "INDEX_RANGE IX_DC =[d1] < 30");
            // Text walks in SQL's order (code units) too: a range on d needs no sort either.
            assertInOrderWithoutSort("SELECT d, c, id FROM ix WHERE d >= 'd2' AND c IS NOT NULL ORDER BY d, c, id"
                    + limit, "access=[INDEX_RANGE IX_DC >= d2");
            assertInOrderWithoutSort("SELECT d, c, id FROM ix WHERE d >= 'd2' AND c IS NOT NULL"
                    + " ORDER BY d DESC, c DESC, id DESC" + limit, "access=[INDEX_RANGE IX_DC >= d2");
        }
    }

    /**
     * Lookups of an ordered index walk it too: each value's entries by primary key, and a list's values sorted as the
     * index, either way. ORDER BY the primary key after an equality on every index column, or the index's columns then
     * the key after a list, needs no sort; the list's NULL and repeats match nothing more.
     */
    @Test
    void lookupsOfAnOrderedIndexReadInIndexOrderWithoutSortEitherWay() throws SQLException {
        for (String limit : List.of("", " LIMIT 5", " LIMIT 3 OFFSET 10")) {
            for (String dir : List.of("", " DESC")) {
                assertInOrderWithoutSort("SELECT id, v FROM ix WHERE c = 17 ORDER BY id" + dir + limit,
                        "INDEX_EQ IX_C");
                assertInOrderWithoutSort("SELECT c, id FROM ix WHERE c = 17 ORDER BY c" + dir + ", id" + dir + limit,
                        "INDEX_EQ IX_C");
                assertInOrderWithoutSort("SELECT v, id FROM ix WHERE d = 'd2' AND c = 22 ORDER BY id" + dir + limit,
                        "INDEX_EQ");
                assertInOrderWithoutSort("SELECT c, id FROM ix WHERE c IN (30, 3, NULL, 17, 3) ORDER BY c" + dir
                        + ", id" + dir + limit, "INDEX_IN IX_C");
                assertInOrderWithoutSort("SELECT c FROM ix WHERE c IN (49, 0, 12) ORDER BY c" + dir + limit,
                        "INDEX_IN IX_C");
            }
        }
        // Within a list the rows of one value come by key: an order on the key first is not the walk's.
        for (String q : List.of("SELECT c, id FROM ix WHERE c IN (30, 3, 17) ORDER BY id, c",
                "SELECT c, id FROM ix WHERE c IN (30, 3, 17) ORDER BY c, id DESC",
                "SELECT c, id FROM ix WHERE c IN (30, 3, 17) ORDER BY c NULLS FIRST, id LIMIT 50")) {
            assertThat(plan(q)).as(q).contains("INDEX_IN IX_C");
            assertThat(rows(q)).as(q).isEqualTo(rows(twin(q)));
        }
        String q = "SELECT c, id FROM ix WHERE c IN (30, 3, 17) ORDER BY id, c";
        assertThat(plan(q)).as(q).contains("Sort");
    }

    /**
     * A list of 20 values or more, which stays a join with the list's rows over the index lookups, reads the index's
     * values in order too: its lookups find no NULL, so ORDER BY's default placement of NULLs (LAST) holds as well as
     * the walk's. An explicit NULLS FIRST sorts, and gives the same rows.
     */
    @Test
    void aLongListOfAnIndexsValuesReadsInIndexOrderWithoutSort() throws SQLException {
        StringBuilder list = new StringBuilder("NULL");
        for (int c = 40; c >= 15; c--) {
            list.append(", ").append(c);
        }
        String in = "SELECT c, id FROM ix WHERE c IN (" + list + ") ORDER BY ";
        for (String limit : List.of("", " LIMIT 30")) {
            assertInOrderWithoutSort(in + "c, id" + limit, "INDEX_IN IX_C");
            assertInOrderWithoutSort(in + "c NULLS LAST, id" + limit, "INDEX_IN IX_C");
        }
        assertThat(plan(in + "c NULLS FIRST, id")).contains("INDEX_IN IX_C").contains("Sort");
        assertSameRowsAsTwin(in + "c NULLS FIRST, id");
        int held = longs("SELECT COUNT(*) FROM ixs WHERE c BETWEEN 15 AND 40").get(0).intValue();
        assertThat(rows(in + "c, id")).hasSize(held).noneMatch(r -> r.startsWith("null"));
    }

    /**
     * NULLs come first walking an index up and last walking it down, the reverse of ORDER BY's default: where the
     * range may hold them, that order is claimed as the walk's own (NULLS FIRST ascending) and the default sorts.
     */
    @Test
    void nullsInTheRangeComeWhereTheWalkPutsThemAndTheDefaultPlacementSorts() throws SQLException {
        assertInOrderWithoutSort("SELECT c, id FROM ix WHERE d = 'd3' ORDER BY c NULLS FIRST, id",
                "INDEX_RANGE IX_DC =[d3]");
        assertInOrderWithoutSort("SELECT c, id FROM ix WHERE d = 'd3' ORDER BY c DESC NULLS LAST, id DESC LIMIT 90",
                "INDEX_RANGE IX_DC =[d3]");
        for (String order : List.of("c, id", "c DESC, id DESC", "c NULLS LAST, id")) {
            String q = "SELECT c, id FROM ix WHERE d = 'd3' ORDER BY " + order;
            assertThat(plan(q)).as(q).contains("Sort");
            assertSameRowsAsTwin(q);
            assertThat(rows(q)).as(q).contains("null|" + rows("SELECT MIN(id) FROM ix WHERE d = 'd3' AND c IS NULL")
                    .get(0));
        }
    }

    @Test
    void ownUncommittedWritesComeInIndexOrderToo() throws SQLException {
        conn.setAutoCommit(false);
        for (String t : List.of("ix", "ixs")) {
            exec("INSERT INTO " + t + " VALUES (5000, 30, 'd1', 0), (5001, 31, 'd1', 0), (-1, 30, 'd2', 0)");
            exec("DELETE FROM " + t + " WHERE c = 32 AND id > 1000");
            exec("UPDATE " + t + " SET c = 60 - c WHERE c BETWEEN 27 AND 29");
            exec("UPDATE " + t + " SET c = 33 WHERE c IS NULL AND id < 300");
        }
        for (String order : List.of("c, id", "c DESC, id DESC")) {
            assertInOrderWithoutSort("SELECT c, id FROM ix WHERE c BETWEEN 25 AND 35 ORDER BY " + order,
                    "INDEX_RANGE IX_C");
            assertInOrderWithoutSort("SELECT c, id FROM ix WHERE d = 'd1' AND c > 25 ORDER BY " + order + " LIMIT 20",
                    "INDEX_RANGE IX_DC");
            assertInOrderWithoutSort("SELECT c, id FROM ix WHERE c IN (33, 30, 31) ORDER BY " + order, "INDEX_IN IX_C");
            assertInOrderWithoutSort("SELECT c, id FROM ix WHERE c = 30 ORDER BY " + order, "INDEX_EQ IX_C");
        }
        conn.rollback();
    }
}
