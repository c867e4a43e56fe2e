package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.EmbeddedDatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Joins on UUID columns find every match, whatever the join the planner picks and whether its inputs come in key
 * order (ordered_set tables keyed by the UUID) or not (set tables, a non-key column), for UUIDs on both sides of
 * {@code 80000000-...}, where Java's signed {@code UUID.compareTo} orders them otherwise than the keys.
 */
class UuidJoinTest extends EmbeddedDatabaseTest {
    private static final int ROWS = 300;
    /** Every person's id and name, in the order of the keys (the ids' text). */
    private final TreeMap<String, String> people = new TreeMap<>();

    @BeforeEach
    void fillTables() throws SQLException {
        for (String kind : List.of("ordered_set", "set")) {
            String suffix = kind.equals("set") ? "_h" : "";
            exec("CREATE TABLE person" + suffix + " (id UUID PRIMARY KEY, name VARCHAR(10)) WITH (kind = '"
                    + kind + "')");
            exec("CREATE TABLE device" + suffix + " (id UUID PRIMARY KEY, owner UUID, n INTEGER) WITH (kind = '"
                    + kind + "')");
        }
        Random random = new Random(7);
        List<UUID> ids = new ArrayList<>(List.of(UUID.fromString("7fffffff-ffff-4fff-bfff-ffffffffffff"),
                UUID.fromString("80000000-0000-4000-8000-000000000000")));
        while (ids.size() < ROWS) {
            ids.add(new UUID(random.nextLong(), random.nextLong()));
        }
        try (PreparedStatement p = conn.prepareStatement("INSERT INTO person VALUES (?, ?)");
             PreparedStatement ph = conn.prepareStatement("INSERT INTO person_h VALUES (?, ?)");
             PreparedStatement d = conn.prepareStatement("INSERT INTO device VALUES (?, ?, ?)");
             PreparedStatement dh = conn.prepareStatement("INSERT INTO device_h VALUES (?, ?, ?)")) {
            for (int i = 0; i < ids.size(); i++) {
                people.put(ids.get(i).toString(), "p" + i);
                for (PreparedStatement ps : List.of(p, ph)) {
                    ps.setObject(1, ids.get(i));
                    ps.setString(2, "p" + i);
                    ps.addBatch();
                }
                // Device i has the same id as person i, and belongs to person (i * 7) % ROWS.
                for (PreparedStatement ps : List.of(d, dh)) {
                    ps.setObject(1, ids.get(i));
                    ps.setObject(2, ids.get(i * 7 % ROWS));
                    ps.setInt(3, i);
                    ps.addBatch();
                }
            }
            for (PreparedStatement ps : List.of(p, ph, d, dh)) {
                ps.executeBatch();
            }
        }
    }

    private List<String> rows(String sql) throws SQLException {
        return QueryRows.of(conn, sql);
    }

    /** Person i's name next to person (i * 7) % ROWS's: device i's own name and its owner's. */
    private List<String> ownersByDevice() {
        List<String> out = new ArrayList<>();
        for (String name : people.values()) {
            int i = Integer.parseInt(name.substring(1));
            out.add(i + "|p" + (i * 7 % ROWS));
        }
        out.sort(null);
        return out;
    }

    @Test
    void aJoinOfTwoKeysInKeyOrderFindsEveryMatch() throws SQLException {
        exec("DELETE FROM device WHERE MOD(n, 3) <> 0");
        exec("DELETE FROM device_h WHERE MOD(n, 3) <> 0");
        List<String> want = new ArrayList<>();
        for (String name : people.values()) {
            if (Integer.parseInt(name.substring(1)) % 3 == 0) {
                want.add(name);
            }
        }
        for (String suffix : List.of("", "_h")) {
            String sql = "SELECT p.name FROM person" + suffix + " p JOIN device" + suffix + " d ON p.id = d.id"
                    + " ORDER BY p.id";
            assertThat(rows(sql)).as(sql + "\n" + plan(sql)).isEqualTo(want);
        }
        String mixed = "SELECT p.name FROM person p JOIN device_h d ON d.id = p.id ORDER BY d.id";
        assertThat(rows(mixed)).as(mixed + "\n" + plan(mixed)).isEqualTo(want);
    }

    @Test
    void aJoinOfAKeyWithAnotherColumnFindsEveryMatch() throws SQLException {
        for (String suffix : List.of("", "_h")) {
            String sql = "SELECT d.n, p.name FROM device" + suffix + " d JOIN person" + suffix
                    + " p ON p.id = d.owner";
            List<String> got = rows(sql);
            got.sort(null);
            assertThat(got).as(sql + "\n" + plan(sql)).isEqualTo(ownersByDevice());
        }
    }

    @Test
    void outerJoinsAndAJoinOnSortedInputsFindEveryMatch() throws SQLException {
        String sorted = "SELECT p.name FROM (SELECT id, name FROM person ORDER BY id) p FULL JOIN"
                + " (SELECT id FROM device_h ORDER BY id DESC) d ON p.id = d.id WHERE d.id IS NULL OR p.id IS NULL";
        assertThat(rows(sorted)).as(sorted + "\n" + plan(sorted)).isEmpty();
        exec("DELETE FROM device WHERE id >= UUID '80000000-0000-4000-8000-000000000000'");
        long high = people.keySet().stream().filter(k -> k.compareTo("8") >= 0).count();
        String left = "SELECT COUNT(*) FROM person p LEFT JOIN device d ON p.id = d.id WHERE d.id IS NULL";
        assertThat(rows(left)).as(left + "\n" + plan(left)).containsExactly(String.valueOf(high));
        String semi = "SELECT COUNT(*) FROM person p WHERE p.id IN (SELECT id FROM device)";
        assertThat(rows(semi)).as(semi + "\n" + plan(semi)).containsExactly(String.valueOf(ROWS - high));
        String anti = "SELECT COUNT(*) FROM person p WHERE NOT EXISTS (SELECT 1 FROM device d WHERE d.id = p.id)";
        assertThat(rows(anti)).as(anti + "\n" + plan(anti)).containsExactly(String.valueOf(high));
    }
}
