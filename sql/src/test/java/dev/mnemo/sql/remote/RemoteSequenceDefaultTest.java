package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.SequenceDefaultContract;

/** Sequence defaults through the remote driver, against a live member. */
class RemoteSequenceDefaultTest extends SequenceDefaultContract {
    RemoteSequenceDefaultTest() {
        super(new MemberFixture());
    }
}
