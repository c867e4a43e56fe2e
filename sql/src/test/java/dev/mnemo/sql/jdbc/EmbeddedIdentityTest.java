package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.IdentityContract;

/** Identity columns through the embedded driver. */
class EmbeddedIdentityTest extends IdentityContract {
    EmbeddedIdentityTest() {
        super(new EmbeddedFixture());
    }
}
