package dev.mnemo.sql.client;

import org.junit.jupiter.api.Test;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Views through JDBC: what a view reads, and how DatabaseMetaData describes it; once per driver. */
public abstract class ViewContract extends ConnectedContract {
    protected ViewContract(JdbcFixture fixture) {
        super(fixture);
    }

    private static List<String> rows(ResultSet rs, String... columns) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (String c : columns) {
                    cells.add(rs.getString(c));
                }
                out.add(String.join(":", cells));
            }
        }
        return out;
    }

    private void makeShop() throws SQLException {
        exec("CREATE TABLE item (id BIGINT PRIMARY KEY, name VARCHAR(20) NOT NULL, price DECIMAL(8,2))");
        exec("INSERT INTO item VALUES (1, 'apple', 0.50), (2, 'pear', 2.00)");
        exec("CREATE SEQUENCE ticket");
        exec("CREATE VIEW cheap (item_id, label) AS SELECT id, name FROM item WHERE price < 1");
    }

    @Test
    public void aViewReadsItsQueryAndIsReadOnly() throws SQLException {
        makeShop();
        assertThat(rows(conn.createStatement().executeQuery("SELECT * FROM cheap"), "ITEM_ID", "LABEL"))
                .containsExactly("1:apple");
        assertThatThrownBy(() -> exec("DELETE FROM cheap")).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("0A000");
            assertThat(e.getMessage()).contains("views are read-only");
        });
        assertThat(rows(conn.createStatement().executeQuery("SELECT COUNT(*) AS n FROM item"), "N"))
                .containsExactly("2");
    }

    @Test
    public void getTablesListsViewsUnderTheirOwnType() throws SQLException {
        makeShop();
        DatabaseMetaData md = conn.getMetaData();
        assertThat(rows(md.getTableTypes(), "TABLE_TYPE")).containsExactly("SEQUENCE", "SYSTEM TABLE", "TABLE", "VIEW");
        assertThat(rows(md.getTables(null, null, "%", null), "TABLE_NAME", "TABLE_TYPE"))
                .containsExactly("TICKET:SEQUENCE", "ITEM:TABLE", "CHEAP:VIEW");
        assertThat(rows(md.getTables(null, "MNEMO", "%", new String[] {"VIEW"}), "TABLE_SCHEM", "TABLE_NAME"))
                .containsExactly("MNEMO:CHEAP");
        assertThat(rows(md.getTables(null, null, "%", new String[] {"TABLE"}), "TABLE_NAME"))
                .containsExactly("ITEM");
        exec("DROP VIEW cheap");
        assertThat(rows(md.getTables(null, null, "%", new String[] {"VIEW"}), "TABLE_NAME")).isEmpty();
    }

    @Test
    public void getColumnsDescribesAViewsColumnsAsItsQueryTypesThem() throws SQLException {
        makeShop();
        exec("CREATE VIEW priced AS SELECT name, price * 2 AS twice FROM item");
        DatabaseMetaData md = conn.getMetaData();
        assertThat(rows(md.getColumns(null, null, "%", null), "TABLE_NAME", "COLUMN_NAME", "ORDINAL_POSITION"))
                .containsExactly("CHEAP:ITEM_ID:1", "CHEAP:LABEL:2", "ITEM:ID:1", "ITEM:NAME:2", "ITEM:PRICE:3",
                        "PRICED:NAME:1", "PRICED:TWICE:2");
        assertThat(rows(md.getColumns(null, null, "CHEAP", "%"), "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME"))
                .containsExactly("ITEM_ID:" + Types.BIGINT + ":BIGINT", "LABEL:" + Types.VARCHAR + ":VARCHAR");
        assertThat(rows(md.getColumns(null, null, "PRICED", "TWICE"), "DATA_TYPE", "DECIMAL_DIGITS"))
                .containsExactly(Types.DECIMAL + ":2");
    }

    @Test
    public void dropTableRefusesWhileAViewReadsItAndCascadeDropsTheView() throws SQLException {
        makeShop();
        assertThatThrownBy(() -> exec("DROP TABLE item")).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("2BP01");
            assertThat(e.getMessage()).contains("view CHEAP reads it");
        });
        assertThat(rows(conn.getMetaData().getTables(null, null, "%", null), "TABLE_NAME"))
                .containsExactly("TICKET", "ITEM", "CHEAP");
        exec("DROP TABLE item CASCADE");
        assertThat(rows(conn.getMetaData().getTables(null, null, "%", null), "TABLE_NAME")).containsExactly("TICKET");
    }

    @Test
    public void aViewWhoseTableIsGoneFailsWithATypedErrorAndKeepsMetadataReadable() throws SQLException {
        makeShop();
        exec("ALTER TABLE item RENAME TO gone");
        assertThatThrownBy(() -> exec("SELECT * FROM cheap")).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42S02");
            assertThat(e.getMessage()).contains("CHEAP", "ITEM");
        });
        DatabaseMetaData md = conn.getMetaData();
        assertThat(rows(md.getTables(null, null, "%", null), "TABLE_NAME")).containsExactly("TICKET", "GONE", "CHEAP");
        assertThat(rows(md.getColumns(null, null, "CHEAP", null), "COLUMN_NAME")).isEmpty();
    }
}
