package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.SequenceContract;

/** Sequences through the embedded driver. */
class EmbeddedSequenceTest extends SequenceContract {
    EmbeddedSequenceTest() {
        super(new EmbeddedFixture());
    }
}
