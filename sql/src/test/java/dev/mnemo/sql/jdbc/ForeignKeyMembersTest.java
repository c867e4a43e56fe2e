package dev.mnemo.sql.jdbc;

import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import static dev.mnemo.sql.jdbc.LoopbackMembers.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Foreign keys are decided where the log orders writes, so members never disagree: when one member deletes a parent
 * while another inserts a child that references it, exactly one of the two wins, the same one on every member.
 */
class ForeignKeyMembersTest {
    private static void makeShop(Connection c) {
        execute(c, "CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(10))");
        execute(c, "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT REFERENCES customer)");
        execute(c, "INSERT INTO customer VALUES (1, 'ann'), (2, 'bob')");
    }

    /** Every row of a table on a member, in key order. */
    private static List<String> rows(Mnemo db, String table) {
        return db.transaction(tx -> tx.select(table, KeyRange.all())).stream().map(Row::toString).sorted().toList();
    }

    private static void assertMembersAgree(LoopbackMembers cluster, List<String> customers, List<String> orders) {
        for (Mnemo db : cluster.dbs) {
            assertThat(rows(db, "customer")).as("customers").hasSize(customers.size())
                    .isEqualTo(rows(cluster.dbs.get(0), "customer"));
            assertThat(rows(db, "orders")).as("orders").hasSize(orders.size())
                    .isEqualTo(rows(cluster.dbs.get(0), "orders"));
            assertThat(db.foreignKeys("orders")).isEqualTo(cluster.dbs.get(0).foreignKeys("orders"));
            assertThat(db.version()).isEqualTo(cluster.dbs.get(0).version());
        }
        assertThat(rows(cluster.dbs.get(0), "customer")).allMatch(r -> customers.stream().anyMatch(r::contains));
        assertThat(rows(cluster.dbs.get(0), "orders")).allMatch(r -> orders.stream().anyMatch(r::contains));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return ((SQLException) t).getSQLState();
            }
        }
        return null;
    }

    @Test
    void aDeleteOrderedFirstRefusesTheChildOnEveryMember() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(3);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            makeShop(a);
            // b inserts a child of customer 1; a's delete of customer 1 is ordered just before it.
            cluster.log.beforeNextRecordOf(1, () -> execute(a, "DELETE FROM customer WHERE id = 1"));
            assertThatThrownBy(() -> execute(b, "INSERT INTO orders VALUES (10, 1)"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
            assertMembersAgree(cluster, List.of("bob"), List.of());
        }
    }

    @Test
    void aChildOrderedFirstRefusesTheDeleteOnEveryMember() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(3);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            makeShop(a);
            cluster.log.beforeNextRecordOf(0, () -> execute(b, "INSERT INTO orders VALUES (10, 1)"));
            assertThatThrownBy(() -> execute(a, "DELETE FROM customer WHERE id = 1"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
            assertMembersAgree(cluster, List.of("ann", "bob"), List.of("10"));
        }
    }

    @Test
    void openTransactionsOnTwoMembersRaceAndTheLaterCommitLoses() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(3);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1));
             Connection c = DriverManager.getConnection(cluster.urls.get(2))) {
            makeShop(a);
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            execute(a, "DELETE FROM customer WHERE id = 2");
            execute(b, "INSERT INTO orders VALUES (20, 2)");
            b.commit();
            assertThatThrownBy(a::commit).satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
            execute(c, "DELETE FROM orders WHERE id = 20");
            execute(a, "DELETE FROM customer WHERE id = 2");
            a.commit();
            assertMembersAgree(cluster, List.of("ann"), List.of());
            execute(b, "INSERT INTO orders VALUES (21, 2)");
            assertThatThrownBy(b::commit).satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
            assertMembersAgree(cluster, List.of("ann"), List.of());
        }
    }
}
