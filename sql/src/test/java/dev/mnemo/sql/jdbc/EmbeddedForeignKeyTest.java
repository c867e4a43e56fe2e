package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.ForeignKeyContract;

/** Foreign keys through the embedded driver. */
class EmbeddedForeignKeyTest extends ForeignKeyContract {
    EmbeddedForeignKeyTest() {
        super(new EmbeddedFixture());
    }
}
