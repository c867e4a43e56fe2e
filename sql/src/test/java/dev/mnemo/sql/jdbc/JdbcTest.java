package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.JdbcConformanceContract;
import dev.mnemo.sql.client.JdbcConformanceContract.Capability;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JDBC conformance set through the embedded driver, and what only {@code jdbc:mnemo:mem:} URLs do. */
class JdbcTest extends JdbcConformanceContract<EmbeddedFixture> {
    JdbcTest() {
        super(new EmbeddedFixture(),
                EnumSet.of(Capability.DESCRIBES_STATEMENTS_BEFORE_EXECUTION, Capability.SAVEPOINTS));
    }

    @Test
    void preparedStatementsSurviveSchemaChanges() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
        exec("INSERT INTO t VALUES (1, 10)");
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM t WHERE id = ?");
        ps.setInt(1, 1);
        assertThat(ps.executeQuery().getMetaData().getColumnCount()).isEqualTo(2);
        exec("ALTER TABLE t ADD COLUMN w VARCHAR(5) DEFAULT 'w'");
        ResultSet rs = ps.executeQuery();
        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(3);
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(3)).isEqualTo("w");
        exec("DROP TABLE t");
        assertThatThrownBy(ps::executeQuery).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42S02");
    }

    @Test
    void aBadPlanCacheSizeFailsTheConnectionAsABadUrl() {
        for (String bad : new String[] {"-1", "many", ""}) {
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:mnemo:mem:badcache;planCacheStatements=" + bad))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("08001");
                        assertThat(e.getMessage()).contains("planCacheStatements=" + bad);
                    });
        }
    }

    @Test
    void urlsShareDatabasesByNameAndTakeADataDir(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws SQLException {
        exec("CREATE TABLE shared (id INTEGER PRIMARY KEY)");
        try (Connection again = DriverManager.getConnection(fixture.url())) {
            assertThat(count(again, "shared")).isZero();
        }
        String disc = "jdbc:mnemo:mem:disc" + fixture.name() + ";dataDir=" + dir;
        try (Connection d = DriverManager.getConnection(disc)) {
            d.createStatement().execute("CREATE TABLE kept (id INTEGER PRIMARY KEY) WITH (storage = 'disc')");
            d.createStatement().execute("INSERT INTO kept VALUES (1), (2)");
        }
        Databases.close("disc" + fixture.name());
        try (Connection d = DriverManager.getConnection(disc)) {
            assertThat(count(d, "kept")).isEqualTo(2);
        } finally {
            Databases.close("disc" + fixture.name());
        }
        assertThat(DriverManager.getDriver(fixture.url())).isInstanceOf(MnemoDriver.class);
    }

    @Test
    void scrollableResultSetsMoveBothWays() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        exec("INSERT INTO t VALUES (1), (2), (3)");
        Statement s = conn.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY);
        ResultSet rs = s.executeQuery("SELECT id FROM t ORDER BY id");
        assertThat(rs.last()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(3);
        assertThat(rs.previous()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(2);
        assertThat(rs.absolute(1)).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
        s.setMaxRows(2);
        rs = s.executeQuery("SELECT id FROM t ORDER BY id");
        rs.last();
        assertThat(rs.getRow()).isEqualTo(2);
    }
}
