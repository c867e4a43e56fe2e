package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.EmbeddedDatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order comparison ({@code <}, {@code <=}, {@code >}, {@code >=}, {@code BETWEEN}) of an ordered_set's UUID key,
 * or of a UUID column of an ordered index, with a literal or a parameter reads a key or index range, not a full scan;
 * its rows are those whose UUIDs, as bytes unsigned (as text), fall in the range, in key order either way, on both
 * sides of {@code 80000000-...}, where Java's signed {@code UUID.compareTo} would misplace them.
 */
class UuidRangeTest extends EmbeddedDatabaseTest {
    private static final UUID LOW = UUID.fromString("3fffffff-ffff-4fff-bfff-ffffffffffff");
    private static final UUID MID = UUID.fromString("7fffffff-ffff-4fff-bfff-ffffffffffff");
    private static final UUID HIGH = UUID.fromString("80000000-0000-4000-8000-000000000000");
    private static final UUID TOP = UUID.fromString("c0000000-0000-4000-8000-000000000000");
    /** The order of the engine's keys: the text's. */
    private static final Comparator<UUID> UNSIGNED = Comparator.comparing(UUID::toString);

    private final List<UUID> ids = new ArrayList<>();

    @BeforeEach
    void fillTable() throws SQLException {
        exec("CREATE TABLE device (id UUID PRIMARY KEY, owner UUID, n INTEGER) WITH (kind = 'ordered_set')");
        exec("CREATE INDEX device_owner ON device (owner) USING ORDERED");
        Random random = new Random(42);
        ids.addAll(List.of(LOW, MID, HIGH, TOP));
        for (int i = 0; i < 400; i++) {
            ids.add(new UUID(random.nextLong(), random.nextLong()));
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO device VALUES (?, ?, ?)")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setObject(1, ids.get(i));
                ps.setObject(2, ids.get(i));
                ps.setInt(3, i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        ids.sort(UNSIGNED);
    }

    private List<String> rows(String sql, Object... params) throws SQLException {
        return QueryRows.of(conn, sql, params);
    }

    /** The ids the model holds in the range, in key order (reversed for DESC). */
    private List<String> expected(Predicate<UUID> in, boolean descending) {
        List<String> out = new ArrayList<>();
        for (UUID id : ids) {
            if (in.test(id)) {
                out.add(id.toString());
            }
        }
        if (descending) {
            Collections.reverse(out);
        }
        return out;
    }

    private static String literal(UUID u) {
        return "UUID '" + u + "'";
    }

    private static int cmp(UUID a, UUID b) {
        return UNSIGNED.compare(a, b);
    }

    /** Checks the access path of the condition on {@code column}, and its rows against the model's, either order. */
    private void assertRange(String column, String access, String condition, Predicate<UUID> in, Object... params)
            throws SQLException {
        for (String order : List.of("", " DESC")) {
            String sql = "SELECT " + column + " FROM device WHERE " + condition + " ORDER BY " + column + order;
            assertThat(plan(sql)).as(sql).contains(access);
            List<String> want = expected(in, !order.isEmpty());
            assertThat(want).as(sql).isNotEmpty();
            assertThat(rows(sql, params)).as(sql).isEqualTo(want);
            String scanned = "SELECT " + column + " FROM device WHERE " + condition.replace(column,
                    "CAST(" + column + " AS VARCHAR(36))") + " ORDER BY " + column + order;
            if (params.length == 0) {
                assertThat(plan(scanned)).as(scanned).doesNotContain(access.split(" ")[0]);
                assertThat(rows(scanned)).as(scanned).isEqualTo(want);
            }
        }
    }

    @Test
    void orderComparisonsOfTheKeyWithLiteralsReadAKeyRange() throws SQLException {
        assertRange("id", "KEY_RANGE < " + HIGH, "id < " + literal(HIGH), u -> cmp(u, HIGH) < 0);
        assertRange("id", "KEY_RANGE <= " + HIGH, "id <= " + literal(HIGH), u -> cmp(u, HIGH) <= 0);
        assertRange("id", "KEY_RANGE > " + MID, "id > " + literal(MID), u -> cmp(u, MID) > 0);
        assertRange("id", "KEY_RANGE >= " + MID, "id >= " + literal(MID), u -> cmp(u, MID) >= 0);
        assertRange("id", "KEY_RANGE >= " + LOW + " <= " + TOP, "id BETWEEN " + literal(LOW) + " AND "
                + literal(TOP), u -> cmp(u, LOW) >= 0 && cmp(u, TOP) <= 0);
        assertRange("id", "KEY_RANGE > " + LOW + " < " + HIGH, "id > " + literal(LOW) + " AND id < "
                + literal(HIGH), u -> cmp(u, LOW) > 0 && cmp(u, HIGH) < 0);
        assertRange("id", "KEY_RANGE >= " + HIGH, literal(HIGH) + " <= id", u -> cmp(u, HIGH) >= 0);
    }

    @Test
    void orderComparisonsOfTheKeyWithParametersReadAKeyRange() throws SQLException {
        assertRange("id", "KEY_RANGE < ?0", "id < ?", u -> cmp(u, HIGH) < 0, HIGH);
        assertRange("id", "KEY_RANGE >= ?0", "id >= ?", u -> cmp(u, MID) >= 0, MID.toString());
        assertRange("id", "KEY_RANGE >= ?0 <= ?1", "id BETWEEN ? AND ?", u -> cmp(u, MID) >= 0 && cmp(u, TOP) <= 0,
                MID, TOP);
        assertRange("id", "KEY_RANGE > ?0", "id > CAST(? AS UUID)", u -> cmp(u, HIGH) > 0, HIGH);
    }

    @Test
    void orderComparisonsOfAnOrderedIndexsUuidReadAnIndexRange() throws SQLException {
        String range = "INDEX_RANGE DEVICE_OWNER";
        assertRange("owner", range + " < " + HIGH, "owner < " + literal(HIGH), u -> cmp(u, HIGH) < 0);
        assertRange("owner", range + " >= " + MID + " <= " + TOP, "owner BETWEEN " + literal(MID) + " AND "
                + literal(TOP), u -> cmp(u, MID) >= 0 && cmp(u, TOP) <= 0);
        assertRange("owner", range + " >= ?0", "owner >= ?", u -> cmp(u, HIGH) >= 0, HIGH);
    }

    @Test
    void aComparisonWithNullOrAnotherColumnIsNoRange() throws SQLException {
        assertThat(rows("SELECT id FROM device WHERE id < CAST(NULL AS UUID)")).isEmpty();
        assertThat(plan("SELECT id FROM device WHERE id < owner")).doesNotContain("KEY_RANGE");
        assertThat(rows("SELECT COUNT(*) FROM device WHERE id <= owner")).containsExactly(String.valueOf(ids.size()));
    }
}
