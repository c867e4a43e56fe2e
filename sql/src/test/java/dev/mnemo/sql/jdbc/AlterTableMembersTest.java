package dev.mnemo.sql.jdbc;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableSchema;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A column change made through one member applies on every member at the same point of the log: SET NOT NULL
 * fails everywhere if a NULL was ordered before it, and a NULL ordered after it fails everywhere; a rename shows in
 * every member's metadata.
 */
class AlterTableMembersTest {
    private static ColumnDef city(Mnemo db) {
        TableSchema s = db.schema("person");
        return s.column(s.position("city"));
    }

    private static void execute(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        try (rs) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(column));
            }
            return out;
        }
    }

    @Test
    void aDefaultSetThroughOneMemberServesInsertsOnEveryMember() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(3);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection c = DriverManager.getConnection(cluster.urls.get(2))) {
            execute(a, "CREATE TABLE person (id INTEGER PRIMARY KEY, city VARCHAR(10))");
            execute(a, "INSERT INTO person (id) VALUES (1)");
            execute(a, "ALTER TABLE person ALTER COLUMN city SET DEFAULT 'oslo'");
            execute(c, "INSERT INTO person (id) VALUES (2)");
            for (Mnemo db : cluster.dbs) {
                assertThat(city(db).defaultValue()).isEqualTo("oslo");
                assertThat(db.dirtyRead("person", 1).get("city")).isNull();
                assertThat(db.dirtyRead("person", 2).get("city")).isEqualTo("oslo");
            }
        }
    }

    @Test
    void aNullOrderedBeforeSetNotNullFailsTheChangeOnEveryMember() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(3);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            execute(a, "CREATE TABLE person (id INTEGER PRIMARY KEY, city VARCHAR(10))");
            execute(a, "INSERT INTO person VALUES (1, 'rome')");
            // b saw no NULL; a's NULL is ordered between that and b's change.
            cluster.log.beforeNextRecordOf(1, () -> execute(a, "INSERT INTO person VALUES (2, NULL)"));
            assertThatThrownBy(() -> execute(b, "ALTER TABLE person ALTER COLUMN city SET NOT NULL"))
                    .cause().isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23502");
            for (Mnemo db : cluster.dbs) {
                assertThat(city(db).nullable()).isTrue();
                assertThat(db.size("person")).isEqualTo(2);
            }
        }
    }

    @Test
    void aNullOrderedAfterSetNotNullFailsOnEveryMember() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(3);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            execute(a, "CREATE TABLE person (id INTEGER PRIMARY KEY, city VARCHAR(10))");
            a.setAutoCommit(false);
            execute(a, "INSERT INTO person VALUES (1, NULL)");
            execute(b, "ALTER TABLE person ALTER COLUMN city SET NOT NULL");
            assertThatThrownBy(a::commit).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23502");
            for (Mnemo db : cluster.dbs) {
                assertThat(city(db).nullable()).isFalse();
                assertThat(db.size("person")).isZero();
            }
            cluster.dbs.get(2).dirtyWrite("person", Row.of(3, "bern"));
            assertThat(cluster.dbs.get(0).dirtyRead("person", 3).get("city")).isEqualTo("bern");
        }
    }

    @Test
    void aRenameShowsInEveryMembersMetadataAndKeepsTheIdentityNumbering() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(3);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection c = DriverManager.getConnection(cluster.urls.get(2))) {
            execute(a, "CREATE TABLE ticket (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note VARCHAR(10))");
            execute(c, "INSERT INTO ticket (note) VALUES ('a')");
            execute(a, "ALTER TABLE ticket RENAME TO issue");
            execute(a, "ALTER TABLE issue RENAME COLUMN note TO remark");
            DatabaseMetaData meta = c.getMetaData();
            assertThat(strings(meta.getTables(null, null, "%", new String[] {"TABLE"}), "TABLE_NAME"))
                    .contains("ISSUE").doesNotContain("TICKET");
            assertThat(strings(meta.getColumns(null, null, "ISSUE", null), "COLUMN_NAME"))
                    .containsExactly("ID", "REMARK");
            execute(c, "INSERT INTO issue (remark) VALUES ('b')");
            for (Mnemo db : cluster.dbs) {
                assertThat(db.size("issue")).isEqualTo(2);
            }
        }
    }

    private static String sqlState(Throwable e) {
        return ((SQLException) e.getCause()).getSQLState();
    }

    private static List<Object> rowsOf(Mnemo db) {
        List<Object> out = new ArrayList<>();
        db.transaction(tx -> {
            tx.select("stock", KeyRange.all()).forEach(r -> out.add(Arrays.asList(r.values())));
            return null;
        });
        return out;
    }

    private static void stockOfOneRow(Connection c) {
        execute(c, "CREATE TABLE stock (id INTEGER PRIMARY KEY, qty BIGINT) WITH (kind = 'ordered_set')");
        execute(c, "INSERT INTO stock VALUES (1, 5)");
    }

    private static void assertMembersAlike(LoopbackMembers cluster, ColumnType qty, int rows) {
        for (Mnemo db : cluster.dbs) {
            TableSchema s = db.schema("stock");
            assertThat(s.column(s.position("qty")).type()).isEqualTo(qty);
            assertThat(s.version()).isEqualTo(cluster.dbs.get(0).schema("stock").version());
            assertThat(db.size("stock")).isEqualTo(rows);
            assertThat(rowsOf(db)).isEqualTo(rowsOf(cluster.dbs.get(0)));
        }
    }

    @Test
    void anInsertThatDoesNotFitOrderedBeforeSetDataTypeFailsTheChangeOnEveryMember() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(3);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            stockOfOneRow(a);
            cluster.log.beforeNextRecordOf(1, () -> execute(a, "INSERT INTO stock VALUES (2, 5000000000)"));
            assertThatThrownBy(() -> execute(b, "ALTER TABLE stock ALTER COLUMN qty SET DATA TYPE INTEGER"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("22003"))
                    .hasMessageContaining("ID=2");
            assertMembersAlike(cluster, ColumnType.BIGINT, 2);
            assertThat(cluster.dbs.get(2).dirtyRead("stock", 2).get("qty")).isEqualTo(5_000_000_000L);
        }
    }

    @Test
    void setDataTypeOrderedBeforeAnInsertThatDoesNotFitMakesTheInsertFailOnEveryMember() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(3);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            stockOfOneRow(a);
            // a's insert is made under BIGINT; b's change is ordered before it, and a's statement runs again.
            cluster.log.beforeNextRecordOf(0, () -> execute(b, "ALTER TABLE stock ALTER qty TYPE INTEGER"));
            assertThatThrownBy(() -> execute(a, "INSERT INTO stock VALUES (2, 5000000000)"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("22003"));
            assertMembersAlike(cluster, ColumnType.INTEGER, 1);
            assertThat(cluster.dbs.get(2).dirtyRead("stock", 1).get("qty")).isEqualTo(5);
            a.setAutoCommit(false);
            execute(a, "INSERT INTO stock VALUES (3, 7)");
            execute(b, "ALTER TABLE stock ALTER qty TYPE SMALLINT");
            assertThatThrownBy(a::commit).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("40001");
            assertMembersAlike(cluster, ColumnType.SMALLINT, 1);
        }
    }

    @Test
    void anInsertRacingARenameOfATableWithAnIdentityIsOrderedWhollyBeforeOrAfterIt() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(3);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            execute(a, "CREATE TABLE ticket (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note VARCHAR(10))");
            execute(a, "INSERT INTO ticket (note) VALUES ('a')");
            // Ordered just before the rename's schema change, after anything else the rename appends first.
            cluster.log.beforeNextSchemaChangeOf(1, () -> execute(a, "INSERT INTO ticket (note) VALUES ('b')"));
            execute(b, "ALTER TABLE ticket RENAME TO issue");
            execute(a, "INSERT INTO issue (note) VALUES ('c')");
            for (Mnemo db : cluster.dbs) {
                assertThat(db.size("issue")).isEqualTo(3);
            }
            try (Statement st = b.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(DISTINCT id) AS n FROM issue")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("n")).isEqualTo(3);
            }
        }
    }
}
