package dev.mnemo.sql.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.mnemo.sql.jdbc.LoopbackMembers.execute;
import static dev.mnemo.sql.jdbc.LoopbackMembers.refusedByCheck;
import static dev.mnemo.sql.jdbc.LoopbackMembers.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A check constraint is a replicated definition: added on one member of a cluster it is enforced on every other,
 * also on a write ordered just after it that ran under the old checks, and a disc database keeps it.
 */
class CheckMembersTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Test
    void aCheckMadeOnOneMemberIsEnforcedAndShownOnAnother() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            a.createStatement().execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v INTEGER CHECK (v < 100))");
            refusedByCheck(b, "INSERT INTO t VALUES (1, 100)", "T_V_CHECK");
            a.createStatement().execute("ALTER TABLE t ADD CONSTRAINT positive CHECK (v > 0)");
            refusedByCheck(b, "INSERT INTO t VALUES (1, 0)", "POSITIVE");
            assertThat(rows(b, "SELECT constraint_name FROM information_schema.check_constraints ORDER BY 1"))
                    .containsExactly("POSITIVE", "T_V_CHECK");
            b.createStatement().execute("ALTER TABLE t DROP CONSTRAINT positive");
            a.createStatement().execute("INSERT INTO t VALUES (1, 0)");
            assertThat(rows(b, "SELECT v FROM t")).containsExactly("0");
        }
    }

    @Test
    void aWriteOrderedJustAfterACheckAddedOnAnotherMemberRunsAgainUnderIt() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            a.createStatement().execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v INTEGER)");
            a.createStatement().execute("INSERT INTO t VALUES (1, 1)");
            // b's insert ran with no check; a's check, made meanwhile, is ordered before it.
            cluster.log.beforeNextRecordOf(1, () -> execute(a, "ALTER TABLE t ADD CONSTRAINT positive CHECK (v > 0)"));
            refusedByCheck(b, "INSERT INTO t VALUES (2, -1)", "POSITIVE");
            // The other way round: a's check read the rows before b's bad row was ordered, and runs again.
            b.createStatement().execute("ALTER TABLE t DROP CONSTRAINT positive");
            cluster.log.beforeNextRecordOf(0, () -> execute(b, "INSERT INTO t VALUES (3, -3)"));
            assertThatThrownBy(() -> a.createStatement().execute("ALTER TABLE t ADD CONSTRAINT positive "
                    + "CHECK (v > 0)")).isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getMessage()).contains("(ID)=(3)"));
            for (Connection c : List.of(a, b)) {
                assertThat(rows(c, "SELECT id FROM t ORDER BY id")).containsExactly("1", "3");
                assertThat(rows(c, "SELECT COUNT(*) FROM information_schema.check_constraints")).containsExactly("0");
            }
        }
    }

    @Test
    void aChildRowAForeignKeyActionChangesIsCheckedOnEveryMemberAndTheParentsChangeMakesNone() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            a.createStatement().execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
            a.createStatement().execute("CREATE TABLE c (id INTEGER PRIMARY KEY, p INTEGER REFERENCES parent "
                    + "ON DELETE SET NULL CHECK (p IS NOT NULL))");
            a.createStatement().execute("INSERT INTO parent VALUES (1), (2)");
            a.createStatement().execute("INSERT INTO c VALUES (10, 1)");
            refusedByCheck(b, "DELETE FROM parent WHERE id = 1", "check constraint C_P_CHECK of table C");
            for (Connection m : List.of(a, b)) {
                assertThat(rows(m, "SELECT id FROM parent ORDER BY id")).containsExactly("1", "2");
                assertThat(rows(m, "SELECT p FROM c")).containsExactly("1");
            }
            // The check is read where the change is ordered: one dropped just before it no longer refuses.
            cluster.log.beforeNextRecordOf(1, () -> execute(a, "ALTER TABLE c DROP CONSTRAINT c_p_check"));
            b.createStatement().execute("DELETE FROM parent WHERE id = 1");
            for (Connection m : List.of(a, b)) {
                assertThat(rows(m, "SELECT id FROM parent ORDER BY id")).containsExactly("2");
                assertThat(rows(m, "SELECT COALESCE(p, -1) FROM c")).containsExactly("-1");
            }
        }
    }

    @Test
    void aCheckOrderedAfterARenameOrDropOfItsColumnIsRefusedAsNamingNoColumn() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            a.createStatement().execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v INTEGER, w INTEGER)");
            a.createStatement().execute("CREATE TABLE other (id BIGINT PRIMARY KEY CHECK (id > 0))");
            a.createStatement().execute("INSERT INTO t VALUES (1, 1, 1)");
            // b's check was made against v; a's rename, made meanwhile, is ordered before it.
            cluster.log.beforeNextSchemaChangeOf(1, () -> execute(a, "ALTER TABLE t RENAME COLUMN v TO x"));
            refusedAsNoColumn(b, "ALTER TABLE t ADD CONSTRAINT positive CHECK (v > 0)");
            cluster.log.beforeNextSchemaChangeOf(1, () -> execute(a, "ALTER TABLE t DROP COLUMN w"));
            refusedAsNoColumn(b, "ALTER TABLE t ADD CONSTRAINT small CHECK (w < 10)");
            for (Connection m : List.of(a, b)) {
                assertThat(rows(m, "SELECT COUNT(*) FROM information_schema.check_constraints")).containsExactly("1");
                m.createStatement().execute("INSERT INTO t VALUES (" + (m == a ? 2 : 3) + ", 20)");
            }
            assertThat(rows(b, "SELECT x FROM t ORDER BY id")).containsExactly("1", "20", "20");
        }
    }

    @Test
    void aCheckAndAChangeOfItsColumnsTypeOrderedEitherWayJudgeTheConvertedValues() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            a.createStatement().execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v DOUBLE)");
            a.createStatement().execute("CREATE TABLE other (id BIGINT PRIMARY KEY CHECK (id > 0))");
            a.createStatement().execute("INSERT INTO t VALUES (1, 0.4)");
            // b checked 0.4 as a DOUBLE; a's change, ordered first, made it 0: the check runs again and refuses it.
            cluster.log.beforeNextSchemaChangeOf(1, () -> execute(a, "ALTER TABLE t ALTER COLUMN v SET DATA TYPE "
                    + "INTEGER"));
            refusedByCheck(b, "ALTER TABLE t ADD CONSTRAINT positive CHECK (v > 0)", "POSITIVE");
            a.createStatement().execute("UPDATE t SET v = 1");
            a.createStatement().execute("ALTER TABLE t ALTER COLUMN v SET DATA TYPE DOUBLE");
            a.createStatement().execute("UPDATE t SET v = 0.4");
            // a found no check on v; b's check, made meanwhile, is ordered before a's change, which then refuses.
            cluster.log.beforeNextSchemaChangeOf(0, () -> execute(b, "ALTER TABLE t ADD CONSTRAINT positive "
                    + "CHECK (v > 0)"));
            assertThatThrownBy(() -> a.createStatement().execute("ALTER TABLE t ALTER COLUMN v SET DATA TYPE "
                    + "INTEGER")).isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("0A000");
                        assertThat(e.getMessage()).contains("POSITIVE");
                    });
            for (Connection m : List.of(a, b)) {
                assertThat(rows(m, "SELECT v FROM t")).containsExactly("0.4");
                assertThat(rows(m, "SELECT constraint_name FROM information_schema.check_constraints ORDER BY 1"))
                        .containsExactly("OTHER_ID_CHECK", "POSITIVE");
            }
        }
    }

    /** Asserts that adding a check fails as naming a column the table does not have (42S22). */
    private static void refusedAsNoColumn(Connection c, String sql) {
        assertThatThrownBy(() -> c.createStatement().execute(sql)).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("42S22"));
    }

    @Test
    void aReopenedDiscDatabaseKeepsItsChecks(@TempDir Path dir) throws SQLException {
        String name = "checkdisc" + DATABASES.incrementAndGet();
        String url = "jdbc:mnemo:mem:" + name + ";dataDir=" + dir;
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE TABLE item (id BIGINT PRIMARY KEY, price INTEGER CHECK (price > 0)) "
                    + "WITH (storage = 'disc')");
            c.createStatement().execute("ALTER TABLE item ADD CONSTRAINT cheap CHECK (price < 10)");
        } finally {
            Databases.close(name);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            refusedByCheck(c, "INSERT INTO item VALUES (1, 0)", "ITEM_PRICE_CHECK");
            refusedByCheck(c, "INSERT INTO item VALUES (1, 10)", "CHEAP");
            c.createStatement().execute("INSERT INTO item VALUES (1, 5)");
        } finally {
            Databases.close(name);
        }
    }
}
