package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.ViewContract;

/** Views through the remote driver, against a live member. */
class RemoteViewTest extends ViewContract {
    RemoteViewTest() {
        super(new MemberFixture());
    }
}
