package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.SharedJdbcContract;

/** The shared JDBC behaviour through the embedded driver. */
class EmbeddedSharedJdbcTest extends SharedJdbcContract {
    EmbeddedSharedJdbcTest() {
        super(new EmbeddedFixture());
    }
}
