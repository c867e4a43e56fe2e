package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.NarrowingCastContract;

/** Narrowing casts in comparisons through the remote driver, against a live member. */
class RemoteNarrowingCastTest extends NarrowingCastContract {
    RemoteNarrowingCastTest() {
        super(new MemberFixture());
    }
}
