package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.PoolContract;

/** The embedded driver under a connection pool. */
class EmbeddedPoolTest extends PoolContract {
    EmbeddedPoolTest() {
        super(new EmbeddedFixture());
    }
}
