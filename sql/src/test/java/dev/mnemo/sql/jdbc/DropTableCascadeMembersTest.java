package dev.mnemo.sql.jdbc;

import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.TableSchema;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

import static dev.mnemo.sql.jdbc.LoopbackMembers.execute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code DROP TABLE t CASCADE} is one step of the log: no member, at any point of the log, holds t without the foreign
 * keys of other tables that reference it, and the foreign keys dropped are those that reference t when the step is
 * applied, whatever another member added just before.
 */
class DropTableCascadeMembersTest {
    private static void makeDepartments(Connection c) {
        execute(c, "CREATE TABLE dept (id INT PRIMARY KEY)");
        execute(c, "CREATE TABLE staff (id INT PRIMARY KEY, dept INT REFERENCES dept, boss INT REFERENCES staff)");
        execute(c, "CREATE TABLE desk (id INT PRIMARY KEY, dept INT, CONSTRAINT desk_of FOREIGN KEY (dept) "
                + "REFERENCES dept (id))");
        execute(c, "CREATE VIEW dept_ids AS SELECT id FROM dept");
        execute(c, "INSERT INTO dept VALUES (1)");
        execute(c, "INSERT INTO staff VALUES (10, 1, NULL)");
        execute(c, "INSERT INTO desk VALUES (100, 1)");
    }

    /** The foreign keys that reference {@code parent} on a member, as {@code TABLE.NAME}, in name order. */
    private static List<String> referencing(Mnemo db, String parent) {
        List<String> out = new ArrayList<>();
        for (TableSchema t : db.tables()) {
            for (ForeignKeyDef fk : db.foreignKeys(t.name())) {
                if (fk.parentTable().equals(parent)) {
                    out.add(t.name() + "." + fk.name());
                }
            }
        }
        return out.stream().sorted().toList();
    }

    private static boolean hasTable(Mnemo db, String name) {
        return db.tables().stream().anyMatch(t -> t.name().equals(name));
    }

    /** Before each schema change member 0 appends, what member 1 holds then: the log's state after the one before. */
    private static void observeBeforeEachSchemaChange(LoopbackMembers cluster, List<String> seen) {
        cluster.log.beforeNextSchemaChangeOf(0, () -> {
            Mnemo other = cluster.dbs.get(1);
            seen.add(hasTable(other, "DEPT") + " " + referencing(other, "DEPT"));
            observeBeforeEachSchemaChange(cluster, seen);
        });
    }

    @Test
    void noMemberEverHoldsTheTableWithoutTheForeignKeysThatReferenceIt() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0))) {
            makeDepartments(a);
            long version = cluster.dbs.get(1).version();
            List<String> seen = new ArrayList<>();
            observeBeforeEachSchemaChange(cluster, seen);
            execute(a, "DROP TABLE dept CASCADE");
            assertThat(seen).as("the state of the log before each schema change of the drop").containsExactly(
                    "true [DESK.DESK_OF, STAFF.STAFF_DEPT_FKEY]");
            for (Mnemo db : cluster.dbs) {
                assertThat(db.version()).as("one step").isEqualTo(version + 1);
                assertThat(hasTable(db, "DEPT")).isFalse();
                assertThat(db.foreignKeys("staff")).extracting(ForeignKeyDef::name)
                        .containsExactly("STAFF_BOSS_FKEY");
                assertThat(db.schema("staff").indexes()).extracting(IndexDef::name)
                        .containsExactly("STAFF_BOSS_FKEY");
                assertThat(db.foreignKeys("desk")).isEmpty();
                assertThat(db.schema("desk").indexes()).isEmpty();
            }
            assertThat(LoopbackMembers.objects(a)).containsExactlyInAnyOrder("STAFF:TABLE", "DESK:TABLE");
        }
    }

    @Test
    void aForeignKeyAnotherMemberAddsJustBeforeTheDropGoesWithIt() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            makeDepartments(a);
            execute(a, "CREATE TABLE room (id INT PRIMARY KEY, dept INT)");
            cluster.log.beforeNextSchemaChangeOf(0, () -> execute(b,
                    "ALTER TABLE room ADD CONSTRAINT room_of FOREIGN KEY (dept) REFERENCES dept (id)"));
            execute(a, "DROP TABLE dept CASCADE");
            for (Mnemo db : cluster.dbs) {
                assertThat(hasTable(db, "DEPT")).isFalse();
                assertThat(db.foreignKeys("room")).isEmpty();
                assertThat(db.schema("room").indexes()).isEmpty();
            }
        }
    }
}
