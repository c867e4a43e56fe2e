package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.SequenceDefaultContract;

/** Sequence defaults through the embedded driver. */
class EmbeddedSequenceDefaultTest extends SequenceDefaultContract {
    EmbeddedSequenceDefaultTest() {
        super(new EmbeddedFixture());
    }
}
