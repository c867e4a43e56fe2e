package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.Databases;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queries in key order, either way or mixed, over random rows of an ordered_set (read in key order, ascending or
 * descending, with no sort where the order allows) and of a set table (sorted) give the rows a naive model gives:
 * the rows filtered, sorted and cut to the LIMIT in Java.
 */
class KeyOrderProperties {
    private static final String NAME = "key-order-properties";
    private static Connection conn;

    /** A filter as SQL with parameters taking a and then b, and as the model's test of (g, id, a, b). */
    private record Where(String sql, Predicate<long[]> test) {
        int parameters() {
            return (int) sql.chars().filter(c -> c == '?').count();
        }
    }

    /** An ORDER BY and the model's comparator of rows (g, id, v). */
    private record Order(String sql, Comparator<long[]> comparator) {
    }

    @BeforeContainer
    static void open() throws SQLException {
        conn = DriverManager.getConnection("jdbc:mnemo:mem:" + NAME);
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE o (g BIGINT NOT NULL, id BIGINT NOT NULL, v BIGINT, PRIMARY KEY (g, id))"
                    + " WITH (kind = 'ordered_set')");
            s.execute("CREATE TABLE os (g BIGINT NOT NULL, id BIGINT NOT NULL, v BIGINT, PRIMARY KEY (g, id))");
        }
    }

    @AfterContainer
    static void close() throws SQLException {
        conn.close();
        Databases.close(NAME);
    }

    @Property(tries = 60)
    void keyOrderQueriesGiveTheModelsRows(@ForAll("rows") List<long[]> rows, @ForAll("wheres") Where where,
                                          @ForAll("orders") Order order, @ForAll("limits") String limit,
                                          @ForAll("bounds") long a, @ForAll("bounds") long b) throws SQLException {
        load(rows);
        Map<List<Long>, long[]> byKey = new LinkedHashMap<>(); // UPSERT: a later row replaces one of the same key
        rows.forEach(r -> byKey.put(List.of(r[0], r[1]), r));
        List<String> want = byKey.values().stream().filter(r -> where.test().test(new long[] {r[0], r[1], a, b}))
                .sorted(order.comparator()).map(r -> r[0] + "|" + r[1] + "|" + r[2]).toList();
        want = cut(want, limit);
        for (String table : List.of("o", "os")) {
            String sql = "SELECT g, id, v FROM " + table + " WHERE " + where.sql() + " ORDER BY " + order.sql() + limit;
            assertThat(query(sql, where.parameters(), a, b)).as(sql + " with " + a + ", " + b).isEqualTo(want);
        }
    }

    private static void load(List<long[]> rows) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("DELETE FROM o");
            s.execute("DELETE FROM os");
        }
        for (String table : List.of("o", "os")) {
            try (PreparedStatement ps = conn.prepareStatement("UPSERT INTO " + table + " VALUES (?, ?, ?)")) {
                for (long[] r : rows) {
                    for (int i = 0; i < 3; i++) {
                        ps.setLong(i + 1, r[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** The model's rows under a LIMIT/OFFSET clause of {@link #limits}. */
    private static List<String> cut(List<String> rows, String limit) {
        String[] words = limit.trim().split(" ");
        int fetch = Integer.MAX_VALUE;
        int offset = 0;
        for (int i = 0; i + 1 < words.length; i += 2) {
            int n = Integer.parseInt(words[i + 1]);
            if (words[i].equals("LIMIT")) {
                fetch = n;
            } else {
                offset = n;
            }
        }
        return rows.subList(Math.min(offset, rows.size()), (int) Math.min(rows.size(), (long) offset + fetch));
    }

    private static List<String> query(String sql, int parameters, long a, long b) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 1; i <= parameters; i++) {
                ps.setLong(i, i == 1 ? a : b);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getLong(3));
                }
            }
        }
        return out;
    }

    /** Rows (g, id, v) with small keys, so that filters and limits cut through groups of g. */
    @Provide
    Arbitrary<List<long[]>> rows() {
        return Combinators.combine(Arbitraries.longs().between(0, 4), Arbitraries.longs().between(-30, 30),
                Arbitraries.longs().between(-3, 3)).as((g, id, v) -> new long[] {g, id, v}).list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<Long> bounds() {
        return Arbitraries.longs().between(-2, 6);
    }

    /** Filters over the whole key, a range or a prefix of it, a prefix and a range, and a non-key column. */
    @Provide
    Arbitrary<Where> wheres() {
        return Arbitraries.of(
                new Where("TRUE", r -> true),
                new Where("g >= ?", r -> r[0] >= r[2]),
                new Where("g < ? AND g > ?", r -> r[0] < r[2] && r[0] > r[3]),
                new Where("g = ? AND id > ? * 5", r -> r[0] == r[2] && r[1] > r[3] * 5),
                new Where("id <= ? * 5", r -> r[1] <= r[2] * 5));
    }

    /** Key order either way (no sort on the ordered_set), mixed directions and a non-key column (sorted). */
    @Provide
    Arbitrary<Order> orders() {
        Comparator<long[]> g = Comparator.comparingLong(r -> r[0]);
        Comparator<long[]> id = Comparator.comparingLong(r -> r[1]);
        Comparator<long[]> v = Comparator.comparingLong(r -> r[2]);
        return Arbitraries.of(
                new Order("g, id", g.thenComparing(id)),
                new Order("g DESC, id DESC", g.reversed().thenComparing(id.reversed())),
                new Order("g DESC, id", g.reversed().thenComparing(id)),
                new Order("g, id DESC", g.thenComparing(id.reversed())),
                new Order("v DESC, g DESC, id DESC",
                        v.reversed().thenComparing(g.reversed()).thenComparing(id.reversed())));
    }

    @Provide
    Arbitrary<String> limits() {
        return Arbitraries.of("", " LIMIT 3", " LIMIT 10 OFFSET 2", " OFFSET 5");
    }
}
