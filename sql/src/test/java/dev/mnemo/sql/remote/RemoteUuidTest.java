package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.UuidContract;

/** UUID columns through the remote driver, against a live member. */
class RemoteUuidTest extends UuidContract {
    RemoteUuidTest() {
        super(new MemberFixture());
    }
}
