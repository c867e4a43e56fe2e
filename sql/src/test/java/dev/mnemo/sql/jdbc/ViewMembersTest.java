package dev.mnemo.sql.jdbc;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.mnemo.sql.jdbc.LoopbackMembers.execute;
import static dev.mnemo.sql.jdbc.LoopbackMembers.objects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A view is a replicated definition: made on one member of a cluster it is read on every other, replaced or dropped
 * on one it is replaced or gone on all (plans cached on the others included), and a disc database keeps it.
 */
class ViewMembersTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static List<String> names(PreparedStatement ps) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void aViewMadeOnOneMemberIsReadOnAnotherAndItsChangesReachCachedPlans() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            a.createStatement().execute("CREATE TABLE item (id BIGINT PRIMARY KEY, name VARCHAR(10))");
            a.createStatement().execute("INSERT INTO item VALUES (1, 'apple'), (2, 'pear'), (3, 'plum')");
            a.createStatement().execute("CREATE VIEW picked (label) AS SELECT name FROM item WHERE id < 3");

            PreparedStatement onB = b.prepareStatement("SELECT label FROM picked ORDER BY label");
            assertThat(names(onB)).containsExactly("apple", "pear");
            assertThat(b.getMetaData().getTables(null, null, "PICKED", new String[] {"VIEW"}).next()).isTrue();

            a.createStatement().execute("CREATE OR REPLACE VIEW picked (label) AS SELECT name FROM item "
                    + "WHERE id > 1");
            assertThat(names(onB)).containsExactly("pear", "plum");

            b.createStatement().execute("DROP VIEW picked");
            assertThatThrownBy(() -> a.createStatement().executeQuery("SELECT label FROM picked"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                            .isEqualTo("42S02"));
            assertThatThrownBy(() -> names(onB)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("42S02"));
        }
    }

    @Test
    void aViewAndATableOrSequenceRacingForOneNameNeverBothExist() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            a.createStatement().execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
            a.createStatement().execute("CREATE VIEW first AS SELECT id FROM t");
            a.createStatement().execute("CREATE SEQUENCE s");
            // b checks that no view is named x; a's view x is ordered between that check and b's table.
            cluster.log.beforeNextRecordOf(1, () -> execute(a, "CREATE VIEW x AS SELECT id FROM t"));
            assertRefused(() -> b.createStatement().execute("CREATE TABLE x (id INTEGER PRIMARY KEY)"));
            // a checks that no table is named y; b's table y is ordered between that check and a's view.
            cluster.log.beforeNextRecordOf(0, () -> execute(b, "CREATE TABLE y (id INTEGER PRIMARY KEY)"));
            assertRefused(() -> a.createStatement().execute("CREATE VIEW y AS SELECT id FROM t"));
            // The same between a view and a sequence, both rows of system tables.
            cluster.log.beforeNextRecordOf(1, () -> execute(a, "CREATE VIEW z AS SELECT id FROM t"));
            assertRefused(() -> b.createStatement().execute("CREATE SEQUENCE z"));
            cluster.log.beforeNextRecordOf(0, () -> execute(b, "CREATE SEQUENCE w"));
            assertRefused(() -> a.createStatement().execute("CREATE VIEW w AS SELECT id FROM t"));
            for (Connection c : List.of(a, b)) {
                assertThat(objects(c)).containsExactlyInAnyOrder("T:TABLE", "FIRST:VIEW", "S:SEQUENCE", "X:VIEW",
                        "Y:TABLE", "Z:VIEW", "W:SEQUENCE");
            }
        }
    }

    private static void assertRefused(ThrowingCallable create) {
        assertThatThrownBy(create).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("42S01"));
    }

    @Test
    void aReopenedDiscDatabaseKeepsItsViews(@TempDir Path dir) throws SQLException {
        String name = "viewdisc" + DATABASES.incrementAndGet();
        String url = "jdbc:mnemo:mem:" + name + ";dataDir=" + dir;
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE TABLE item (id BIGINT PRIMARY KEY, name VARCHAR(10)) "
                    + "WITH (storage = 'disc')");
            c.createStatement().execute("INSERT INTO item VALUES (1, 'apple'), (2, 'pear')");
            c.createStatement().execute("CREATE VIEW upper_names (n) AS SELECT UPPER(name) FROM item");
        } finally {
            Databases.close(name);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(names(c.prepareStatement("SELECT n FROM upper_names ORDER BY n")))
                    .containsExactly("APPLE", "PEAR");
        } finally {
            Databases.close(name);
        }
    }
}
