package dev.mnemo.sql.client;

import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code DEFAULT RANDOM_UUID()} and {@code DEFAULT GEN_RANDOM_UUID()} on a UUID column: every row that takes the
 * default gets a UUID of its own, however many rows one statement writes; only a UUID column takes it, and a column
 * with it is added to an empty table only. Once per driver.
 */
public abstract class UuidDefaultContract extends ConnectedContract {
    protected UuidDefaultContract(JdbcFixture fixture) {
        super(fixture);
    }

    /** The UUIDs of one column, each checked to be a random (version 4) one. */
    private List<UUID> uuids(String sql) throws SQLException {
        List<UUID> out = new ArrayList<>();
        for (String text : rows(sql)) {
            UUID u = UUID.fromString(text);
            assertThat(u.version()).as(text).isEqualTo(4);
            out.add(u);
        }
        return out;
    }

    private static void allDistinct(List<UUID> uuids, int count) {
        assertThat(uuids).hasSize(count);
        Set<UUID> seen = new HashSet<>(uuids);
        assertThat(seen).as("each row its own UUID").hasSize(count);
    }

    @Test
    public void everyRowThatTakesTheDefaultGetsItsOwnUuid() throws SQLException {
        exec("CREATE TABLE token (id UUID PRIMARY KEY DEFAULT GEN_RANDOM_UUID(), n INTEGER,"
                + " other UUID DEFAULT RANDOM_UUID())");
        exec("INSERT INTO token (n) VALUES (1)");
        exec("INSERT INTO token (n) VALUES (2), (3), (4)");
        exec("INSERT INTO token (id, n, other) VALUES (DEFAULT, 5, DEFAULT)");
        exec("INSERT INTO token (n) SELECT n + 10 FROM token");
        exec("INSERT INTO token (id, n) VALUES (UUID '00000000-0000-4000-8000-000000000001', 99)");
        assertThat(rows("SELECT COUNT(*), COUNT(DISTINCT id), COUNT(DISTINCT other) FROM token"))
                .containsExactly("11:11:11");
        allDistinct(uuids("SELECT id FROM token WHERE n <> 99"), 10);
        allDistinct(uuids("SELECT other FROM token"), 11);
        assertThat(rows("SELECT n FROM token WHERE id = UUID '00000000-0000-4000-8000-000000000001'"))
                .containsExactly("99");
        List<UUID> before = uuids("SELECT other FROM token ORDER BY n");
        exec("UPDATE token SET other = DEFAULT WHERE n < 10");
        List<UUID> after = uuids("SELECT other FROM token ORDER BY n");
        allDistinct(after, 11);
        assertThat(after.subList(0, 5)).doesNotContainAnyElementsOf(before);
        assertThat(after.subList(5, 11)).isEqualTo(before.subList(5, 11));
    }

    @Test
    public void alterColumnSetsAndDropsTheDefault() throws SQLException {
        exec("CREATE TABLE t (n INTEGER PRIMARY KEY, u UUID)");
        exec("INSERT INTO t (n) VALUES (1)");
        exec("ALTER TABLE t ALTER COLUMN u SET DEFAULT RANDOM_UUID()");
        exec("INSERT INTO t (n) VALUES (2), (3)");
        exec("ALTER TABLE t ALTER COLUMN u DROP DEFAULT");
        exec("INSERT INTO t (n) VALUES (4)");
        exec("ALTER TABLE t ALTER u SET DEFAULT GEN_RANDOM_UUID()");
        exec("INSERT INTO t (n) VALUES (5)");
        assertThat(rows("SELECT n FROM t WHERE u IS NULL ORDER BY n")).containsExactly("1", "4");
        allDistinct(uuids("SELECT u FROM t WHERE u IS NOT NULL"), 3);
    }

    @Test
    public void aColumnWithTheDefaultIsAddedToAnEmptyTableOnly() throws SQLException {
        exec("CREATE TABLE t (n INTEGER PRIMARY KEY)");
        exec("INSERT INTO t VALUES (1), (2)");
        failsWith("ALTER TABLE t ADD COLUMN u UUID DEFAULT RANDOM_UUID()", "0A000", "U", "has rows",
                "SET DEFAULT RANDOM_UUID()");
        assertThat(rows("SELECT * FROM t ORDER BY n")).containsExactly("1", "2");
        exec("ALTER TABLE t ADD COLUMN u UUID");
        exec("UPDATE t SET u = RANDOM_UUID()");
        exec("ALTER TABLE t ALTER COLUMN u SET DEFAULT RANDOM_UUID()");
        exec("INSERT INTO t (n) VALUES (3)");
        allDistinct(uuids("SELECT u FROM t"), 3);
        exec("CREATE TABLE e (n INTEGER PRIMARY KEY)");
        exec("ALTER TABLE e ADD COLUMN u UUID NOT NULL DEFAULT GEN_RANDOM_UUID()");
        exec("INSERT INTO e (n) VALUES (1), (2)");
        allDistinct(uuids("SELECT u FROM e"), 2);
    }

    @Test
    public void onlyAUuidColumnTakesTheDefaultAndOnlyTheseFunctionsAreDefaults() throws SQLException {
        failsWith("CREATE TABLE bad (n INTEGER PRIMARY KEY, s VARCHAR(36) DEFAULT RANDOM_UUID())", "42804",
                "RANDOM_UUID()", "S");
        failsWith("CREATE TABLE bad (n INTEGER PRIMARY KEY, u UUID DEFAULT NOW())", "0A000", "NOW");
        exec("CREATE TABLE t (n INTEGER PRIMARY KEY, m INTEGER)");
        failsWith("ALTER TABLE t ALTER COLUMN m SET DEFAULT GEN_RANDOM_UUID()", "42804", "M");
        assertThat(rows("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'BAD'"))
                .containsExactly("0");
    }

    @Test
    public void aColumnKeepsItsTypeWhileItsDefaultIsARandomUuid() throws SQLException {
        exec("CREATE TABLE t (n INTEGER PRIMARY KEY, u UUID DEFAULT RANDOM_UUID())");
        exec("INSERT INTO t (n) VALUES (1)");
        failsWith("ALTER TABLE t ALTER COLUMN u SET DATA TYPE VARCHAR(36)", "0A000", "U", "RANDOM_UUID()",
                "DROP DEFAULT");
        exec("INSERT INTO t (n) VALUES (2)");
        allDistinct(uuids("SELECT u FROM t"), 2);
        exec("ALTER TABLE t ALTER COLUMN u DROP DEFAULT");
        exec("ALTER TABLE t ALTER COLUMN u SET DATA TYPE VARCHAR(36)");
        exec("INSERT INTO t (n) VALUES (3)");
        allDistinct(uuids("SELECT u FROM t WHERE n < 3"), 2);
        assertThat(rows("SELECT n FROM t WHERE u IS NULL")).containsExactly("3");
    }

    @Test
    public void columnDefAndTheInformationSchemaNameTheDefault() throws SQLException {
        exec("CREATE TABLE token (id UUID PRIMARY KEY DEFAULT GEN_RANDOM_UUID(), other UUID DEFAULT RANDOM_UUID())");
        List<String> defaults = new ArrayList<>();
        try (ResultSet c = conn.getMetaData().getColumns(null, null, "TOKEN", null)) {
            while (c.next()) {
                defaults.add(c.getString("COLUMN_NAME") + "=" + c.getString("COLUMN_DEF"));
            }
        }
        assertThat(defaults).containsExactly("ID=RANDOM_UUID()", "OTHER=RANDOM_UUID()");
        assertThat(rows("SELECT COLUMN_NAME, COLUMN_DEFAULT FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_NAME = 'TOKEN' ORDER BY ORDINAL_POSITION"))
                .containsExactly("ID:RANDOM_UUID()", "OTHER:RANDOM_UUID()");
    }
}
