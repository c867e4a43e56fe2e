package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.MergeContract;

/** MERGE of several WHEN clauses through the remote driver, against a live member. */
class RemoteMergeTest extends MergeContract {
    RemoteMergeTest() {
        super(new MemberFixture());
    }
}
