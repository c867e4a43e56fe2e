package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.EmbeddedDatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An IN list on the key of 20 items or more (Calcite's threshold: from there it joins the table with the list's
 * values) reads by key lookups (KEY_IN) with no join, in key order either way on an ordered_set: ORDER BY the key
 * needs no sort and a LIMIT stops the lookups early. NULLs and repeats in the list match nothing more; a list whose
 * type differs from the key's keeps its join. Results equal those of the same query over a full scan.
 */
class LongKeyInListTest extends EmbeddedDatabaseTest {
    private static final int ROWS = 2_000;

    @BeforeEach
    void fillTables() throws SQLException {
        exec("CREATE TABLE k (id BIGINT NOT NULL, v BIGINT, PRIMARY KEY (id)) WITH (kind = 'ordered_set')");
        exec("CREATE TABLE s (id BIGINT NOT NULL, v BIGINT, PRIMARY KEY (id))");
        exec("CREATE TABLE t (name VARCHAR(10) NOT NULL, v BIGINT, PRIMARY KEY (name)) WITH (kind = 'ordered_set')");
        try (PreparedStatement k = conn.prepareStatement("INSERT INTO k VALUES (?, ?)");
             PreparedStatement s = conn.prepareStatement("INSERT INTO s VALUES (?, ?)");
             PreparedStatement t = conn.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
            for (long id = 0; id < ROWS; id++) {
                for (PreparedStatement ps : List.of(k, s)) {
                    ps.setLong(1, id);
                    ps.setLong(2, id % 13);
                    ps.addBatch();
                }
                t.setString(1, "n" + id);
                t.setLong(2, id);
                t.addBatch();
            }
            k.executeBatch();
            s.executeBatch();
            t.executeBatch();
        }
    }

    /** {@code n} random keys, some past the table's, with repeats, as an IN list's text. */
    private static String keys(Random random, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Long.toString(random.nextInt(ROWS + 200) - 100));
        }
        return String.join(", ", out);
    }

    private List<String> rows(String sql) throws SQLException {
        return QueryRows.of(conn, sql);
    }

    /** Checks that the query reads by KEY_IN with no join and no sort, and gives what a full scan's query does. */
    private void assertKeyedWithoutJoin(String keyIn, String scanned) throws SQLException {
        assertThat(plan(keyIn)).as(keyIn).contains("KEY_IN").doesNotContain("Join").doesNotContain("Sort");
        assertThat(plan(scanned)).doesNotContain("KEY_IN");
        assertThat(rows(keyIn)).as(keyIn).isEqualTo(rows(scanned));
    }

    @Test
    void aListAtTheThresholdOrPastItReadsByKeyWithNoJoinEitherWay() throws SQLException {
        Random random = new Random(7);
        for (int n : List.of(19, 20, 21, 300, 2000)) {
            String in = " IN (" + keys(random, n) + (n % 2 == 0 ? ", NULL" : "") + ")";
            for (String order : List.of("", " ORDER BY id", " ORDER BY id DESC")) {
                for (String limit : order.isEmpty() ? List.of("") : List.of("", " LIMIT 4", " LIMIT 3 OFFSET 5")) {
                    assertKeyedWithoutJoin("SELECT id, v FROM k WHERE id" + in + order + limit,
                            "SELECT id, v FROM k WHERE ABS(id) + 0 * id" + in + " AND id >= 0" + order + limit);
                }
            }
        }
        String names = random.ints(40, 0, ROWS).mapToObj(i -> "'n" + i + "'").collect(Collectors.joining(", "));
        // A text key's order in the table is SQL's (code units): its lookups walk it, and need no sort.
        String byName = "SELECT name FROM t WHERE name IN (" + names + ", 'nope', NULL) ORDER BY name DESC";
        assertThat(plan(byName)).as(byName).contains("KEY_IN").doesNotContain("Join").doesNotContain("Sort");
        assertThat(rows(byName)).as(byName).isEqualTo(rows(
                "SELECT name FROM t WHERE UPPER(name) IN (" + names.toUpperCase() + ") ORDER BY name DESC"));
        // All the table's columns in its order: the lookups alone are the rows, with no projection over them.
        String all = "SELECT * FROM k WHERE id IN (" + keys(random, 30) + ") ORDER BY id DESC";
        assertKeyedWithoutJoin(all, all.replace("WHERE id IN", "WHERE ABS(id) + 0 * id IN"));
    }

    @Test
    void aListOfParametersReadsByKeyWithNoJoinToo() throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(25, "?"));
        String sql = "SELECT id FROM k WHERE id IN (" + marks + ") ORDER BY id DESC LIMIT 4";
        assertThat(plan(sql)).contains("KEY_IN").contains(" DESC]").doesNotContain("Join").doesNotContain("Sort");
        List<Long> got = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 1; i <= 25; i++) {
                if (i == 3) {
                    ps.setNull(i, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(i, i % 10 == 0 ? 1999 : i * 7); // 1999 twice
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    got.add(rs.getLong(1));
                }
            }
        }
        assertThat(got).containsExactly(1999L, 175L, 168L, 161L);
    }

    @Test
    void aSetTableStillSortsAndAListOfAnotherTypeKeepsItsJoin() throws SQLException {
        String in = " IN (" + keys(new Random(3), 50) + ")";
        String q = "SELECT id, v FROM s WHERE id" + in + " ORDER BY id DESC LIMIT 5";
        assertThat(plan(q)).contains("KEY_IN").contains("Sort").doesNotContain("Join");
        assertThat(rows(q)).isEqualTo(rows(q.replace(" FROM s", " FROM k")));
        // 1.5 makes the list DECIMAL: a lookup of 1.5 in a BIGINT key would find what the join must drop.
        String decimals = "SELECT id FROM k WHERE id IN (" + keys(new Random(3), 30) + ", 1.5) ORDER BY id DESC";
        assertThat(plan(decimals)).contains("Join");
        assertThat(rows(decimals)).isEqualTo(rows(decimals.replace("id IN", "ABS(id) + 0 * id IN")));
    }

    /**
     * A list of rows on the key and another column: the lookups find rows by key alone, so the join must stay to
     * test the other column. A join on the key by IS NOT DISTINCT FROM is one on equality: the key holds no NULL.
     */
    @Test
    void aListOfRowsOnTheKeyAndAnotherColumnKeepsItsJoin() throws SQLException {
        StringBuilder rowsIn = new StringBuilder();
        for (long id = 0; id < 30; id++) {
            rowsIn.append(id == 0 ? "" : ", ").append('(').append(id).append(", ").append(id % 2 == 0 ? id % 13 : 99)
                    .append(')');
        }
        String q = "SELECT id, v FROM k WHERE (id, v) IN (" + rowsIn + ") ORDER BY id";
        assertThat(plan(q)).as(q).contains("Join");
        assertThat(rows(q)).as(q).hasSize(15).isEqualTo(rows(q.replace("(id, v) IN", "(ABS(id) + 0 * id, v) IN")));
        String notDistinct = "SELECT k.id, k.v FROM k JOIN (SELECT DISTINCT * FROM (VALUES " + rowsIn
                + ") AS x (a, b)) y ON k.id IS NOT DISTINCT FROM y.a ORDER BY k.id DESC";
        assertThat(rows(notDistinct)).as(notDistinct).hasSize(30)
                .isEqualTo(rows(notDistinct.replace("k.id IS NOT DISTINCT FROM", "ABS(k.id) + 0 * k.id =")));
    }

    /** The lookups under a LIMIT read only the keys they give: another's change to a key further on is no conflict. */
    @Test
    void aLimitStopsTheLookupsOnceItHasItsRows() throws SQLException {
        String in = " IN (" + java.util.stream.LongStream.range(0, 60).mapToObj(i -> Long.toString(i * 30))
                .collect(Collectors.joining(", ")) + ")";
        try (Connection other = DriverManager.getConnection(conn.getMetaData().getURL())) {
            for (String order : List.of("id", "id DESC")) {
                for (long changed : List.of(900L, order.equals("id") ? 30L : 1740L)) {
                    conn.setAutoCommit(false);
                    assertThat(rows("SELECT id FROM k WHERE id" + in + " ORDER BY " + order + " LIMIT 3")).hasSize(3);
                    try (PreparedStatement ps = other.prepareStatement("UPDATE k SET v = v + 1 WHERE id = ?")) {
                        ps.setLong(1, changed);
                        assertThat(ps.executeUpdate()).isOne();
                    }
                    boolean read = changed != 900L; // the middle of the list, or among the first 3 read
                    try {
                        conn.commit();
                        assertThat(read).as(order + ", " + changed + " committed").isFalse();
                    } catch (SQLException e) {
                        assertThat(e.getSQLState()).isEqualTo("40001");
                        assertThat(read).as(order + ", " + changed + " conflicted").isTrue();
                        conn.rollback();
                    }
                    conn.setAutoCommit(true);
                }
            }
        }
    }
}
