package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.SharedJdbcContract;

/** The shared JDBC behaviour through the remote driver, against a live member. */
class RemoteSharedJdbcTest extends SharedJdbcContract {
    RemoteSharedJdbcTest() {
        super(new MemberFixture());
    }
}
