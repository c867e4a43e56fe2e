package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.SequenceContract;

/** Sequences through the remote driver, against a live member. */
class RemoteSequenceTest extends SequenceContract {
    RemoteSequenceTest() {
        super(new MemberFixture());
    }
}
