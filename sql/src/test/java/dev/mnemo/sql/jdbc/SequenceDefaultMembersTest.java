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
 * A sequence default reaches every member of a cluster through the log, and each member draws from the one
 * sequence; a SCRIPT dump makes the sequence before the table that draws from it and loads back; the reopening of
 * a disc database keeps the default.
 */
class SequenceDefaultMembersTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Test
    void everyMemberKnowsTheDefaultAndNoTwoMembersDrawOneValue() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            a.createStatement().execute("CREATE SEQUENCE s");
            a.createStatement().execute("CREATE TABLE t (id BIGINT DEFAULT NEXT VALUE FOR s PRIMARY KEY, n INT)");
            a.createStatement().execute("INSERT INTO t (n) VALUES (1), (2)");
            b.createStatement().execute("INSERT INTO t (n) VALUES (3), (4)");
            List<String> seen = rows(a, "SELECT id || ':' || n FROM t ORDER BY n");
            assertThat(seen).hasSize(4);
            assertThat(rows(b, "SELECT id || ':' || n FROM t ORDER BY n")).isEqualTo(seen);
            assertThat(rows(b, "SELECT COUNT(DISTINCT id) FROM t")).containsExactly("4");
            assertThat(columnDefault(b, "T", "ID")).isEqualTo("NEXT VALUE FOR S");
        }
    }

    @Test
    void aScriptMakesTheSequenceBeforeTheTableAndLoadsBack() throws SQLException {
        String source = "seqdefaultsource" + DATABASES.incrementAndGet();
        String target = "seqdefaulttarget" + DATABASES.incrementAndGet();
        String part = "seqdefaultpart" + DATABASES.incrementAndGet();
        try (Connection s = DriverManager.getConnection("jdbc:mnemo:mem:" + source);
             Connection t = DriverManager.getConnection("jdbc:mnemo:mem:" + target);
             Connection p = DriverManager.getConnection("jdbc:mnemo:mem:" + part)) {
            // The table sorts before the sequence by name, and the script still makes the sequence first.
            s.createStatement().execute("CREATE SEQUENCE z_ids START WITH 10");
            s.createStatement().execute("CREATE TABLE a (id BIGINT DEFAULT NEXT VALUE FOR z_ids PRIMARY KEY,"
                    + " n INT NOT NULL)");
            s.createStatement().execute("CREATE TABLE b (n INT PRIMARY KEY)");
            s.createStatement().execute("INSERT INTO a (n) VALUES (1), (2)");
            List<String> script = rows(s, "SCRIPT");
            assertThat(script).anySatisfy(line -> assertThat(line).contains("DEFAULT NEXT VALUE FOR \"Z_IDS\""));
            assertThat(indexOf(script, "CREATE SEQUENCE \"Z_IDS\"")).isLessThan(indexOf(script, "CREATE TABLE \"A\""));
            load(t, script);
            String rowsOfA = "SELECT id || ':' || n FROM a ORDER BY n";
            assertThat(rows(t, rowsOfA)).isEqualTo(rows(s, rowsOfA)).containsExactly("10:1", "11:2");
            t.createStatement().execute("INSERT INTO a (n) VALUES (3)");
            // The loaded sequence goes on after every value the source reserved, as a dumped sequence does.
            String third = "SELECT COUNT(*) FROM a WHERE n = 3 AND id > 11";
            assertThat(rows(t, third)).containsExactly("1");
            assertThat(columnDefault(t, "A", "ID")).isEqualTo("NEXT VALUE FOR Z_IDS");

            List<String> ofA = rows(s, "SCRIPT TABLE a");
            assertThat(ofA.get(0)).as("a script of some tables makes the sequences they draw from")
                    .startsWith("CREATE SEQUENCE \"Z_IDS\"");
            assertThat(rows(s, "SCRIPT TABLE b")).noneMatch(line -> line.contains("SEQUENCE"));
            load(p, ofA);
            p.createStatement().execute("INSERT INTO a (n) VALUES (3)");
            assertThat(rows(p, third)).containsExactly("1");
        } finally {
            Databases.close(source);
            Databases.close(target);
            Databases.close(part);
        }
    }

    @Test
    void aReopenedDiscDatabaseKeepsTheDefault(@TempDir Path dir) throws SQLException {
        String name = "seqdefaultdisc" + DATABASES.incrementAndGet();
        String url = "jdbc:mnemo:mem:" + name + ";dataDir=" + dir;
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE SEQUENCE s");
            c.createStatement().execute("CREATE TABLE t (id BIGINT DEFAULT NEXT VALUE FOR s PRIMARY KEY, n INT,"
                    + " m BIGINT) WITH (storage = 'disc')");
            c.createStatement().execute("ALTER TABLE t ALTER COLUMN m SET DEFAULT nextval('s')");
            c.createStatement().execute("INSERT INTO t (n) VALUES (1)");
        } finally {
            Databases.close(name);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("INSERT INTO t (n) VALUES (2)");
            assertThat(rows(c, "SELECT COUNT(DISTINCT id) || ':' || COUNT(m) FROM t")).containsExactly("2:2");
            assertThat(columnDefault(c, "T", "ID")).isEqualTo("NEXT VALUE FOR S");
            assertThat(columnDefault(c, "T", "M")).isEqualTo("NEXT VALUE FOR S");
        } finally {
            Databases.close(name);
        }
    }

    private static int indexOf(List<String> script, String prefix) {
        for (int i = 0; i < script.size(); i++) {
            if (script.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix + " in " + script);
    }

    private static void load(Connection c, List<String> script) throws SQLException {
        try (Statement load = c.createStatement()) {
            for (String sql : script) {
                load.execute(sql);
            }
        }
    }

    private static String columnDefault(Connection c, String table, String column) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, null, table, column)) {
            while (rs.next()) {
                out.add(rs.getString("COLUMN_DEF"));
            }
        }
        assertThat(out).hasSize(1);
        return out.get(0);
    }
}
