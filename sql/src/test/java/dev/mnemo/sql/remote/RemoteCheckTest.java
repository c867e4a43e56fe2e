package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.CheckContract;

/** CHECK constraints through the remote driver, against a live member. */
class RemoteCheckTest extends CheckContract {
    RemoteCheckTest() {
        super(new MemberFixture());
    }
}
