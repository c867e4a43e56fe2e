package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.EmbeddedDatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A UUID key or indexed column equal to a literal or parameter is read by key or index lookup; a sort or order
 * comparison of UUIDs is made on their text, in the order of their bytes unsigned, not on Java's signed compareTo.
 */
class UuidLookupTest extends EmbeddedDatabaseTest {
    private static final String HIGH = "UUID '80000000-0000-4000-8000-000000000000'";

    @BeforeEach
    void makeTable() throws SQLException {
        exec("CREATE TABLE device (id UUID PRIMARY KEY, owner UUID, name VARCHAR(20)) WITH (kind = 'ordered_set')");
        exec("CREATE INDEX device_owner ON device (owner) USING HASH");
    }

    @Test
    void equalityOnTheKeyOrAnIndexedUuidIsALookup() throws SQLException {
        assertThat(plan("SELECT name FROM device WHERE id = " + HIGH)).contains("KEY_EQ =[80000000-");
        assertThat(plan("SELECT name FROM device WHERE id = ?")).contains("KEY_EQ");
        assertThat(plan("SELECT name FROM device WHERE owner = " + HIGH)).contains("INDEX_EQ DEVICE_OWNER");
        assertThat(plan("SELECT name FROM device WHERE owner = CAST(? AS UUID)")).contains("INDEX_EQ DEVICE_OWNER");
    }

    @Test
    void sortsAndOrderComparisonsOfUuidsAreMadeOnTheirText() throws SQLException {
        assertThat(plan("SELECT name FROM device ORDER BY id DESC")).contains("UUID_ORDER_TEXT");
        assertThat(plan("SELECT MAX(owner) FROM device")).contains("UUID_ORDER_TEXT");
        assertThat(plan("SELECT name FROM device WHERE id < " + HIGH)).contains("UUID_ORDER_TEXT");
    }
}
