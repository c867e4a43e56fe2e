package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.TimestampTzContract;

/** TIMESTAMP WITH TIME ZONE through the remote driver, against a live member. */
class RemoteTimestampTzTest extends TimestampTzContract {
    RemoteTimestampTzTest() {
        super(new MemberFixture());
    }
}
