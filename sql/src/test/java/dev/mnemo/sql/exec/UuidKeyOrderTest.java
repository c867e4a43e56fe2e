package dev.mnemo.sql.exec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ORDER BY a UUID of an ordered_set's key, or of an ordered index, needs no sort where the scan walks that key or index
 * (full scan, key range or lookups, index range), either way: the engine keys UUIDs by their bytes unsigned, which is
 * the order SQL gives them (their text's), on both sides of {@code 80000000-...} where {@code UUID.compareTo} would
 * misplace them. Results equal those of the same query over a set table of the same rows, which sorts.
 */
class UuidKeyOrderTest extends TwinTablesTest {
    private static final String HIGH = "UUID '80000000-0000-4000-8000-000000000000'";

    @BeforeEach
    void fillTables() throws SQLException {
        for (String kind : List.of(" WITH (kind = 'ordered_set')", "")) {
            String t = kind.isEmpty() ? "s" : "";
            exec("CREATE TABLE d" + t + " (id UUID PRIMARY KEY, owner UUID, n INTEGER)" + kind);
            exec("CREATE TABLE p" + t + " (g BIGINT NOT NULL, id UUID NOT NULL, n INTEGER, PRIMARY KEY (g, id))"
                    + kind);
        }
        exec("CREATE INDEX d_owner ON d (owner) USING ORDERED");
        Random random = new Random(11);
        try (PreparedStatement d = conn.prepareStatement("INSERT INTO d VALUES (?, ?, ?)");
             PreparedStatement ds = conn.prepareStatement("INSERT INTO ds VALUES (?, ?, ?)");
             PreparedStatement p = conn.prepareStatement("INSERT INTO p VALUES (?, ?, ?)");
             PreparedStatement ps = conn.prepareStatement("INSERT INTO ps VALUES (?, ?, ?)")) {
            for (int i = 0; i < 600; i++) {
                UUID id = new UUID(random.nextLong(), random.nextLong());
                UUID owner = i % 9 == 0 ? null : new UUID(random.nextInt(40) * 0x0400_0000_0000_0000L, 0);
                for (PreparedStatement s : List.of(d, ds)) {
                    s.setObject(1, id);
                    s.setObject(2, owner);
                    s.setInt(3, i);
                    s.addBatch();
                }
                for (PreparedStatement s : List.of(p, ps)) {
                    s.setLong(1, i % 4);
                    s.setObject(2, id);
                    s.setInt(3, i);
                    s.addBatch();
                }
            }
            for (PreparedStatement s : List.of(d, ds, p, ps)) {
                s.executeBatch();
            }
        }
    }

    /** The same query over the set tables of the same rows. */
    @Override
    String twin(String query) {
        return query.replace(" FROM d ", " FROM ds ").replace(" FROM p ", " FROM ps ");
    }

    @Test
    void aUuidKeyReadsInTheOrderOfItsTextWithoutSortEitherWay() throws SQLException {
        for (String limit : List.of("", " LIMIT 5", " LIMIT 4 OFFSET 120")) {
            for (String dir : List.of("", " DESC")) {
                assertInOrderWithoutSort("SELECT id, n FROM d ORDER BY id" + dir + limit, "MnemoTableScan");
                assertInOrderWithoutSort("SELECT n FROM d WHERE id >= " + HIGH + " ORDER BY id" + dir + limit,
                        "KEY_RANGE");
                assertInOrderWithoutSort("SELECT g, id FROM p ORDER BY g" + dir + ", id" + dir + limit,
                        "MnemoTableScan");
                assertInOrderWithoutSort("SELECT id, n FROM p WHERE g = 2 ORDER BY id" + dir + limit,
                        "KEY_RANGE =[2]");
            }
        }
    }

    @Test
    void anOrderedIndexOnAUuidReadsInTheOrderOfItsTextWithoutSort() throws SQLException {
        for (String dir : List.of("", " DESC")) {
            assertInOrderWithoutSort("SELECT owner, id FROM d WHERE owner > " + HIGH + " ORDER BY owner" + dir
                    + ", id" + dir, "INDEX_RANGE D_OWNER");
            assertInOrderWithoutSort("SELECT owner, id FROM d WHERE owner < " + HIGH + " ORDER BY owner" + dir
                    + ", id" + dir + " LIMIT 7", "INDEX_RANGE D_OWNER");
        }
    }

    @Test
    void otherOrdersStillSort() throws SQLException {
        for (String q : List.of("SELECT g, id FROM p ORDER BY g DESC, id", "SELECT g, id FROM p ORDER BY id LIMIT 9",
                "SELECT id FROM d WHERE n < 100 ORDER BY owner, id", "SELECT id, n FROM ds ORDER BY id DESC LIMIT 3")) {
            assertThat(plan(q)).as(q).contains("Sort");
        }
        assertThat(rows("SELECT g, id FROM p ORDER BY g DESC, id"))
                .isEqualTo(rows("SELECT g, id FROM ps ORDER BY g DESC, id"));
        assertThat(rows("SELECT id FROM d WHERE n < 100 ORDER BY owner, id"))
                .isEqualTo(rows("SELECT id FROM ds WHERE n < 100 ORDER BY owner, id"));
    }

    @Test
    void ownUncommittedWritesComeInKeyOrderToo() throws SQLException {
        conn.setAutoCommit(false);
        for (String t : List.of("d", "ds")) {
            exec("INSERT INTO " + t + " VALUES (UUID 'ffffffff-0000-4000-8000-000000000000', NULL, -1),"
                    + " (UUID '00000000-0000-4000-8000-000000000001', NULL, -2), (" + HIGH + ", NULL, -3)");
            exec("DELETE FROM " + t + " WHERE n BETWEEN 10 AND 40");
        }
        for (String dir : List.of("", " DESC")) {
            assertInOrderWithoutSort("SELECT id, n FROM d ORDER BY id" + dir + " LIMIT 20", "MnemoTableScan");
            assertInOrderWithoutSort("SELECT id, n FROM d WHERE id >= " + HIGH + " ORDER BY id" + dir, "KEY_RANGE");
        }
        conn.rollback();
    }
}
