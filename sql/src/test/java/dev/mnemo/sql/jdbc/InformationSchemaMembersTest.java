package dev.mnemo.sql.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** INFORMATION_SCHEMA on one member of a cluster shows DDL run on another as soon as it is applied there. */
class InformationSchemaMembersTest {
    private static List<String> rows(PreparedStatement ps) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1) + ":" + rs.getString(2));
            }
        }
        return out;
    }

    @Test
    void aCachedPlanOnOneMemberShowsTheDdlOfAnother() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            PreparedStatement tables = b.prepareStatement("SELECT table_name, table_type FROM "
                    + "information_schema.tables WHERE table_schema = 'MNEMO' ORDER BY table_name");
            PreparedStatement columns = b.prepareStatement("SELECT column_name, data_type FROM "
                    + "information_schema.columns WHERE table_name = 'ITEM' ORDER BY ordinal_position");
            PreparedStatement sequences = b.prepareStatement("SELECT sequence_name, increment FROM "
                    + "information_schema.sequences");
            assertThat(rows(tables)).isEmpty();

            a.createStatement().execute("CREATE TABLE item (id BIGINT PRIMARY KEY, name VARCHAR(10))");
            a.createStatement().execute("CREATE VIEW named AS SELECT name FROM item");
            a.createStatement().execute("CREATE SEQUENCE s INCREMENT BY 3");
            assertThat(rows(tables)).containsExactly("ITEM:BASE TABLE", "NAMED:VIEW");
            assertThat(rows(columns)).containsExactly("ID:BIGINT", "NAME:VARCHAR");
            assertThat(rows(sequences)).containsExactly("S:3");

            a.createStatement().execute("ALTER TABLE item ADD COLUMN born DATE");
            a.createStatement().execute("ALTER SEQUENCE s INCREMENT BY 5");
            a.createStatement().execute("DROP VIEW named");
            assertThat(rows(tables)).containsExactly("ITEM:BASE TABLE");
            assertThat(rows(columns)).containsExactly("ID:BIGINT", "NAME:VARCHAR", "BORN:DATE");
            assertThat(rows(sequences)).containsExactly("S:5");
        }
    }

    @Test
    void aForeignKeyMadeOrDroppedOnOneMemberIsListedOnAnother() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            PreparedStatement references = b.prepareStatement("SELECT constraint_name, unique_constraint_name FROM "
                    + "information_schema.referential_constraints ORDER BY constraint_name");
            a.createStatement().execute("CREATE TABLE item (id BIGINT PRIMARY KEY)");
            a.createStatement().execute("CREATE TABLE sale (id BIGINT PRIMARY KEY, item BIGINT REFERENCES item)");
            assertThat(rows(references)).containsExactly("SALE_ITEM_FKEY:ITEM_PK");

            a.createStatement().execute("ALTER TABLE item RENAME TO product");
            assertThat(rows(references)).containsExactly("SALE_ITEM_FKEY:PRODUCT_PK");
            a.createStatement().execute("ALTER TABLE sale DROP CONSTRAINT sale_item_fkey");
            assertThat(rows(references)).isEmpty();
        }
    }
}
