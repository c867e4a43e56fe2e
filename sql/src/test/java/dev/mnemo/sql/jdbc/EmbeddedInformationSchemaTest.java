package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.InformationSchemaContract;

/** INFORMATION_SCHEMA through the embedded driver. */
class EmbeddedInformationSchemaTest extends InformationSchemaContract {
    EmbeddedInformationSchemaTest() {
        super(new EmbeddedFixture());
    }
}
