package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.EmbeddedDatabaseTest;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test of the orders scans give, over tables with twins of the same rows that have neither their key order nor
 * their indexes: a query that reads in the order it asks for needs no sort, and gives the rows, in order, that the
 * same query over the twins gives by sorting.
 */
abstract class TwinTablesTest extends EmbeddedDatabaseTest {
    /** The same query over the twin tables. */
    abstract String twin(String query);

    List<String> rows(String sql) throws SQLException {
        return QueryRows.of(conn, sql);
    }

    /**
     * Checks that the query's plan holds each of {@code planHolds} (its access) and no sort, and that the query gives
     * what its twin gives by sorting.
     */
    void assertInOrderWithoutSort(String query, String... planHolds) throws SQLException {
        assertThat(plan(query)).as(query).contains(planHolds).doesNotContain("Sort");
        assertSameRowsAsTwin(query);
    }

    /** Checks that the query's twin sorts and gives some rows, and that the query gives them in the same order. */
    void assertSameRowsAsTwin(String query) throws SQLException {
        String sorted = twin(query);
        assertThat(plan(sorted)).as(sorted).contains("Sort");
        List<String> want = rows(sorted);
        assertThat(want).as(sorted).isNotEmpty();
        assertThat(rows(query)).as(query).isEqualTo(want);
    }
}
