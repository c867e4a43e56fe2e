package dev.mnemo.sql.client;

import org.junit.jupiter.api.Test;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * UUID columns through JDBC: stored from parameters and literals, read back as {@link UUID}, compared and sorted as
 * their bytes unsigned (as their text sorts), described as {@code OTHER} named {@code UUID}; once per driver.
 */
public abstract class UuidContract extends ConnectedContract {
    private static final UUID LOW = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID MID = UUID.fromString("7fffffff-ffff-4fff-bfff-ffffffffffff");
    /** First of all by Java's signed UUID.compareTo, third by its bytes. */
    private static final UUID HIGH = UUID.fromString("80000000-0000-4000-8000-000000000000");
    private static final UUID TOP = UUID.fromString("ffffffff-ffff-4fff-bfff-fffffffffffe");
    private static final UUID ALICE = UUID.fromString("a11ce000-0000-4000-8000-000000000000");
    private static final UUID BOB = UUID.fromString("0b0b0000-0000-4000-8000-000000000000");

    protected UuidContract(JdbcFixture fixture) {
        super(fixture);
    }

    /** Four devices of two owners, stored by a literal, setObject and setString; ordered_set keyed by the UUID. */
    private void makeDevices() throws SQLException {
        exec("CREATE TABLE device (id UUID PRIMARY KEY, owner UUID NOT NULL, name VARCHAR(20))"
                + " WITH (kind = 'ordered_set')");
        exec("CREATE INDEX device_owner ON device (owner)");
        exec("INSERT INTO device VALUES (CAST('" + LOW + "' AS UUID), CAST('" + ALICE + "' AS UUID), 'low')");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO device VALUES (?, ?, ?)")) {
            ps.setObject(1, HIGH);
            ps.setObject(2, BOB);
            ps.setString(3, "high");
            ps.executeUpdate();
            ps.setString(1, TOP.toString().toUpperCase());
            ps.setString(2, ALICE.toString());
            ps.setString(3, "top");
            ps.executeUpdate();
            ps.setObject(1, MID);
            ps.setObject(2, BOB);
            ps.setString(3, "mid");
            ps.executeUpdate();
        }
    }

    private List<String> strings(String sql, Object... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Test
    public void aUuidColumnReadsBackAsAUuidAndAsItsLowerCaseText() throws SQLException {
        makeDevices();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, owner, CAST(id AS VARCHAR(36)) FROM device WHERE name = 'top'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isInstanceOf(UUID.class).isEqualTo(TOP);
            assertThat(rs.getObject(1, UUID.class)).isEqualTo(TOP);
            assertThat(rs.getObject("OWNER", UUID.class)).isEqualTo(ALICE);
            assertThat(rs.getString(1)).isEqualTo("ffffffff-ffff-4fff-bfff-fffffffffffe");
            assertThat(rs.getString(3)).isEqualTo(rs.getString(1));
            assertThat(rs.next()).isFalse();
        }
        assertThat(strings("SELECT name FROM device WHERE id = ?", HIGH)).containsExactly("high");
        assertThat(strings("SELECT name FROM device WHERE id = ?", MID.toString())).containsExactly("mid");
        assertThat(strings("SELECT name FROM device WHERE id = CAST('" + LOW.toString().toUpperCase() + "' AS UUID)"))
                .containsExactly("low");
    }

    @Test
    public void uuidsCompareAndSortAsTheirBytesUnsigned() throws SQLException {
        makeDevices();
        assertThat(strings("SELECT name FROM device ORDER BY id")).containsExactly("low", "mid", "high", "top");
        assertThat(strings("SELECT name FROM device ORDER BY id DESC")).containsExactly("top", "high", "mid", "low");
        assertThat(strings("SELECT name FROM device WHERE id > ? ORDER BY name", MID)).containsExactly("high", "top");
        assertThat(strings("SELECT name FROM device WHERE id < CAST('" + HIGH + "' AS UUID) ORDER BY name"))
                .containsExactly("low", "mid");
        assertThat(strings("SELECT name FROM device WHERE id BETWEEN ? AND ? ORDER BY id", MID, TOP))
                .containsExactly("mid", "high", "top");
        assertThat(strings("SELECT MIN(id) FROM device")).containsExactly(LOW.toString());
        assertThat(strings("SELECT MAX(id) FROM device")).containsExactly(TOP.toString());
    }

    @Test
    public void windowsAndOrderedAggregatesOrderUuidsAsTheirBytesUnsigned() throws SQLException {
        makeDevices();
        assertThat(rows("SELECT name, ROW_NUMBER() OVER (ORDER BY id) FROM device ORDER BY name"))
                .containsExactly("high:3", "low:1", "mid:2", "top:4");
        assertThat(rows("SELECT name, RANK() OVER (PARTITION BY owner ORDER BY id DESC) FROM device ORDER BY name"))
                .containsExactly("high:1", "low:2", "mid:2", "top:1");
        assertThat(rows("SELECT name, COUNT(*) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),"
                + " FIRST_VALUE(name) OVER (ORDER BY id DESC) FROM device ORDER BY name"))
                .containsExactly("high:3:top", "low:1:top", "mid:2:top", "top:4:top");
        assertThat(rows("SELECT name, MIN(id) OVER (), MAX(id) OVER (PARTITION BY owner) FROM device ORDER BY name"))
                .containsExactly("high:" + LOW + ":" + HIGH, "low:" + LOW + ":" + TOP, "mid:" + LOW + ":" + HIGH,
                        "top:" + LOW + ":" + TOP);
        assertThat(rows("SELECT STRING_AGG(name, ',' ORDER BY id) FROM device")).containsExactly("low,mid,high,top");
        assertThat(rows("SELECT LISTAGG(name, ',') WITHIN GROUP (ORDER BY id DESC) FROM device"))
                .containsExactly("top,high,mid,low");
        assertThat(rows("SELECT STRING_AGG(name, ',' ORDER BY owner, id DESC) FROM device"))
                .containsExactly("high,mid,top,low");
        assertThat(strings("SELECT owner FROM device UNION SELECT id FROM device WHERE name = 'mid' ORDER BY 1 DESC"))
                .containsExactly(ALICE.toString(), MID.toString(), BOB.toString());
        assertThat(strings("SELECT id FROM device WHERE name IN ('low', 'high') UNION ALL SELECT owner FROM device"
                + " ORDER BY 1")).containsExactly(LOW.toString(), BOB.toString(), BOB.toString(), HIGH.toString(),
                ALICE.toString(), ALICE.toString());
        assertThat(strings("SELECT name FROM device ORDER BY owner DESC, id")).containsExactly("low", "top", "mid",
                "high");
        assertThat(rows("SELECT ARG_MIN(name, id), ARG_MAX(name, id) FROM device")).containsExactly("low:top");
    }

    @Test
    public void uuidsGroupJoinAndAreLookedUpByKeyAndIndex() throws SQLException {
        makeDevices();
        exec("CREATE TABLE person (id UUID PRIMARY KEY, name VARCHAR(10))");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO person VALUES (?, ?)")) {
            ps.setObject(1, ALICE);
            ps.setString(2, "alice");
            ps.executeUpdate();
            ps.setObject(1, BOB);
            ps.setString(2, "bob");
            ps.executeUpdate();
        }
        assertThat(strings("SELECT name FROM device WHERE owner = ? ORDER BY name", BOB))
                .containsExactly("high", "mid");
        assertThat(strings("SELECT name FROM person WHERE id = ?", ALICE)).containsExactly("alice");
        assertThat(rows("SELECT owner, COUNT(*) FROM device GROUP BY owner ORDER BY owner"))
                .containsExactly(BOB + ":2", ALICE + ":2");
        assertThat(rows("SELECT DISTINCT owner FROM device ORDER BY owner")).containsExactly(BOB.toString(),
                ALICE.toString());
        assertThat(rows("SELECT p.name, d.name FROM device d JOIN person p ON p.id = d.owner ORDER BY d.id"))
                .containsExactly("alice:low", "bob:mid", "bob:high", "alice:top");
        exec("UPDATE device SET owner = (SELECT id FROM person WHERE name = 'alice') WHERE id = CAST('" + MID
                + "' AS UUID)");
        assertThat(strings("SELECT name FROM device WHERE owner = ? ORDER BY name", ALICE))
                .containsExactly("low", "mid", "top");
        exec("DELETE FROM device WHERE id = CAST('" + TOP + "' AS UUID)");
        assertThat(strings("SELECT name FROM device ORDER BY id")).containsExactly("low", "mid", "high");
    }

    @Test
    public void textThatIsNoCanonicalUuidIsAnInvalidCast() throws SQLException {
        makeDevices();
        failsWith("SELECT CAST('nope' AS UUID) FROM device", "22018", "nope");
        failsWith("SELECT CAST('1-2-3-4-5' AS UUID) FROM device", "22018", "1-2-3-4-5");
        failsWith("INSERT INTO device VALUES ('not-a-uuid', CAST('" + ALICE + "' AS UUID), 'x')", "22018",
                "not-a-uuid");
        assertThatThrownBy(() -> strings("SELECT name FROM device WHERE id = ?", "0000"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22018"));
        failsWith("CREATE TABLE bad (id UUID PRIMARY KEY, n INTEGER DEFAULT 0, u UUID DEFAULT 'zz')", "22018", "zz");
        failsWith("SELECT UUID '1-2-3-4-5' FROM device", "22018", "1-2-3-4-5");
        failsWith("SELECT name FROM device WHERE id = UUID '{" + LOW + "}'", "22018", LOW.toString());
        failsWith("CREATE TABLE bad (id INTEGER PRIMARY KEY, u UUID DEFAULT UUID '1-2-3-4-5')", "22018", "1-2-3-4-5");
        assertThat(rows("SELECT name FROM device WHERE id = UUID '" + TOP.toString().toUpperCase() + "'"))
                .containsExactly("top");
        exec("CREATE TABLE good (id INTEGER PRIMARY KEY, u UUID DEFAULT '" + ALICE + "', v UUID DEFAULT UUID '"
                + BOB + "')");
        exec("INSERT INTO good (id) VALUES (1)");
        assertThat(rows("SELECT u, v, UUID '" + TOP + "' FROM good")).containsExactly(ALICE + ":" + BOB + ":" + TOP);
    }

    @Test
    public void metadataDescribesAUuidAsOtherNamedUuid() throws SQLException {
        makeDevices();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM device")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnType(1)).isEqualTo(Types.OTHER);
            assertThat(md.getColumnTypeName(1)).isEqualTo("UUID");
            assertThat(md.getColumnClassName(1)).isEqualTo(UUID.class.getName());
        }
        DatabaseMetaData md = conn.getMetaData();
        try (ResultSet rs = md.getColumns(null, null, "DEVICE", "ID")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.OTHER);
            assertThat(rs.getString("TYPE_NAME")).isEqualTo("UUID");
        }
        Set<String> types = new HashSet<>();
        try (ResultSet rs = md.getTypeInfo()) {
            while (rs.next()) {
                types.add(rs.getString("TYPE_NAME") + ":" + rs.getInt("DATA_TYPE"));
            }
        }
        assertThat(types).contains("UUID:" + Types.OTHER);
        assertThat(rows("SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'DEVICE'"
                + " AND COLUMN_NAME = 'OWNER'")).containsExactly("UUID");
        try (PreparedStatement ps = conn.prepareStatement("SELECT name FROM device WHERE id = ?")) {
            assertThat(ps.getParameterMetaData().getParameterType(1)).isEqualTo(Types.OTHER);
            assertThat(ps.getParameterMetaData().getParameterTypeName(1)).isEqualTo("UUID");
        }
    }

    /** A UUID's size to JDBC is its text form's length, 36, in getTypeInfo as in getColumns. */
    @Test
    public void metadataGivesAUuidTheLengthOfItsText() throws SQLException {
        makeDevices();
        DatabaseMetaData md = conn.getMetaData();
        try (ResultSet rs = md.getColumns(null, null, "DEVICE", "ID")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(ALICE.toString().length()).isEqualTo(36);
        }
        List<Integer> precisions = new ArrayList<>();
        try (ResultSet rs = md.getTypeInfo()) {
            while (rs.next()) {
                if (rs.getString("TYPE_NAME").equals("UUID")) {
                    precisions.add(rs.getInt("PRECISION"));
                }
            }
        }
        assertThat(precisions).containsExactly(36);
    }

    @Test
    public void randomUuidsAreNewEachCallAndRefusedInACheck() throws SQLException {
        List<String> made = rows("SELECT RANDOM_UUID(), GEN_RANDOM_UUID() FROM (VALUES (1), (2), (3)) AS t (n)");
        Set<UUID> seen = new HashSet<>();
        for (String row : made) {
            for (String u : row.split(":")) {
                UUID uuid = UUID.fromString(u);
                assertThat(uuid.version()).isEqualTo(4);
                seen.add(uuid);
            }
        }
        assertThat(seen).hasSize(6);
        exec("CREATE TABLE token (id UUID PRIMARY KEY, n INTEGER)");
        exec("INSERT INTO token VALUES (RANDOM_UUID(), 1), (GEN_RANDOM_UUID(), 2)");
        exec("INSERT INTO token SELECT RANDOM_UUID(), n + 2 FROM token");
        assertThat(rows("SELECT COUNT(DISTINCT id) FROM token")).containsExactly("4");
        failsWith("CREATE TABLE odd (id UUID PRIMARY KEY CHECK (id <> RANDOM_UUID()))", "42000", "deterministic");
    }
}
