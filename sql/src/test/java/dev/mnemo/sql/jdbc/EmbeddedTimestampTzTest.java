package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.TimestampTzContract;

/** TIMESTAMP WITH TIME ZONE through the embedded driver. */
class EmbeddedTimestampTzTest extends TimestampTzContract {
    EmbeddedTimestampTzTest() {
        super(new EmbeddedFixture());
    }
}
