package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.UuidDefaultContract;

/** Random UUID defaults through the remote driver, against a live member. */
class RemoteUuidDefaultTest extends UuidDefaultContract {
    RemoteUuidDefaultTest() {
        super(new MemberFixture());
    }
}
