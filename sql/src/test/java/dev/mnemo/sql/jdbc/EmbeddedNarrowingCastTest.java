package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.NarrowingCastContract;

/** Narrowing casts in comparisons through the embedded driver. */
class EmbeddedNarrowingCastTest extends NarrowingCastContract {
    EmbeddedNarrowingCastTest() {
        super(new EmbeddedFixture());
    }
}
