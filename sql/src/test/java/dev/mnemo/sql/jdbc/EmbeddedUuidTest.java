package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.UuidContract;

/** UUID columns through the embedded driver. */
class EmbeddedUuidTest extends UuidContract {
    EmbeddedUuidTest() {
        super(new EmbeddedFixture());
    }
}
