package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.EmbeddedDatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner guesses the rows of a range of an ordered_set's key with numbers for bounds from the key's lowest and
 * highest values, so the SQL benchmark's join of accounts to branches (its tables scaled down ten times) looks each
 * branch up by key for a few accounts but joins whole tables for many, giving the rows the same join gives where no
 * lookup can serve it. With parameters for bounds the plan, made once, keeps its guess of a quarter of the table.
 */
class RangeEstimateTest extends EmbeddedDatabaseTest {
    private static final String LOOKUP = "MnemoLookupJoin";
    private static final int ACCOUNTS = 10_000;
    private static final int BRANCHES = 100;
    private static final String JOIN = "SELECT b.name, COUNT(*) AS accounts, SUM(a.balance) AS total"
            + " FROM account a JOIN branch b ON b.id = a.branch_id"
            + " WHERE a.id >= %d AND a.id < %d GROUP BY b.name ORDER BY b.name";

    @BeforeEach
    void loadBank() throws SQLException {
        exec("CREATE TABLE branch (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(32) NOT NULL)");
        exec("CREATE TABLE account (id BIGINT NOT NULL PRIMARY KEY, branch_id BIGINT NOT NULL,"
                + " balance BIGINT NOT NULL, name VARCHAR(32) NOT NULL) WITH (kind = 'ordered_set')");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO branch VALUES (?, ?)")) {
            for (long id = 0; id < BRANCHES; id++) {
                ps.setLong(1, id);
                ps.setString(2, "branch-" + id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO account VALUES (?, ?, ?, ?)")) {
            for (long id = 1; id <= ACCOUNTS; id++) {
                ps.setLong(1, id);
                ps.setLong(2, (id - 1) / (ACCOUNTS / BRANCHES));
                ps.setLong(3, id % 7);
                ps.setString(4, "account-" + id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Test
    void theBenchmarksJoinLooksUpTheBranchesOfAFewAccounts() throws SQLException {
        String sql = String.format(JOIN, 4_951, 4_971);
        assertThat(plan(sql)).contains(LOOKUP).contains("KEY_RANGE");
        List<String> got = sameAsTwin(sql);
        assertThat(got).containsExactly("branch-49|20|" + balances(4_951, 4_971));
    }

    @Test
    void aRangeIsPlacedBetweenTheKeysTheTableHoldsWhateverItsBoundsSpan() throws SQLException {
        // Ten accounts: a bound past the highest key counts no more keys than the table holds.
        String sql = "SELECT b.name, COUNT(*) AS accounts FROM account a JOIN branch b ON b.id = a.branch_id"
                + " WHERE a.id > 9990 AND a.id <= 100000 GROUP BY b.name";
        assertThat(plan(sql)).contains(LOOKUP);
        assertThat(sameAsTwin(sql)).containsExactly("branch-99|10");
        assertThat(plan(sql.replace("9990", "-100000"))).doesNotContain(LOOKUP);
    }

    @Test
    void withParametersForBoundsTheJoinKeepsTheGuessOfAQuarterOfTheTable() throws SQLException {
        String sql = String.format(JOIN, 0, 0).replace(">= 0", ">= ?").replace("< 0", "< ?");
        try (PreparedStatement ps = conn.prepareStatement("EXPLAIN PLAN FOR " + sql)) {
            ps.setLong(1, 4_951);
            ps.setLong(2, 4_971);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("KEY_RANGE >= ?").doesNotContain(LOOKUP);
            }
        }
        assertThat(QueryRows.of(conn, sql, 4_951, 4_971)).containsExactly("branch-49|20|" + balances(4_951, 4_971));
    }

    @Test
    void theBenchmarksJoinReadsBothTablesWholeForManyAccounts() throws SQLException {
        String sql = String.format(JOIN, 1, 8_001);
        assertThat(plan(sql)).doesNotContain(LOOKUP);
        List<String> got = sameAsTwin(sql);
        assertThat(got).hasSize(80).startsWith("branch-0|100|" + balances(1, 101));
    }

    /** The rows of the join and of its twin on {@code ABS(b.id)}, which no lookup can serve. */
    private List<String> sameAsTwin(String sql) throws SQLException {
        String twin = sql.replace("b.id = a.branch_id", "ABS(b.id) = a.branch_id");
        assertThat(plan(twin)).as(twin).doesNotContain(LOOKUP);
        List<String> got = QueryRows.of(conn, sql);
        assertThat(got).as(sql).isEqualTo(QueryRows.of(conn, twin)).isNotEmpty();
        return got;
    }

    /** The sum of the balances of accounts {@code from} up to {@code to}, exclusive. */
    private static long balances(long from, long to) {
        long sum = 0;
        for (long id = from; id < to; id++) {
            sum += id % 7;
        }
        return sum;
    }
}
