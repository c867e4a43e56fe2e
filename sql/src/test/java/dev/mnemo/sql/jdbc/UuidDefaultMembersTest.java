package dev.mnemo.sql.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.mnemo.sql.jdbc.LoopbackMembers.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A random UUID default is drawn by the member that runs the statement: every member of a cluster stores the same
 * UUIDs. The default survives a SCRIPT dump loaded elsewhere and the reopening of a disc database.
 */
class UuidDefaultMembersTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Test
    void everyMemberStoresTheUuidsTheMemberThatRanTheStatementDrew() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            a.createStatement().execute("CREATE TABLE t (id UUID PRIMARY KEY DEFAULT RANDOM_UUID(), n INTEGER)");
            a.createStatement().execute("INSERT INTO t (n) VALUES (1), (2)");
            b.createStatement().execute("INSERT INTO t (n) SELECT n + 2 FROM t");
            List<String> seen = rows(a, "SELECT id || ':' || n FROM t ORDER BY n");
            assertThat(seen).hasSize(4);
            assertThat(rows(b, "SELECT id || ':' || n FROM t ORDER BY n")).isEqualTo(seen);
            assertThat(rows(b, "SELECT COUNT(DISTINCT id) FROM t")).containsExactly("4");
        }
    }

    @Test
    void aScriptMakesTheDefaultAgainAndKeepsTheRowsUuids() throws SQLException {
        String source = "uuiddefaultsource" + DATABASES.incrementAndGet();
        String target = "uuiddefaulttarget" + DATABASES.incrementAndGet();
        try (Connection s = DriverManager.getConnection("jdbc:mnemo:mem:" + source);
             Connection t = DriverManager.getConnection("jdbc:mnemo:mem:" + target)) {
            s.createStatement().execute("CREATE TABLE token (id UUID PRIMARY KEY DEFAULT GEN_RANDOM_UUID(),"
                    + " n INTEGER NOT NULL)");
            s.createStatement().execute("INSERT INTO token (n) VALUES (1), (2)");
            List<String> script = rows(s, "SCRIPT");
            assertThat(script).anySatisfy(line -> assertThat(line).contains("DEFAULT RANDOM_UUID()"));
            try (Statement load = t.createStatement()) {
                for (String sql : script) {
                    load.execute(sql);
                }
            }
            String ids = "SELECT id FROM token ORDER BY n";
            assertThat(rows(t, ids)).isEqualTo(rows(s, ids));
            t.createStatement().execute("INSERT INTO token (n) VALUES (3)");
            assertThat(rows(t, "SELECT COUNT(DISTINCT id) FROM token")).containsExactly("3");
            assertThat(columnDefault(t)).isEqualTo("RANDOM_UUID()");
        } finally {
            Databases.close(source);
            Databases.close(target);
        }
    }

    @Test
    void aReopenedDiscDatabaseKeepsTheDefault(@TempDir Path dir) throws SQLException {
        String name = "uuiddefaultdisc" + DATABASES.incrementAndGet();
        String url = "jdbc:mnemo:mem:" + name + ";dataDir=" + dir;
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE TABLE token (id UUID PRIMARY KEY DEFAULT RANDOM_UUID(), n INTEGER)"
                    + " WITH (storage = 'disc')");
            c.createStatement().execute("INSERT INTO token (n) VALUES (1)");
        } finally {
            Databases.close(name);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("INSERT INTO token (n) VALUES (2)");
            assertThat(rows(c, "SELECT COUNT(DISTINCT id) FROM token")).containsExactly("2");
            assertThat(columnDefault(c)).isEqualTo("RANDOM_UUID()");
        } finally {
            Databases.close(name);
        }
    }

    private static String columnDefault(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, null, "TOKEN", "ID")) {
            while (rs.next()) {
                out.add(rs.getString("COLUMN_DEF"));
            }
        }
        assertThat(out).hasSize(1);
        return out.get(0);
    }
}
