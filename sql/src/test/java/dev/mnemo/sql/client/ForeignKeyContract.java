package dev.mnemo.sql.client;

import org.junit.jupiter.api.Test;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Foreign keys through the driver: violations are SQLState 23503, and DatabaseMetaData's getImportedKeys,
 * getExportedKeys and getCrossReference describe every key column. Run once per driver.
 */
public abstract class ForeignKeyContract extends ConnectedContract {
    protected ForeignKeyContract(JdbcFixture fixture) {
        super(fixture);
    }

    private void makeShop() throws SQLException {
        exec("CREATE TABLE region (country CHAR(2), code INTEGER, name VARCHAR(10), PRIMARY KEY (country, code))");
        exec("CREATE TABLE shop (id INTEGER PRIMARY KEY, country CHAR(2), region INTEGER, code VARCHAR(8) UNIQUE, "
                + "CONSTRAINT shop_region FOREIGN KEY (country, region) REFERENCES region ON DELETE CASCADE "
                + "ON UPDATE CASCADE)");
        exec("CREATE TABLE sale (id INTEGER PRIMARY KEY, shop INTEGER REFERENCES shop ON DELETE SET NULL "
                + "ON UPDATE SET NULL, "
                + "shop_ref VARCHAR(8), CONSTRAINT sale_ref FOREIGN KEY (shop_ref) REFERENCES shop (code) "
                + "ON DELETE RESTRICT ON UPDATE RESTRICT)");
    }

    /** Each row: PK table.column -> FK table.column, KEY_SEQ, UPDATE_RULE, DELETE_RULE, FK_NAME, PK_NAME. */
    private static List<String> keys(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                assertThat(rs.getString("PKTABLE_SCHEM")).isEqualTo(rs.getString("FKTABLE_SCHEM"));
                assertThat(rs.getShort("DEFERRABILITY")).isEqualTo((short) DatabaseMetaData.importedKeyNotDeferrable);
                out.add(rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME") + " -> "
                        + rs.getString("FKTABLE_NAME") + "." + rs.getString("FKCOLUMN_NAME") + " "
                        + rs.getShort("KEY_SEQ") + " " + rs.getShort("UPDATE_RULE") + " " + rs.getShort("DELETE_RULE")
                        + " " + rs.getString("FK_NAME") + " " + rs.getString("PK_NAME"));
            }
        }
        return out;
    }

    @Test
    public void metadataDescribesEachForeignKeyColumnFromBothSides() throws Exception {
        makeShop();
        DatabaseMetaData md = conn.getMetaData();
        int cascade = DatabaseMetaData.importedKeyCascade;
        int setNull = DatabaseMetaData.importedKeySetNull;
        int restrict = DatabaseMetaData.importedKeyRestrict;
        assertThat(keys(md.getImportedKeys(null, null, "shop"))).containsExactly(
                "REGION.COUNTRY -> SHOP.COUNTRY 1 " + cascade + " " + cascade + " SHOP_REGION REGION_PK",
                "REGION.CODE -> SHOP.REGION 2 " + cascade + " " + cascade + " SHOP_REGION REGION_PK");
        assertThat(keys(md.getImportedKeys(null, null, "SALE"))).containsExactly(
                "SHOP.CODE -> SALE.SHOP_REF 1 " + restrict + " " + restrict + " SALE_REF SHOP_CODE_UNIQUE",
                "SHOP.ID -> SALE.SHOP 1 " + setNull + " " + setNull + " SALE_SHOP_FKEY SHOP_PK");
        assertThat(keys(md.getExportedKeys(null, null, "SHOP"))).containsExactly(
                "SHOP.CODE -> SALE.SHOP_REF 1 " + restrict + " " + restrict + " SALE_REF SHOP_CODE_UNIQUE",
                "SHOP.ID -> SALE.SHOP 1 " + setNull + " " + setNull + " SALE_SHOP_FKEY SHOP_PK");
        assertThat(keys(md.getExportedKeys(null, null, "REGION"))).hasSize(2);
        assertThat(keys(md.getCrossReference(null, null, "REGION", null, null, "SHOP"))).hasSize(2);
        assertThat(keys(md.getCrossReference(null, null, "REGION", null, null, "SALE"))).isEmpty();
        assertThat(keys(md.getImportedKeys(null, null, "REGION"))).isEmpty();
        assertThat(keys(md.getImportedKeys(null, null, "NOBODY"))).isEmpty();
    }

    @Test
    public void violationsAreSqlState23503AndChangeNothing() throws Exception {
        makeShop();
        exec("INSERT INTO region VALUES ('NO', 1, 'oslo')");
        exec("INSERT INTO shop VALUES (1, 'NO', 1, 'a')");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO shop VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, 2);
            ps.setString(2, "SE");
            ps.setInt(3, 1);
            ps.setString(4, "b");
            assertThatThrownBy(ps::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("23503"));
        }
        exec("INSERT INTO sale VALUES (1, 1, 'a')");
        assertThatThrownBy(() -> exec("DELETE FROM shop WHERE id = 1")).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("23503"));
        assertThatThrownBy(() -> exec("DROP TABLE region")).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("2BP01"));
        assertThat(rows("SELECT id FROM shop")).containsExactly("1");
        exec("UPDATE sale SET shop_ref = NULL");
        exec("DELETE FROM region");
        assertThat(rows("SELECT id FROM shop")).isEmpty();
        assertThat(rows("SELECT id, shop FROM sale")).containsExactly("1:null");
    }
}
