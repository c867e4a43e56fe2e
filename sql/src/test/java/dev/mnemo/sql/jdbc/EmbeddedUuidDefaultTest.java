package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.UuidDefaultContract;

/** Random UUID defaults through the embedded driver. */
class EmbeddedUuidDefaultTest extends UuidDefaultContract {
    EmbeddedUuidDefaultTest() {
        super(new EmbeddedFixture());
    }
}
