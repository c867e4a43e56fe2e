package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.ViewContract;

/** Views through the embedded driver. */
class EmbeddedViewTest extends ViewContract {
    EmbeddedViewTest() {
        super(new EmbeddedFixture());
    }
}
