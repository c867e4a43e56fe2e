package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.IdentityContract;

/** Identity columns through the remote driver, against a live member. */
class RemoteIdentityTest extends IdentityContract {
    RemoteIdentityTest() {
        super(new MemberFixture());
    }
}
