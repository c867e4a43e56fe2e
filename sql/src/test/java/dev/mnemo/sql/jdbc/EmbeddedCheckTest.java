package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.CheckContract;

/** CHECK constraints through the embedded driver. */
class EmbeddedCheckTest extends CheckContract {
    EmbeddedCheckTest() {
        super(new EmbeddedFixture());
    }
}
