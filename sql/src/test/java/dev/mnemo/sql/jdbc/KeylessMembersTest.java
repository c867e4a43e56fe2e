package dev.mnemo.sql.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A table without a primary key is the same on every member of a cluster: each row's hidden row id is drawn where
 * the statement runs and written with the row, so every member keys it alike, and rows inserted at once on
 * different members never share one. Changes to one of two identical rows reach every member as that one change.
 */
class KeylessMembersTest {
    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(rs.getString(i)).append('|');
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    /** The primary key columns of table TAG, as the member's metadata gives them. */
    private static List<String> primaryKeyOfTag(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, null, "TAG")) {
            while (rs.next()) {
                out.add(rs.getString("COLUMN_NAME"));
            }
        }
        return out;
    }

    @Test
    void everyMemberKeysTheSameRowsAlikeAndMembersInsertingAtOnceNeverShareARowId() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(3)) {
            List<Connection> cs = new ArrayList<>();
            for (String url : cluster.urls) {
                cs.add(DriverManager.getConnection(url));
            }
            update(cs.get(0), "CREATE TABLE event (kind VARCHAR(10), n INTEGER)");
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (String url : cluster.urls) {
                    writers.add(pool.submit(() -> {
                        try (Connection c = DriverManager.getConnection(url)) {
                            for (int i = 0; i < 50; i++) {
                                assertThat(update(c, "INSERT INTO event VALUES ('same', 1), ('same', 1)")).isEqualTo(2);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> w : writers) {
                    w.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            String all = "SELECT mnemo$rowid, kind, n FROM event ORDER BY mnemo$rowid";
            List<String> first = rows(cs.get(0), all);
            assertThat(first).hasSize(300).doesNotHaveDuplicates();
            for (Connection c : cs) {
                assertThat(rows(c, all)).containsExactlyElementsOf(first);
            }

            // One of two identical rows, changed and then deleted on another member, is that row on every member.
            String one = "(SELECT MIN(mnemo$rowid) FROM event)";
            assertThat(update(cs.get(1), "UPDATE event SET n = 2 WHERE mnemo$rowid = " + one)).isEqualTo(1);
            assertThat(update(cs.get(2), "DELETE FROM event WHERE n = 1 AND mnemo$rowid = "
                    + "(SELECT MAX(mnemo$rowid) FROM event)")).isEqualTo(1);
            List<String> changed = rows(cs.get(0), all);
            assertThat(changed).hasSize(299);
            assertThat(rows(cs.get(0), "SELECT n, COUNT(*) FROM event GROUP BY n ORDER BY n"))
                    .containsExactly("1|298|", "2|1|");
            for (Connection c : cs) {
                assertThat(rows(c, all)).containsExactlyElementsOf(changed);
                assertThat(rows(c, "SELECT * FROM event WHERE n = 2")).containsExactly("same|2|");
            }
            assertThatThrownBy(() -> update(cs.get(1), "UPDATE event SET mnemo$rowid = 0"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("428C9"));
            for (Connection c : cs) {
                c.close();
            }
        }
    }

    @Test
    void twoTransactionsChangingTheSameOneOfTwoIdenticalRowsConflict() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            update(a, "CREATE TABLE pair (v INTEGER)");
            update(a, "INSERT INTO pair VALUES (1), (1)");
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            assertThat(update(a, "UPDATE pair SET v = 2")).isEqualTo(2);
            assertThat(update(b, "DELETE FROM pair WHERE v = 1")).isEqualTo(2);
            a.commit();
            assertThatThrownBy(b::commit)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("40001"));
            b.setAutoCommit(true);
            assertThat(rows(b, "SELECT v FROM pair")).containsExactly("2|", "2|");
        }
    }

    @Test
    void aPrimaryKeyAddedOnOneMemberKeysTheTableOnEveryMember() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            update(a, "CREATE TABLE tag (name VARCHAR(10), n INTEGER)");
            update(a, "INSERT INTO tag VALUES ('x', 1), ('y', 2)");
            a.setAutoCommit(false);
            update(a, "INSERT INTO tag VALUES ('z', 3)"); // made under the row id, committed after the change
            update(b, "ALTER TABLE tag ADD PRIMARY KEY (name)");
            assertThatThrownBy(a::commit)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("40001"));
            a.setAutoCommit(true);
            for (Connection c : List.of(a, b)) {
                assertThat(primaryKeyOfTag(c)).containsExactly("NAME");
                assertThat(rows(c, "SELECT * FROM tag ORDER BY name")).containsExactly("x|1|", "y|2|");
            }
            assertThatThrownBy(() -> update(a, "INSERT INTO tag VALUES ('y', 9)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            assertThatThrownBy(() -> update(a, "ALTER TABLE tag ADD PRIMARY KEY (n)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P16"));
        }
    }

    @Test
    void aPrimaryKeyAddedOnTwoMembersAtOnceIsAddedOnceAndTheOtherIsRefusedAsOne() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            update(a, "CREATE TABLE tag (name VARCHAR(10), n INTEGER)");
            update(a, "INSERT INTO tag VALUES ('x', 1), ('y', 2)");
            // Either order: b's change, checked against the keyless table, is ordered after a's, and the other way.
            for (String[] order : new String[][] {{"name", "n"}, {"n", "name"}}) {
                Connection first = order[0].equals("name") ? a : b;
                Connection second = first == a ? b : a;
                int member = second == a ? 0 : 1;
                cluster.log.beforeNextSchemaChangeOf(member,
                        () -> LoopbackMembers.execute(first, "ALTER TABLE tag ADD PRIMARY KEY (" + order[0] + ")"));
                assertThatThrownBy(() -> update(second, "ALTER TABLE tag ADD PRIMARY KEY (" + order[1] + ")"))
                        .isInstanceOfSatisfying(SQLException.class, e -> {
                            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("42P16");
                            assertThat(e.getMessage()).contains("already has a primary key [" + order[0].toUpperCase()
                                    + "]");
                        });
                for (Connection c : List.of(a, b)) {
                    assertThat(primaryKeyOfTag(c)).containsExactly(order[0].toUpperCase());
                }
                update(a, "DROP TABLE tag");
                update(a, "CREATE TABLE tag (name VARCHAR(10), n INTEGER)");
                update(a, "INSERT INTO tag VALUES ('x', 1), ('y', 2)");
            }
        }
    }

    @Test
    void aPrimaryKeyAddedOnTwoConnectionsOfOneMemberAtOnceIsRefusedAsOne() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(1);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(0))) {
            update(a, "CREATE TABLE tag (name VARCHAR(10), n INTEGER)");
            cluster.log.beforeNextSchemaChangeOf(0,
                    () -> LoopbackMembers.execute(b, "ALTER TABLE tag ADD PRIMARY KEY (n)"));
            assertThatThrownBy(() -> update(a, "ALTER TABLE tag ADD PRIMARY KEY (name)"))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("42P16"));
        }
    }
}
