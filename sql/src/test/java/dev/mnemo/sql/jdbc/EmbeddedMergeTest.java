package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.MergeContract;

/** MERGE of several WHEN clauses through the embedded driver. */
class EmbeddedMergeTest extends MergeContract {
    EmbeddedMergeTest() {
        super(new EmbeddedFixture());
    }
}
